import { Entity, Enum, ManyToOne, Property, type Opt, type Rel } from '@mikro-orm/core';
import { AreaOwnedEntity } from './area-owned.entity';
import { Body } from './body.entity';
import { MeetingStatus } from './enums';
import { Person } from './person.entity';

/** A meeting of a body; its status runs on a small state machine (src/workflows/meeting.workflow.ts). */
@Entity({ tableName: 'meeting' })
export class Meeting extends AreaOwnedEntity {
  @ManyToOne(() => Body, { fieldName: 'body_id' })
  body!: Rel<Body>;

  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'datetime' })
  startsAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  endsAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  place: string | null = null;

  @Property({ type: 'text', nullable: true })
  onlineLink: string | null = null;

  @Enum({ items: () => MeetingStatus })
  status!: MeetingStatus;

  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'integer' })
  version: Opt<number> = 1;

  @Property({ type: 'date', nullable: true })
  nextMeetingDate: string | null = null;

  @Property({ type: 'text', nullable: true })
  cancelReason: string | null = null;

  @Property({ type: 'datetime', nullable: true })
  convenedAt: Date | null = null;

  @ManyToOne(() => Person, { fieldName: 'convened_by_id', nullable: true })
  convenedBy: Rel<Person> | null = null;

  /** Recorded after it was held (scheduleMeeting with alreadyHeld): never convened here, no invitations went out. */
  @Property({ type: 'boolean' })
  recordedAfterwards: Opt<boolean> = false;

  /** The chair on whose behalf the meeting was convened, when a delegate convened it. */
  @Property({ type: 'uuid', nullable: true })
  convenedOnBehalfOfId: string | null = null;
}
