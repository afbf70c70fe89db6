import { BodyKind, TriadSide } from '../../src/domain/enums';
import { bodyOfKind, buildTransitionFacts, type FactsSource } from '../../src/workflows/transition-facts';

/**
 * The facts a proposal's transition is judged on (../shared/DESIGN.md §3), built from what the
 * service loads: the author is the actor's own person record, never someone without one; a conflict
 * of interest needs an organisation the proposal concerns and an actor who represents it; a reason
 * or a number of invisible characters only is none; each triad side counts once; a proposal without
 * a hearing has nothing open and nothing unanswered. No database: the services and the API tests
 * (tests/proposals/*) load the same facts from PostgreSQL.
 */

const AUTHOR = '00000000-0000-4000-8000-000000000001';
const SOMEONE = '00000000-0000-4000-8000-000000000002';
const SOURCE: FactsSource = {
  proposal: { kind: 'MEASURE', title: 'Sociální šatník', summary: 'Zřídit sociální šatník.', authorId: AUTHOR, concernedOrganisationId: null },
  actorPersonId: SOMEONE,
  actorAreaRoles: ['COORDINATOR'],
  chain: [],
  actorRepresentsConcerned: false,
  actorChairOf: [{ bodyKind: BodyKind.STEERING_GROUP, side: TriadSide.PROVIDER, onBehalfOf: null }],
  votingSides: [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.COMMISSIONER, TriadSide.SERVICE_USER, TriadSide.PROVIDER],
  reason: 'Podklady nejsou úplné.',
  resolutionNumber: 'RM/12/2026',
};
const facts = (change: Partial<FactsSource> = {}, proposal: Partial<FactsSource['proposal']> = {}) => buildTransitionFacts({ ...SOURCE, ...change, proposal: { ...SOURCE.proposal, ...proposal } });

test('the facts of an ordinary transition, as the guards read them', () => {
  expect(facts()).toEqual({
    proposalKind: 'MEASURE',
    hasTitle: true,
    hasSummary: true,
    actor: { isAuthor: false, authorSide: null, chairOf: SOURCE.actorChairOf, areaRoles: ['COORDINATOR'] },
    triadSidesPresent: [TriadSide.COMMISSIONER, TriadSide.PROVIDER, TriadSide.SERVICE_USER],
    actorHasConflictOfInterest: false,
    reason: 'Podklady nejsou úplné.',
    resolutionNumber: 'RM/12/2026',
    unansweredHearingComments: 0,
    openHearings: 0,
  });
  expect(facts({}, { kind: 'PLAN' }).proposalKind).toBe('PLAN');
  expect(facts({ unansweredHearingComments: 3, openHearings: 1 })).toMatchObject({ unansweredHearingComments: 3, openHearings: 1 });
  expect(facts({ votingSides: [] }).triadSidesPresent).toEqual([]);
});

test('the author is the actor whose own person record wrote the proposal; their side is the seat they hold in its working group', () => {
  expect(facts({ actorPersonId: AUTHOR }).actor.isAuthor).toBe(true);
  expect(facts({ actorPersonId: SOMEONE }).actor.isAuthor).toBe(false);
  // Someone with no person record in the area is nobody's author, whatever the proposal says.
  expect(facts({ actorPersonId: null }).actor.isAuthor).toBe(false);
  expect(facts({ actorPersonId: null }, { authorId: null as unknown as string }).actor.isAuthor).toBe(false);
  expect(facts({ actorPersonId: AUTHOR, actorSideInWorkingGroup: TriadSide.SERVICE_USER }).actor.authorSide).toBe(TriadSide.SERVICE_USER);
  expect(facts({ actorPersonId: AUTHOR, actorSideInWorkingGroup: null }).actor.authorSide).toBeNull();
});

test('a conflict of interest needs an organisation the proposal concerns and an actor who represents it', () => {
  const ORGANISATION = '00000000-0000-4000-8000-0000000000c1';
  expect(facts({ actorRepresentsConcerned: true }, { concernedOrganisationId: ORGANISATION }).actorHasConflictOfInterest).toBe(true);
  expect(facts({ actorRepresentsConcerned: false }, { concernedOrganisationId: ORGANISATION }).actorHasConflictOfInterest).toBe(false);
  expect(facts({ actorRepresentsConcerned: true }, { concernedOrganisationId: null }).actorHasConflictOfInterest).toBe(false);
});

test('text of invisible characters only is no title, no summary, no reason and no number', () => {
  for (const empty of ['', ' ', '\u200b\u00a0\t']) {
    expect([empty, facts({ reason: empty, resolutionNumber: empty }, { title: empty, summary: empty })]).toMatchObject([empty, { hasTitle: false, hasSummary: false, reason: null, resolutionNumber: null }]);
  }
  expect(facts({ reason: null, resolutionNumber: null }, { summary: null })).toMatchObject({ hasSummary: false, reason: null, resolutionNumber: null });
  expect(facts({ reason: ' Důvod ' }).reason).toBe(' Důvod ');
});

test("the chain's body of a kind is the first of that kind from the working group up", () => {
  const chain = [
    { id: 'group', kind: BodyKind.WORKING_GROUP },
    { id: 'steering', kind: BodyKind.STEERING_GROUP },
    { id: 'council', kind: BodyKind.COUNCIL },
    { id: 'second council', kind: BodyKind.COUNCIL },
  ];
  expect(bodyOfKind(chain, BodyKind.WORKING_GROUP)?.id).toBe('group');
  expect(bodyOfKind(chain, BodyKind.COUNCIL)?.id).toBe('council');
  expect(bodyOfKind(chain, BodyKind.ASSEMBLY)).toBeUndefined();
  expect(bodyOfKind([], BodyKind.COUNCIL)).toBeUndefined();
});
