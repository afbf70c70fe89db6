/** What a notice tells of (src/data/outbox.ts writes them, the inbox shows them). */
export type NotificationKind = 'PROPOSAL_MOVED' | 'MEETING_CONVENED' | 'MATERIALS_DEADLINE' | 'MINUTES_OVERDUE' | 'INDICATOR_VALUE_DUE';

/** The kind of record a notice links to (its `subjectId`). */
export enum NotificationSubjectKind {
  PROPOSAL = 'PROPOSAL',
  MEETING = 'MEETING',
  INDICATOR = 'INDICATOR',
}

const SUBJECT_OF: Record<NotificationKind, NotificationSubjectKind> = {
  PROPOSAL_MOVED: NotificationSubjectKind.PROPOSAL,
  MEETING_CONVENED: NotificationSubjectKind.MEETING,
  MATERIALS_DEADLINE: NotificationSubjectKind.MEETING,
  MINUTES_OVERDUE: NotificationSubjectKind.MEETING,
  INDICATOR_VALUE_DUE: NotificationSubjectKind.INDICATOR,
};

/** The kind of record a notice of this kind links to; none for a kind this release does not know. */
export function subjectKindOf(kind: string): NotificationSubjectKind | null {
  return Object.hasOwn(SUBJECT_OF, kind) ? SUBJECT_OF[kind as NotificationKind] : null;
}
