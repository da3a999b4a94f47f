/** What a person did in `<wbl-my-wbl>`: the kind of form, and the placement or application it was for. */
export type MeActionKind = 'answer' | 'sign' | 'hours' | 'reflection' | 'closing' | 'survey' | 'badge-name';

/** Fired by `<wbl-my-wbl>` after the API accepted something the person did (logged hours, signed, answered an offer…). */
export class WblMeActionEvent extends Event {
  static readonly eventName = 'wbl-me-action';
  readonly detail: { kind: MeActionKind; studentId: string; id: string };
  constructor(kind: MeActionKind, studentId: string, id: string) {
    super(WblMeActionEvent.eventName, { bubbles: true, composed: true });
    this.detail = { kind, studentId, id };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wbl-me-action': WblMeActionEvent;
  }
}
