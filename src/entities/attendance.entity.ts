import { Entity, Enum, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { AttendanceStatus, TriadSide } from './enums';

/** Whether a person attended a meeting, with the side and vote they held that day. */
@Entity({ tableName: 'attendance' })
export class Attendance {
  @PrimaryKey({ type: 'uuid' })
  meetingId!: string;

  @PrimaryKey({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'uuid' })
  areaId!: string;

  @Enum({ items: () => AttendanceStatus })
  status!: AttendanceStatus;

  @Property({ type: 'boolean' })
  isGuest!: boolean;

  @Enum({ items: () => TriadSide, nullable: true })
  triadSide: TriadSide | null = null;

  @Property({ type: 'boolean' })
  votingRight!: boolean;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'datetime', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Opt<Date> = new Date();
}
