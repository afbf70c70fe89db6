import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { RefusalCode } from '../common/refusal';

registerEnumType(RefusalCode, {
  name: 'RefusalCode',
  description:
    'Why something is refused, as a stable code (in `availableTransitions` and in an error\'s `extensions.refusals`). A frontend hides a button for NOT_YOUR_ROLE and asks for input for REASON_REQUIRED or RESOLUTION_NUMBER_REQUIRED.',
  valuesConfig: {
    NOT_SIGNED_IN: { description: 'Sign in first.' },
    NOT_YOUR_ROLE: { description: 'The viewer\'s roles, seats and delegations do not allow it (see the policy in the README).' },
    REASON_REQUIRED: { description: 'A reason must be given (text made only of invisible characters is none).' },
    RESOLUTION_NUMBER_REQUIRED: { description: 'The number of the resolution must be given.' },
    TITLE_REQUIRED: { description: 'The proposal needs a title.' },
    SUMMARY_REQUIRED: { description: 'The proposal needs a summary.' },
    TRIAD_INCOMPLETE: { description: 'A side of the triad (commissioners, providers, service users) has no voting member present.' },
    CONFLICT_OF_INTEREST: { description: 'The actor represents the organisation the proposal concerns.' },
    HEARING_OPEN: { description: 'The plan\'s public hearing is still open (or scheduled): the plan passes no stage until it closes.' },
    HEARING_UNANSWERED: { description: 'A comment of the plan\'s public hearing has no answer yet.' },
    HEARING_CLOSED: { description: 'The public hearing is not open for comments (not yet, no longer, or the plan is adopted).' },
    DECIDED_ELSEWHERE: { description: 'Another body decides this (a plan is approved by the assembly, never the council).' },
    NOT_THIS_BODY: { description: 'The body is not the one handling the proposal at its current stage.' },
    EVENT_NOT_AVAILABLE: { description: 'The event does not exist in the current stage.' },
    NO_AGENDA: { description: 'A meeting is convened only with an agenda.' },
    NOT_STARTED: { description: 'The meeting has not started yet.' },
    OWN_MINUTES: { description: 'Minutes are never verified by their author.' },
    STATUS_NOT_ALLOWED: { description: 'Not possible in the current status.' },
    NOT_APPROVED_YET: { description: 'Waits for an approval still under way.' },
    NOT_FOR_THIS_KIND: { description: 'The path is for proposals of other kinds (the kindIs guard).' },
  },
});

/** What an actor types when firing a workflow event. */
export enum TransitionInputKind {
  REASON = 'REASON',
  RESOLUTION_NUMBER = 'RESOLUTION_NUMBER',
}

registerEnumType(TransitionInputKind, {
  name: 'TransitionInput',
  description: 'An input a workflow event needs besides the event itself.',
  valuesConfig: {
    REASON: { description: 'A reason (`reason`).' },
    RESOLUTION_NUMBER: { description: 'The number of the resolution (`resolutionNumber`).' },
  },
});

@ObjectType('Refusal', { description: 'One reason something is refused: a stable code and its message in the request language.' })
export class RefusalType {
  @Field(() => RefusalCode, { description: 'The stable code; switch on this, never on the message.' })
  code!: RefusalCode;

  @Field(() => String, { description: 'The reason in the request language (Accept-Language: Czech by default, English on request).' })
  message!: string;
}
