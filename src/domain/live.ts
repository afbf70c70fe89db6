/** What a change of the desk is about. */
export enum DeskChangeKind {
  PROPOSAL = 'PROPOSAL',
  MEETING = 'MEETING',
  NOTIFICATION = 'NOTIFICATION',
}

/** Something on the viewer's desk changed: read the desk again (or just this subject). */
export interface DeskChange {
  kind: DeskChangeKind;
  /** The proposal, meeting or notification that changed. */
  subjectId: string;
  areaId: string;
}
