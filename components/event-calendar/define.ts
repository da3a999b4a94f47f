import { WblEventCalendar } from './event-calendar.js';

WblEventCalendar.define('wbl-event-calendar');

export { WblEventCalendar };
