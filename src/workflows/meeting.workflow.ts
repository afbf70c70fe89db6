import { MeetingStatus } from '../domain/enums';
import { RefusalCode, refusal } from '../domain/refusal';
import { hasVisibleText, type Text } from '../domain/text';
import { WorkflowEngine, type GuardVerdict } from './engine';

/** What the meeting guards judge, loaded before the transition. */
export interface MeetingFacts {
  actorIsConvener: boolean;
  actorIsMinuteTaker: boolean;
  actorIsChair: boolean;
  /** Whose power the actor uses when acting by delegation (convening, verifying); recorded with the act. */
  onBehalfOf?: string | null;
  /** The actor wrote the current draft of the minutes. */
  actorDraftedMinutes: boolean;
  agendaItems: number;
  /** The meeting's start has come. */
  started: boolean;
  reason: string | null;
}

type MeetingGuardName = 'isConvener' | 'hasAgenda' | 'hasStarted' | 'reasonGiven' | 'isMinuteTaker' | 'isChair' | 'notMinutesAuthor';

/** The events of a meeting. */
export type MeetingEventName = 'CONVENE' | 'HOLD' | 'RECORD_HELD' | 'CANCEL' | 'DRAFT_MINUTES' | 'VERIFY_MINUTES' | 'DISTRIBUTE_MINUTES';

export interface MeetingTransition {
  from: MeetingStatus[];
  event: MeetingEventName;
  to: MeetingStatus;
  label: Text;
  guards: Array<{ name: MeetingGuardName }>;
}

const PASS: GuardVerdict = { refusals: [] };
/** The guard that judges the actor also says on whose behalf they act. */
const acting = (f: MeetingFacts): GuardVerdict => ({ refusals: [], actingAs: { role: null, side: null, onBehalfOf: f.onBehalfOf ?? null } });
const no = (code: RefusalCode, text: Text): GuardVerdict => ({ refusals: [refusal(code, text)] });

/** Why each meeting guard refuses; nothing when it passes. */
export const MEETING_GUARDS: Record<MeetingGuardName, (f: MeetingFacts) => GuardVerdict> = {
  isConvener: (f) =>
    f.actorIsConvener ? acting(f) : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', en: "Only the body's convener may do this." }),
  hasAgenda: (f) => (f.agendaItems > 0 ? PASS : no(RefusalCode.NO_AGENDA, { cs: 'Pozvánka musí obsahovat program.', en: 'The invitation needs an agenda.' })),
  hasStarted: (f) => (f.started ? PASS : no(RefusalCode.NOT_STARTED, { cs: 'Jednání ještě nezačalo.', en: 'The meeting has not started yet.' })),
  reasonGiven: (f) =>
    hasVisibleText(f.reason) ? { refusals: [], inputs: ['REASON'] } : { ...no(RefusalCode.REASON_REQUIRED, { cs: 'Je třeba uvést důvod.', en: 'A reason is required.' }), inputs: ['REASON'] },
  isMinuteTaker: (f) =>
    f.actorIsMinuteTaker ? PASS : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Zápis píše zapisovatel určený pravidly orgánu.', en: "Only the body's minute-taker writes the minutes." }),
  isChair: (f) => (f.actorIsChair ? acting(f) : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Zápis ověřuje předseda orgánu.', en: 'The chair verifies the minutes.' })),
  notMinutesAuthor: (f) =>
    f.actorDraftedMinutes ? no(RefusalCode.OWN_MINUTES, { cs: 'Zápis nemůže ověřit jeho autor.', en: 'The minutes cannot be verified by their author.' }) : PASS,
};

const guards = (...names: MeetingGuardName[]) => names.map((name) => ({ name }));

/** A meeting's course as data: planned → convened → held → minutes drafted → verified → distributed, or cancelled. */
export const MEETING_TRANSITIONS: MeetingTransition[] = [
  { from: [MeetingStatus.PLANNED], event: 'CONVENE', to: MeetingStatus.CONVENED, guards: guards('isConvener', 'hasAgenda'), label: { cs: 'Svolat', en: 'Convene' } },
  {
    from: [MeetingStatus.PLANNED, MeetingStatus.CONVENED],
    event: 'CANCEL',
    to: MeetingStatus.CANCELLED,
    guards: guards('isConvener', 'reasonGiven'),
    label: { cs: 'Zrušit', en: 'Cancel' },
  },
  { from: [MeetingStatus.CONVENED], event: 'HOLD', to: MeetingStatus.HELD, guards: guards('isConvener', 'hasStarted'), label: { cs: 'Jednání proběhlo', en: 'Mark as held' } },
  // A meeting already held, recorded afterwards (scheduleMeeting with alreadyHeld): never convened here, so no invitations.
  {
    from: [MeetingStatus.PLANNED],
    event: 'RECORD_HELD',
    to: MeetingStatus.HELD,
    guards: guards('isConvener', 'hasStarted'),
    label: { cs: 'Zapsat již konané jednání', en: 'Record a meeting already held' },
  },
  {
    from: [MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_VERIFIED, MeetingStatus.MINUTES_DISTRIBUTED],
    event: 'DRAFT_MINUTES',
    to: MeetingStatus.MINUTES_DRAFTED,
    guards: guards('isMinuteTaker'),
    label: { cs: 'Zapsat zápis', en: 'Draft the minutes' },
  },
  {
    from: [MeetingStatus.MINUTES_DRAFTED],
    event: 'VERIFY_MINUTES',
    to: MeetingStatus.MINUTES_VERIFIED,
    guards: guards('isChair', 'notMinutesAuthor'),
    label: { cs: 'Ověřit zápis', en: 'Verify the minutes' },
  },
  {
    from: [MeetingStatus.MINUTES_VERIFIED],
    event: 'DISTRIBUTE_MINUTES',
    to: MeetingStatus.MINUTES_DISTRIBUTED,
    guards: guards('isMinuteTaker'),
    label: { cs: 'Rozeslat zápis', en: 'Distribute the minutes' },
  },
];

/** The meeting workflow, compiled once and checked like every definition. */
export const meetingWorkflow = new WorkflowEngine<MeetingTransition, MeetingFacts>(
  {
    id: 'meeting@1',
    initial: MeetingStatus.PLANNED,
    stages: Object.values(MeetingStatus).map((key) => ({ key, final: key === MeetingStatus.CANCELLED })),
    transitions: MEETING_TRANSITIONS,
    unavailable: (_event, from) => refusal(RefusalCode.STATUS_NOT_ALLOWED, { cs: `Ve stavu ${from} to nejde.`, en: `Not possible in status ${from}.` }),
  },
  { names: Object.keys(MEETING_GUARDS), judge: (guard, facts) => MEETING_GUARDS[guard.name](facts) },
);
