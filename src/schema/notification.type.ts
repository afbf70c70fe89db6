import { IsUUID } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { Notification } from '../entities/notification.entity';
import { localize, type Locale } from '../i18n/locale';

@ObjectType('Notification', { description: 'A notice to the viewer: an invitation, a reminder, a proposal that moved.' })
export class NotificationType {
  @Field(() => ID, { description: 'Identifier of the notification.' })
  id!: string;

  @Field(() => String, { description: 'Kind: MEETING_CONVENED, MATERIALS_DEADLINE, MINUTES_OVERDUE, PROPOSAL_MOVED, INDICATOR_VALUE_DUE.' })
  kind!: string;

  @Field(() => String, { description: 'Text in the request language.' })
  title!: string;

  @Field(() => ID, { nullable: true, description: 'The meeting or proposal it is about.' })
  subjectId!: string | null;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the viewer read it.' })
  readAt!: Date | null;

  static from(this: void, n: Notification, locale: Locale): NotificationType {
    return Object.assign(new NotificationType(), {
      id: n.id,
      kind: n.kind,
      title: localize({ cs: n.titleCs, en: n.titleEn }, locale),
      subjectId: n.subjectId,
      createdAt: n.createdAt,
      readAt: n.readAt,
    });
  }
}

@InputType({ description: 'A notification to mark read.' })
export class MarkNotificationReadInput {
  @Field(() => ID, { description: 'The notification.' })
  @IsUUID('all')
  id!: string;
}
