import { WblSkillsBadge } from './skills-badge.js';

WblSkillsBadge.define('wbl-skills-badge');

export { WblSkillsBadge };
