import { MeetingStatus } from '../../src/domain/enums';
import { meetingWorkflow, type MeetingFacts } from '../../src/workflows/meeting.workflow';

/**
 * A meeting's course, from the rules of the bodies (../shared/DESIGN.md §4, the seeds' rules of
 * procedure): the convener convenes it (with an agenda), cancels it (saying why) and marks it held
 * once it has started — or records one already held; the minute-taker drafts the minutes (a new
 * version at any time after the meeting) and distributes them once verified; the chair verifies them,
 * never the one who wrote them. For every event from every status, with every condition met and
 * each one broken in turn. No database: tests/meetings/* run the same rules through GraphQL.
 */

type Need = 'convener' | 'agenda' | 'started' | 'reason' | 'minuteTaker' | 'chair' | 'notAuthor';
const S = MeetingStatus;

const RULES: Record<string, { from: MeetingStatus[]; to: MeetingStatus; needs: Need[] }> = {
  CONVENE: { from: [S.PLANNED], to: S.CONVENED, needs: ['convener', 'agenda'] },
  CANCEL: { from: [S.PLANNED, S.CONVENED], to: S.CANCELLED, needs: ['convener', 'reason'] },
  HOLD: { from: [S.CONVENED], to: S.HELD, needs: ['convener', 'started'] },
  RECORD_HELD: { from: [S.PLANNED], to: S.HELD, needs: ['convener', 'started'] },
  DRAFT_MINUTES: { from: [S.HELD, S.MINUTES_DRAFTED, S.MINUTES_VERIFIED, S.MINUTES_DISTRIBUTED], to: S.MINUTES_DRAFTED, needs: ['minuteTaker'] },
  VERIFY_MINUTES: { from: [S.MINUTES_DRAFTED], to: S.MINUTES_VERIFIED, needs: ['chair', 'notAuthor'] },
  DISTRIBUTE_MINUTES: { from: [S.MINUTES_VERIFIED], to: S.MINUTES_DISTRIBUTED, needs: ['minuteTaker'] },
};

/** What each condition refuses with, in both languages. */
const REFUSED: Record<Need, [string, string, string]> = {
  convener: ['NOT_YOUR_ROLE', 'Toto smí jen ten, kdo podle pravidel orgánu svolává jednání.', "Only the body's convener may do this."],
  agenda: ['NO_AGENDA', 'Pozvánka musí obsahovat program.', 'The invitation needs an agenda.'],
  started: ['NOT_STARTED', 'Jednání ještě nezačalo.', 'The meeting has not started yet.'],
  reason: ['REASON_REQUIRED', 'Je třeba uvést důvod.', 'A reason is required.'],
  minuteTaker: ['NOT_YOUR_ROLE', 'Zápis píše zapisovatel určený pravidly orgánu.', "Only the body's minute-taker writes the minutes."],
  chair: ['NOT_YOUR_ROLE', 'Zápis ověřuje předseda orgánu.', 'The chair verifies the minutes.'],
  notAuthor: ['OWN_MINUTES', 'Zápis nemůže ověřit jeho autor.', 'The minutes cannot be verified by their author.'],
};

/** Every condition met. */
const MET: MeetingFacts = {
  actorIsConvener: true,
  actorIsMinuteTaker: true,
  actorIsChair: true,
  onBehalfOf: 'chair-person',
  actorDraftedMinutes: false,
  agendaItems: 1,
  started: true,
  reason: 'Předseda je nemocen.',
};
/** The facts with one condition broken. */
const BROKEN: Record<Need, Partial<MeetingFacts>> = {
  convener: { actorIsConvener: false },
  agenda: { agendaItems: 0 },
  started: { started: false },
  reason: { reason: null },
  minuteTaker: { actorIsMinuteTaker: false },
  chair: { actorIsChair: false },
  notAuthor: { actorDraftedMinutes: true },
};
const words = (refusals: Array<{ code: string; text: { cs: string; en: string } }>) => refusals.map((r) => [r.code, r.text.cs, r.text.en]);

test('every event from every status: allowed with every condition met, refused naming each broken one, refused in any other status', () => {
  expect(Object.keys(RULES).sort()).toEqual(meetingWorkflow.definition.transitions.map((t) => t.event).sort());
  for (const [event, rule] of Object.entries(RULES)) {
    for (const status of Object.values(MeetingStatus)) {
      const at = meetingWorkflow.snapshotAt(status);
      const decide = (facts: MeetingFacts) => meetingWorkflow.decide(at, event, facts);
      if (!rule.from.includes(status)) {
        const refused = decide(MET);
        expect([event, status, refused.allowed ? 'allowed' : words(refused.refusals)]).toEqual([event, status, [['STATUS_NOT_ALLOWED', `Ve stavu ${status} to nejde.`, `Not possible in status ${status}.`]]]);
        continue;
      }
      const done = decide(MET);
      if (!done.allowed) throw new Error(`${event} from ${status} refused: ${JSON.stringify(done.refusals)}`);
      // Who convenes or verifies may be acting for the chair: that is recorded with the act.
      const acting = rule.needs.includes('convener') || rule.needs.includes('chair');
      expect([event, status, done.from, done.to, meetingWorkflow.stateOf(done.snapshot), done.actingAs]).toEqual([
        event,
        status,
        status,
        rule.to,
        rule.to,
        { role: null, side: null, onBehalfOf: acting ? 'chair-person' : null },
      ]);
      for (const need of rule.needs) {
        const refused = decide({ ...MET, ...BROKEN[need] });
        expect([event, status, need, refused.allowed ? 'allowed' : words(refused.refusals)]).toEqual([event, status, need, [REFUSED[need]]]);
      }
      const everythingBroken = decide(Object.assign({}, MET, ...Object.values(BROKEN)) as MeetingFacts);
      expect([event, status, everythingBroken.allowed ? 'allowed' : words(everythingBroken.refusals)]).toEqual([event, status, rule.needs.map((need) => REFUSED[need])]);
    }
  }
});

test('a convener acting in their own right acts on behalf of nobody', () => {
  const done = meetingWorkflow.decide(meetingWorkflow.snapshotAt(S.PLANNED), 'CONVENE', { ...MET, onBehalfOf: undefined });
  expect(done.allowed && done.actingAs).toEqual({ role: null, side: null, onBehalfOf: null });
  const verified = meetingWorkflow.decide(meetingWorkflow.snapshotAt(S.MINUTES_DRAFTED), 'VERIFY_MINUTES', { ...MET, onBehalfOf: null });
  expect(verified.allowed && verified.actingAs).toEqual({ role: null, side: null, onBehalfOf: null });
});

test('a reason of spaces and invisible characters is no reason; cancelling asks for one', () => {
  for (const reason of ['', '   ', '\u200b\u00a0']) {
    const refused = meetingWorkflow.decide(meetingWorkflow.snapshotAt(S.CONVENED), 'CANCEL', { ...MET, reason });
    expect([reason, refused.allowed ? 'allowed' : words(refused.refusals)]).toEqual([reason, [REFUSED.reason]]);
  }
  const options = meetingWorkflow.options(S.CONVENED, MET).map((o) => [o.transition.event, o.refusals.length, o.inputs]);
  expect(options.sort()).toEqual([
    ['CANCEL', 0, ['REASON']],
    ['HOLD', 0, []],
  ]);
  expect(meetingWorkflow.options(S.CONVENED, { ...MET, reason: null }).find((o) => o.transition.event === 'CANCEL')?.inputs).toEqual(['REASON']);
});

test('a new meeting is planned; a cancelled one is over', () => {
  expect(meetingWorkflow.start().state).toBe(S.PLANNED);
  expect(meetingWorkflow.stateOf(meetingWorkflow.start().snapshot)).toBe(S.PLANNED);
  expect(meetingWorkflow.options(S.CANCELLED, MET)).toEqual([]);
});
