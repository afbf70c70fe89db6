import { IsUUID, Length } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { CalendarFeed } from '../entities/calendar-feed.entity';
import { IsPlainText } from './validators';

@ObjectType('CalendarFeed', {
  description:
    'A calendar feed link (odkaz pro kalendář) of a person: a read-only secret that a calendar application (Outlook, Google Calendar, a phone) puts in the feed URL instead of a sign-in. It opens the iCalendar feeds of the meetings the person may see — `GET /calendar/me.ics?feed=<secret>` (the meetings of every body the person sits in today) and `GET /calendar/<bodyId>.ics?feed=<secret>` (one body) — and nothing else: it is no API token. The secret is shown once, when issued (`issueCalendarFeed`); the service keeps only its hash. A person may hold several (one per device or application, up to 10) and revoke each on its own.',
})
export class CalendarFeedType {
  @Field(() => ID, { description: 'Identifier of the link (not its secret).' })
  id!: string;

  @Field(() => ID, { description: 'The person whose calendar it opens.' })
  personId!: string;

  @Field(() => String, { description: 'The person\'s own name for it, e.g. "Telefon" or "Outlook v kanceláři".' })
  label!: string;

  @Field(() => Date, { description: 'When it was issued.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a calendar last fetched a feed with it (to the hour); null if never. A link in use that you do not recognise is a reason to revoke it.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while it works.' })
  revokedAt!: Date | null;

  static from(this: void, feed: CalendarFeed): CalendarFeedType {
    return Object.assign(new CalendarFeedType(), {
      id: feed.id,
      personId: feed.personId,
      label: feed.label,
      createdAt: feed.createdAt,
      lastUsedAt: feed.lastUsedAt,
      revokedAt: feed.revokedAt,
    });
  }
}

@ObjectType('IssuedCalendarFeed', {
  description: 'A calendar feed link just issued, with its secret. This is the only time the secret is shown: give the URL to the calendar application now.',
})
export class IssuedCalendarFeedType {
  @Field(() => CalendarFeedType, { description: 'The link as `myCalendarFeeds` will list it.' })
  feed!: CalendarFeedType;

  @Field(() => String, { description: 'The secret (`kal_…`), for building feed URLs of other bodies. Treat it as a password; it is never shown again.' })
  secret!: string;

  @Field(() => String, { description: 'URL of the personal feed: the meetings of every body the person sits in today, e.g. `https://kpss.example.cz/calendar/me.ics?feed=kal_…`.' })
  url!: string;

  @Field(() => String, { description: 'URL of one body\'s feed with `{bodyId}` to be replaced by the body\'s id, e.g. `https://kpss.example.cz/calendar/{bodyId}.ics?feed=kal_…`.' })
  bodyUrlTemplate!: string;
}

@InputType({ description: 'A new calendar feed link for oneself.' })
export class IssueCalendarFeedInput {
  @Field(() => ID, { description: 'The person whose calendar it opens: the viewer\'s own person (`me.person.id`, or one of `me.people` for a login in several areas).' })
  @IsUUID('all')
  personId!: string;

  @Field(() => String, { description: 'A name to tell it by when revoking, e.g. "Telefon" or "Outlook v kanceláři" (1–100 characters).' })
  @Length(1, 100)
  @IsPlainText()
  label!: string;
}

@InputType({ description: 'A calendar feed link to revoke.' })
export class RevokeCalendarFeedInput {
  @Field(() => ID, { description: 'The link (`CalendarFeed.id`).' })
  @IsUUID('all')
  calendarFeedId!: string;
}
