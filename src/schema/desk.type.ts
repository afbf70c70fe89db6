import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import { BodyType } from './body.type';
import { HearingCommentType } from './hearing.type';
import { IndicatorType } from './plan.type';
import { AgendaItemType, MeetingType } from './meeting.type';
import { PageInfo } from './page-info.type';
import { AvailableTransitionType, ProposalType } from './proposal.type';
import { RefusalType, TransitionInputKind } from './refusal.type';

@ObjectType('Desk', {
  description:
    "What waits for the viewer across all their areas and bodies: proposals to move or waiting on others, meetings to convene or hold, minutes and materials due, indicator values due, hearing comments to answer. Each section lists only what the viewer may see and do (the same judgment as the record's own fields and mutations), with its count, paged.",
})
export class DeskType {
  /** The request's desk as the service judges it (src/services/desk.service.ts). */
  work!: unknown;
}

@ObjectType('DeskProposalToMove', { description: 'A proposal the viewer may move now.' })
export class DeskProposalToMoveType {
  @Field(() => ProposalType, { description: 'The proposal.' })
  proposal!: ProposalType;

  @Field(() => [AvailableTransitionType], {
    description: 'The events the viewer may fire now (the allowed ones of the proposal\'s `availableTransitions`), each with the inputs it asks for (a reason, a resolution number).',
  })
  transitions!: AvailableTransitionType[];
}

@ObjectType('DeskProposalWaiting', { description: "A proposal of the viewer's (its author, or its working group's chair) that waits on a body's decision." })
export class DeskProposalWaitingType {
  @Field(() => ProposalType, { description: 'The proposal.' })
  proposal!: ProposalType;

  @Field(() => BodyType, { description: 'The body handling its current stage: whom it waits on.' })
  waitingOn!: BodyType;
}

@ObjectType('DeskMeetingEvent', { description: "An event of a meeting's workflow as the viewer sees it now." })
export class DeskMeetingEventType {
  @Field(() => String, { description: 'The event: CONVENE (`conveneMeeting`), HOLD (`holdMeeting`) or CANCEL (`cancelMeeting`).' })
  event!: string;

  @Field(() => String, { description: 'Human label of the action, in the request language.' })
  label!: string;

  @Field(() => Boolean, { description: 'Whether the viewer may fire it now, given the inputs in `requiredInputs`.' })
  allowed!: boolean;

  @Field(() => [RefusalType], { description: 'Why not yet, each with a stable code (NO_AGENDA, NOT_STARTED, …); empty when allowed.' })
  refusals!: RefusalType[];

  @Field(() => [TransitionInputKind], { description: 'What the viewer must type to fire it (a reason to cancel).' })
  requiredInputs!: TransitionInputKind[];
}

@ObjectType('DeskMeetingToRun', { description: 'A meeting the viewer convenes by the body\'s rules that is yet to be convened or held.' })
export class DeskMeetingToRunType {
  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: MeetingType;

  @Field(() => BodyType, { description: 'Its body.' })
  body!: BodyType;

  @Field(() => [DeskMeetingEventType], { description: "The convener's events of the meeting's status, allowed now or with the reasons why not yet." })
  events!: DeskMeetingEventType[];
}

@ObjectType('DeskMinutesDue', { description: "A meeting whose minutes wait for the viewer's step: to write, verify or distribute them." })
export class DeskMinutesDueType {
  @Field(() => MeetingType, { description: 'The meeting.' })
  meeting!: MeetingType;

  @Field(() => BodyType, { description: 'Its body.' })
  body!: BodyType;

  @Field(() => String, { description: 'The step: DRAFT_MINUTES (`draftMinutes`), VERIFY_MINUTES (`verifyMinutes`) or DISTRIBUTE_MINUTES (`distributeMinutes`).' })
  event!: string;

  @Field(() => String, { description: 'Human label of the step, in the request language.' })
  label!: string;

  @Field(() => GraphQLLocalDate, { description: "The day (YYYY-MM-DD) the minutes are due to be distributed by: the meeting's day plus the body's `minutesDueDays`." })
  dueOn!: string;

  @Field(() => Boolean, { description: 'Whether that day has passed.' })
  overdue!: boolean;
}

@ObjectType('DeskMaterialsDue', { description: 'An agenda item of an upcoming meeting the viewer presents, with no materials attached yet (to the item, or to the proposal it is about).' })
export class DeskMaterialsDueType {
  @Field(() => AgendaItemType, { description: 'The agenda item (attach its materials with `attachMaterial`).' })
  item!: AgendaItemType;

  @Field(() => MeetingType, { description: 'Its meeting.' })
  meeting!: MeetingType;

  @Field(() => GraphQLLocalDate, { description: "The last day (YYYY-MM-DD) the materials are due by: the meeting's day less the body's `materialsLeadDays`." })
  dueOn!: string;

  @Field(() => Boolean, { description: 'Whether that day has passed (later materials make the item late; only the chair accepts them as urgent).' })
  overdue!: boolean;
}

@ObjectType('DeskIndicatorValueDue', { description: 'An indicator of an adopted plan whose next value is due from the viewer as its guarantor.' })
export class DeskIndicatorValueDueType {
  @Field(() => IndicatorType, { description: 'The indicator (record the value with `recordIndicatorValue`).' })
  indicator!: IndicatorType;

  @Field(() => ID, { description: 'The plan it measures.' })
  planId!: string;

  @Field(() => GraphQLLocalDate, { description: "The day (YYYY-MM-DD) the value was due by: one reporting period after the latest value, or after the baseline while there is none." })
  dueOn!: string;
}

@ObjectType('DeskHearingComment', { description: "A comment of a plan's public hearing waiting for the viewer's answer." })
export class DeskHearingCommentType {
  @Field(() => HearingCommentType, { description: 'The comment (answer it with `answerHearingComment`).' })
  comment!: HearingCommentType;

  @Field(() => ID, { description: 'The plan whose hearing took it.' })
  planId!: string;
}

/** A page of one section of the desk: its edges, paging and count. */
function deskSection<T extends object>(name: string, Node: ClassType<T>, what: string) {
  @ObjectType(`${name}Edge`, { description: `${what} in a page of the desk.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this item.' })
    cursor!: string;

    @Field(() => Node, { description: 'The item.' })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of the desk's section: ${what.toLowerCase()}s.` })
  class Connection {
    @Field(() => [Edge], { description: 'The items on this page.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the section holds, over all pages.' })
    totalCount!: number;
  }
  return Connection;
}

export const DeskProposalToMoveConnection = deskSection('DeskProposalToMove', DeskProposalToMoveType, 'A proposal to move');
export const DeskProposalWaitingConnection = deskSection('DeskProposalWaiting', DeskProposalWaitingType, 'A proposal waiting on others');
export const DeskMeetingToRunConnection = deskSection('DeskMeetingToRun', DeskMeetingToRunType, 'A meeting to convene or hold');
export const DeskMinutesDueConnection = deskSection('DeskMinutesDue', DeskMinutesDueType, 'A meeting with minutes due');
export const DeskMaterialsDueConnection = deskSection('DeskMaterialsDue', DeskMaterialsDueType, 'An agenda item with materials due');
export const DeskIndicatorValueDueConnection = deskSection('DeskIndicatorValueDue', DeskIndicatorValueDueType, 'An indicator value due');
export const DeskHearingCommentConnection = deskSection('DeskHearingComment', DeskHearingCommentType, 'A hearing comment to answer');

/** A section's page as the resolvers return it. */
export interface DeskPage<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}
