import type { BodyKind } from './enums';

/** A body as rules see it: which one, and of what kind. */
export interface BodyRef {
  id: string;
  kind: BodyKind;
}
