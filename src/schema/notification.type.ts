import { IsUUID } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationSubjectKind, subjectKindOf } from '../domain/notifications';
import type { Notification } from '../entities/notification.entity';
import { localize, type Locale } from '../i18n/locale';
import { PageInfo } from './page-info.type';

registerEnumType(NotificationSubjectKind, {
  name: 'NotificationSubjectKind',
  description: 'The kind of record a notification links to.',
  valuesConfig: {
    PROPOSAL: { description: 'A proposal: open it with `proposal(id: subjectId)`.' },
    MEETING: { description: 'A meeting: open it with `meeting(id: subjectId)`.' },
    INDICATOR: { description: "An indicator of a plan: its plan's monitoring screen." },
  },
});

@ObjectType('Notification', { description: 'A notice to the viewer: an invitation, a reminder, a proposal that moved.' })
export class NotificationType {
  @Field(() => ID, { description: 'Identifier of the notification.' })
  id!: string;

  @Field(() => String, { description: 'Kind: MEETING_CONVENED, MATERIALS_DEADLINE, MINUTES_OVERDUE, PROPOSAL_MOVED, INDICATOR_VALUE_DUE.' })
  kind!: string;

  @Field(() => String, { description: 'Text in the request language.' })
  title!: string;

  @Field(() => String, {
    nullable: true,
    description: 'More than the title says, in the request language: an invitation gives the date, the time from–to and the place or online link; a moved proposal the stages and the reason given. Null for reminders and for notices made before bodies existed.',
  })
  body!: string | null;

  @Field(() => ID, { nullable: true, description: 'The meeting, proposal or indicator it is about (see `subjectKind`).' })
  subjectId!: string | null;

  @Field(() => NotificationSubjectKind, { nullable: true, description: 'What `subjectId` names, for the link a frontend draws; null when the notice is about nothing in particular.' })
  subjectKind!: NotificationSubjectKind | null;

  @Field(() => Date, { description: 'When it was made.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the viewer read it.' })
  readAt!: Date | null;

  static from(this: void, n: Notification, locale: Locale): NotificationType {
    return Object.assign(new NotificationType(), {
      id: n.id,
      kind: n.kind,
      title: localize({ cs: n.titleCs, en: n.titleEn }, locale),
      body: n.bodyCs === null || n.bodyEn === null ? null : localize({ cs: n.bodyCs, en: n.bodyEn }, locale),
      subjectId: n.subjectId,
      subjectKind: n.subjectId === null ? null : subjectKindOf(n.kind),
      createdAt: n.createdAt,
      readAt: n.readAt,
    });
  }
}

@ObjectType('NotificationEdge', { description: 'A notification in a page of the inbox.' })
export class NotificationEdge {
  @Field(() => String, { description: 'Opaque cursor of this item.' })
  cursor!: string;

  @Field(() => NotificationType, { description: 'The notification.' })
  node!: NotificationType;
}

@ObjectType('NotificationConnection', { description: "A page of the viewer's inbox, newest first, with its counts." })
export class NotificationConnection {
  @Field(() => [NotificationEdge], { description: 'The notifications on this page.' })
  edges!: NotificationEdge[];

  @Field(() => PageInfo, { description: 'Paging information.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'How many notifications match (all, or the unread ones with `unreadOnly`), over all pages.' })
  totalCount!: number;

  @Field(() => Int, { description: 'How many of the viewer\'s notifications are unread, whatever the filter: the badge on the bell.' })
  unreadCount!: number;
}

@InputType({ description: 'A notification to mark read.' })
export class MarkNotificationReadInput {
  @Field(() => ID, { description: 'The notification.' })
  @IsUUID('all')
  notificationId!: string;
}
