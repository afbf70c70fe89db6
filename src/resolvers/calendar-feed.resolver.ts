import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context';
import { CalendarFeedType, IssueCalendarFeedInput, IssuedCalendarFeedType, RevokeCalendarFeedInput } from '../schema/calendar-feed.type';

@Resolver(() => CalendarFeedType)
export class CalendarFeedResolver {
  @Query(() => [CalendarFeedType], { description: "The viewer's calendar feed links that still work, newest first, without their secrets (empty for the public)." })
  async myCalendarFeeds(@Ctx() ctx: RequestContext): Promise<CalendarFeedType[]> {
    return (await ctx.services.calendarFeeds.mine(ctx)).map(CalendarFeedType.from);
  }

  @Mutation(() => IssuedCalendarFeedType, {
    description:
      'Issues a calendar feed link (odkaz pro kalendář) for the viewer\'s own person and returns its secret and URLs — once; the service keeps only a hash. Issuing again adds another link and leaves the others working (one per device or application; at most 10 active, more is CONFLICT). Another person of the area is FORBIDDEN, anyone else NOT_FOUND.',
  })
  async issueCalendarFeed(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => IssueCalendarFeedInput, { description: 'What to do; see the input type.' }) input: IssueCalendarFeedInput,
  ): Promise<IssuedCalendarFeedType> {
    const issued = await ctx.services.calendarFeeds.issue(ctx, input);
    return Object.assign(new IssuedCalendarFeedType(), { ...issued, feed: CalendarFeedType.from(issued.feed) });
  }

  @Mutation(() => CalendarFeedType, {
    description:
      "Revokes one of the viewer's calendar feed links: from now on its URLs answer 401 and the calendar application shows no more meetings; the viewer's other links keep working. Revoking it again returns it unchanged. Someone else's link is NOT_FOUND.",
  })
  async revokeCalendarFeed(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => RevokeCalendarFeedInput, { description: 'What to do; see the input type.' }) input: RevokeCalendarFeedInput,
  ): Promise<CalendarFeedType> {
    return CalendarFeedType.from(await ctx.services.calendarFeeds.revoke(ctx, input.calendarFeedId));
  }
}
