import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Who received a version of the minutes, and when. */
@Entity({ tableName: 'minutes_recipient' })
export class MinutesRecipient {
  @PrimaryKey({ type: 'uuid' })
  minutesId!: string;

  @PrimaryKey({ type: 'uuid' })
  personId!: string;

  @Property({ type: 'uuid' })
  areaId!: string;

  @Property({ type: 'datetime' })
  sentAt!: Date;
}
