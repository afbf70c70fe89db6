import { and, setup } from 'xstate';
import { MeetingStatus } from '../entities/enums';
import { hasVisibleText } from '../common/text';
import { RefusalCode, refusal, type Refusal } from '../common/refusal';
import type { Text } from '../i18n/locale';

/** What the meeting guards judge, loaded before the transition. */
export interface MeetingFacts {
  actorIsConvener: boolean;
  actorIsMinuteTaker: boolean;
  actorIsChair: boolean;
  /** Whose chair's power the actor used, when acting by delegation (recorded with the act). */
  onBehalfOf?: string | null;
  /** The actor wrote the current draft of the minutes. */
  actorDraftedMinutes: boolean;
  agendaItems: number;
  /** The meeting's start has come. */
  started: boolean;
  reason: string | null;
}

export interface MeetingEvent {
  type: 'CONVENE' | 'HOLD' | 'CANCEL' | 'DRAFT_MINUTES' | 'VERIFY_MINUTES' | 'DISTRIBUTE_MINUTES';
  facts: MeetingFacts;
}

type GuardName = 'isConvener' | 'hasAgenda' | 'hasStarted' | 'reasonGiven' | 'isMinuteTaker' | 'isChair' | 'notMinutesAuthor';

const no = (code: RefusalCode, text: Text): Refusal[] => [refusal(code, text)];

/** Why each guard refuses, empty when it passes. */
export const MEETING_GUARDS: Record<GuardName, (f: MeetingFacts) => Refusal[]> = {
  isConvener: (f) =>
    f.actorIsConvener ? [] : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', en: "Only the body's convener may do this." }),
  hasAgenda: (f) => (f.agendaItems > 0 ? [] : no(RefusalCode.NO_AGENDA, { cs: 'Pozvánka musí obsahovat program.', en: 'The invitation needs an agenda.' })),
  hasStarted: (f) => (f.started ? [] : no(RefusalCode.NOT_STARTED, { cs: 'Jednání ještě nezačalo.', en: 'The meeting has not started yet.' })),
  reasonGiven: (f) => (hasVisibleText(f.reason) ? [] : no(RefusalCode.REASON_REQUIRED, { cs: 'Je třeba uvést důvod.', en: 'A reason is required.' })),
  isMinuteTaker: (f) =>
    f.actorIsMinuteTaker ? [] : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Zápis píše zapisovatel určený pravidly orgánu.', en: "Only the body's minute-taker writes the minutes." }),
  isChair: (f) => (f.actorIsChair ? [] : no(RefusalCode.NOT_YOUR_ROLE, { cs: 'Zápis ověřuje předseda orgánu.', en: 'The chair verifies the minutes.' })),
  notMinutesAuthor: (f) =>
    f.actorDraftedMinutes ? no(RefusalCode.OWN_MINUTES, { cs: 'Zápis nemůže ověřit jeho autor.', en: 'The minutes cannot be verified by their author.' }) : [],
};

/** The events of each status, with their target and guards: the data the machine is built from. */
export const MEETING_TRANSITIONS: Array<{ from: MeetingStatus; event: MeetingEvent['type']; to: MeetingStatus; guards: GuardName[]; label: Text }> = [
  { from: MeetingStatus.PLANNED, event: 'CONVENE', to: MeetingStatus.CONVENED, guards: ['isConvener', 'hasAgenda'], label: { cs: 'Svolat', en: 'Convene' } },
  { from: MeetingStatus.PLANNED, event: 'CANCEL', to: MeetingStatus.CANCELLED, guards: ['isConvener', 'reasonGiven'], label: { cs: 'Zrušit', en: 'Cancel' } },
  { from: MeetingStatus.CONVENED, event: 'CANCEL', to: MeetingStatus.CANCELLED, guards: ['isConvener', 'reasonGiven'], label: { cs: 'Zrušit', en: 'Cancel' } },
  { from: MeetingStatus.CONVENED, event: 'HOLD', to: MeetingStatus.HELD, guards: ['isConvener', 'hasStarted'], label: { cs: 'Jednání proběhlo', en: 'Mark as held' } },
  ...[MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED, MeetingStatus.MINUTES_VERIFIED, MeetingStatus.MINUTES_DISTRIBUTED].map((from) => ({
    from,
    event: 'DRAFT_MINUTES' as const,
    to: MeetingStatus.MINUTES_DRAFTED,
    guards: ['isMinuteTaker'] as GuardName[],
    label: { cs: 'Zapsat zápis', en: 'Draft the minutes' },
  })),
  { from: MeetingStatus.MINUTES_DRAFTED, event: 'VERIFY_MINUTES', to: MeetingStatus.MINUTES_VERIFIED, guards: ['isChair', 'notMinutesAuthor'], label: { cs: 'Ověřit zápis', en: 'Verify the minutes' } },
  { from: MeetingStatus.MINUTES_VERIFIED, event: 'DISTRIBUTE_MINUTES', to: MeetingStatus.MINUTES_DISTRIBUTED, guards: ['isMinuteTaker'], label: { cs: 'Rozeslat zápis', en: 'Distribute the minutes' } },
];

const guard = (names: GuardName[]) => and(names.map((type) => ({ type })));

/** The meeting status machine; minutes extend it from HELD. */
export const meetingMachine = setup({
  types: { events: {} as MeetingEvent },
  guards: Object.fromEntries(
    (Object.keys(MEETING_GUARDS) as GuardName[]).map((name) => [name, ({ event }: { event: MeetingEvent }) => MEETING_GUARDS[name](event.facts).length === 0]),
  ) as Record<GuardName, (args: { event: MeetingEvent }) => boolean>,
}).createMachine({
  id: 'meeting',
  initial: MeetingStatus.PLANNED,
  states: Object.fromEntries(
    Object.values(MeetingStatus).map((status) => {
      const out = MEETING_TRANSITIONS.filter((t) => t.from === status);
      return [
        status,
        status === MeetingStatus.CANCELLED
          ? { type: 'final' as const }
          : { on: Object.fromEntries(out.map((t) => [t.event, { target: t.to, guard: guard(t.guards) }])) },
      ];
    }),
  ),
});

export function meetingReasons(event: MeetingEvent['type'], from: MeetingStatus, facts: MeetingFacts): Refusal[] | null {
  const t = MEETING_TRANSITIONS.find((x) => x.event === event && x.from === from);
  return t ? t.guards.flatMap((g) => MEETING_GUARDS[g](facts)) : null;
}
