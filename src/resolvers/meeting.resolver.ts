import { GraphQLLocalDate } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import { selectsField } from '../common/selection';
import type { RequestContext } from '../context';
import { notFound } from '../errors/app-errors';
import { BodyType } from '../schema/body.type';
import { ConnectionArgs } from '../schema/connection.args';
import { PageInfo } from '../schema/page-info.type';
import { PersonType } from '../schema/person.type';
import { MeetingConnection } from '../schema/meeting-connection.type';
import { MeetingService } from '../services/meeting.service';
import {
  AddAgendaItemInput,
  MeetingActionInput,
  MeetingFilter,
  MoveAgendaItemInput,
  RecordAttendanceInput,
  RecordResolutionInput,
  ScheduleMeetingInput,
  UpdateMeetingInput,
} from '../schema/meeting.input';
import { AgendaItemType, AttendanceType, MeetingType, QuorumType, ResolutionType, TriadRepresentationType } from '../schema/meeting.type';

const INPUT = { description: 'What to do; see the input type.' };

@Resolver(() => MeetingType)
export class MeetingResolver {
  @Query(() => MeetingType, { nullable: true, description: 'One meeting the viewer may see; NOT_FOUND otherwise. Null then, with the error at this field\'s path, so that the rest of the answer stands.' })
  async meeting(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The meeting.' }) id: string): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.get(ctx, id));
  }

  @Query(() => MeetingConnection, { description: 'Meetings of an area the viewer may see, by start time.' })
  async meetings(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => MeetingFilter, { description: 'Which meetings.' }) filter: MeetingFilter,
    @Args(() => ConnectionArgs) paging: ConnectionArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MeetingConnection> {
    const page = await ctx.services.meetings.page(ctx, filter, paging);
    const edges = page.items.map((m) => ({ cursor: MeetingService.cursor(m), node: MeetingType.from(m) }));
    const totalCount = selectsField(info, 'totalCount') ? await page.totalCount() : 0;
    return { edges, pageInfo: PageInfo.of(page, edges), totalCount };
  }

  @Mutation(() => MeetingType, { description: "Schedules a meeting of a body. The body's convener (its rule: chair, coordinator, or either)." })
  async scheduleMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => ScheduleMeetingInput, INPUT) input: ScheduleMeetingInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.schedule(ctx, input));
  }

  @Mutation(() => MeetingType, { description: 'Changes a meeting: time and place while planned or convened; the next meeting date at any time. The convener.' })
  async updateMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => UpdateMeetingInput, INPUT) input: UpdateMeetingInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.update(ctx, input));
  }

  @Mutation(() => MeetingType, { description: 'Convenes a planned meeting (the invitation with the agenda goes out). The convener; needs an agenda.' })
  async conveneMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => MeetingActionInput, INPUT) input: MeetingActionInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.act(ctx, input, 'CONVENE'));
  }

  @Mutation(() => MeetingType, { description: 'Records that a convened meeting took place, once it has started. The convener.' })
  async holdMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => MeetingActionInput, INPUT) input: MeetingActionInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.act(ctx, input, 'HOLD'));
  }

  @Mutation(() => MeetingType, { description: 'Cancels a planned or convened meeting, with a reason. The convener.' })
  async cancelMeeting(@Ctx() ctx: RequestContext, @Arg('input', () => MeetingActionInput, INPUT) input: MeetingActionInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.act(ctx, input, 'CANCEL'));
  }

  @Mutation(() => MeetingType, {
    description: "Adds an agenda item at the end; returns the meeting, its agenda listing the new item last. The convener or the chair; late materials only with the chair's urgency reason.",
  })
  async addAgendaItem(@Ctx() ctx: RequestContext, @Arg('input', () => AddAgendaItemInput, INPUT) input: AddAgendaItemInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.addAgendaItem(ctx, input));
  }

  @Mutation(() => MeetingType, { description: 'Moves an agenda item; returns the meeting, its agenda in the new order. The convener.' })
  async moveAgendaItem(@Ctx() ctx: RequestContext, @Arg('input', () => MoveAgendaItemInput, INPUT) input: MoveAgendaItemInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.moveAgendaItem(ctx, input));
  }

  @Mutation(() => MeetingType, { description: "Records attendance. The convener or the body's secretary." })
  async recordAttendance(@Ctx() ctx: RequestContext, @Arg('input', () => RecordAttendanceInput, INPUT) input: RecordAttendanceInput): Promise<MeetingType> {
    return MeetingType.from(await ctx.services.meetings.recordAttendance(ctx, input));
  }

  @Mutation(() => ResolutionType, {
    description:
      "Records a resolution of a held meeting. The convener, chair or secretary. Adopted and tied to a proposal on the agenda, it fires the proposal's event in the same transaction, with the triad rule judged on this meeting's attendance; a refusal writes nothing.",
  })
  async recordResolution(@Ctx() ctx: RequestContext, @Arg('input', () => RecordResolutionInput, INPUT) input: RecordResolutionInput): Promise<ResolutionType> {
    return ResolutionType.from(await ctx.services.resolutions.record(ctx, input));
  }

  @FieldResolver(() => [ResolutionType], { description: 'Resolutions of the meeting, in order of recording.' })
  async resolutions(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<ResolutionType[]> {
    return (await ctx.services.resolutions.ofMeeting(ctx, m.entity)).map(ResolutionType.from);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who convened it; null until convened.' })
  async convenedBy(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<PersonType | null> {
    const id = m.entity.convenedBy?.id;
    const person = id ? await ctx.loaders.personById.load(id) : null;
    return person ? PersonType.from(person) : null;
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The chair on whose behalf it was convened, when someone the chair delegated convening to convened it; null otherwise." })
  async convenedOnBehalfOf(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<PersonType | null> {
    const id = m.entity.convenedOnBehalfOfId;
    const person = id ? await ctx.loaders.personById.load(id) : null;
    return person ? PersonType.from(person) : null;
  }

  @FieldResolver(() => BodyType, { description: 'The body meeting.' })
  async body(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<BodyType> {
    const body = await ctx.loaders.bodyById.load(m.entity.body.id);
    if (!body) throw notFound(ctx.locale, 'Body', m.entity.body.id);
    return BodyType.from(body);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the meeting is public (from its body).' })
  async isPublic(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<boolean> {
    return (await ctx.loaders.bodyById.load(m.entity.body.id))?.isPublic === true;
  }

  @FieldResolver(() => GraphQLLocalDate, { description: "Last day (YYYY-MM-DD) by which a proposal's materials must have been submitted to go on the agenda." })
  async materialsDeadline(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<string> {
    const body = await ctx.loaders.bodyById.load(m.entity.body.id);
    return ctx.services.meetings.materialsDeadline(m.entity, body!);
  }

  @FieldResolver(() => GraphQLLocalDate, { description: 'Day (YYYY-MM-DD) by which the minutes must go out.' })
  async minutesDueDate(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<string> {
    const body = await ctx.loaders.bodyById.load(m.entity.body.id);
    return ctx.services.meetings.minutesDueDate(m.entity, body!);
  }

  @FieldResolver(() => [AgendaItemType], { description: 'The agenda, in order.' })
  async agenda(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<AgendaItemType[]> {
    return (await ctx.services.meetings.agenda(ctx, m.entity)).map(AgendaItemType.from);
  }

  @FieldResolver(() => [AttendanceType], { description: 'Attendance as recorded.' })
  async attendance(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<AttendanceType[]> {
    return (await ctx.services.meetings.attendance(ctx, m.entity)).map(AttendanceType.from);
  }

  @FieldResolver(() => QuorumType, { description: "Present voting members against the body's quorum rule." })
  async quorum(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<QuorumType> {
    return ctx.services.meetings.quorum(ctx, m.entity);
  }

  @FieldResolver(() => TriadRepresentationType, { description: 'Which triad sides are present with a vote.' })
  async triadRepresentation(@Ctx() ctx: RequestContext, @Root() m: MeetingType): Promise<TriadRepresentationType> {
    return ctx.services.meetings.triadRepresentation(ctx, m.entity);
  }
}
