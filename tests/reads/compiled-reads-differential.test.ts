import { getNamedType, isNonNullType, typeFromAST, type GraphQLInputType } from 'graphql';
import { Organisation } from '../../src/entities/organisation.entity';
import { Proposal } from '../../src/entities/proposal.entity';
import { WorkflowEvent } from '../../src/entities/workflow-event.entity';
import { ProposalKind } from '../../src/entities/enums';
import { compiledPlan } from '../../src/reads/compiled-reads.plugin';
import { buildTriadaSchema } from '../../src/schema/build-schema';
import { shippedWorkflows } from '../../src/workflows/workflow-registry';
import { anAuthorityWorld, aProposalIn, type AuthorityWorld, type Kind } from '../support/authority-world';
import { queryCorpus, type CorpusDocument } from '../support/query-corpus';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The compiled reads (src/reads) answer exactly as the resolvers do. Every query document of the
 * tests and the benchmark that a compiled read can answer is sent by viewers of every standing the
 * policy tells apart, with variables naming every proposal of a world in every stage (some handled
 * by bodies that no longer hold them, one in another area), every area and filter, first with the
 * compiled reads switched on and then off: the two answers must be the same bytes, errors included.
 * `proposal(id)` is judged on the resolver path by `can()` on one record and on the compiled path by
 * the policy's SQL form, so a rule changed on one side only shows here.
 */

const VIEWERS: readonly Kind[] = ['anonymous', 'stranger', 'otherCoordinator', 'globalAdmin', 'serviceUser', 'commissioner', 'deputy', 'steeringChair', 'councilChair', 'coordinator', 'support'];

let app: TestApp;
let world: AuthorityWorld;
let corpus: CorpusDocument[];
const proposalIds: string[] = [];
let cursor: string;

beforeAll(async () => {
  app = await startTestApp();
  const em = app.em();
  world = await anAuthorityWorld(em);
  const def = shippedWorkflows().get('standard', 1).definition;
  for (const stage of def.stages.map((s) => s.key)) proposalIds.push(await aProposalIn(em, world, def, stage));
  // A plan's proposal (its hearings judged) and one concerning a provider the commissioner represents.
  proposalIds.push(await aProposalIn(em, world, def, 'WORKING_GROUP', ProposalKind.PLAN));
  const org = em.create(Organisation, { areaId: world.areaId, name: 'Poskytovatel', ico: null } as never);
  await em.flush();
  const concerning = await aProposalIn(em, world, def, 'WORKING_GROUP');
  await em.nativeUpdate(Proposal, { id: concerning }, { concernedOrganisation: org });
  proposalIds.push(concerning);
  // Handled earlier by the steering group and the commission, now at the council: their chairs still see it.
  const handled = await aProposalIn(em, world, def, 'COUNCIL');
  const at = new Date('2026-11-01T10:00:00.123Z');
  for (const [seq, [from, to, body]] of ([
    ['WORKING_GROUP', 'STEERING_GROUP', world.bodies.wg.id],
    ['STEERING_GROUP', 'SOCIAL_COMMISSION', world.bodies.steering.id],
    ['SOCIAL_COMMISSION', 'COUNCIL', world.bodies.commission.id],
  ] as const).entries()) {
    em.create(WorkflowEvent, {
      proposalId: handled,
      seq: seq + 1,
      areaId: world.areaId,
      event: 'APPROVE',
      fromState: from,
      toState: to,
      actorId: world.people.chair!.id,
      actorRole: 'CHAIR',
      bodyId: body,
      occurredAt: new Date(at.getTime() + seq * 1000),
      hash: `h${seq}`,
      prevHash: seq === 0 ? null : `h${seq - 1}`,
    } as never);
  }
  await em.flush();
  proposalIds.push(handled);
  const second = await em.findOneOrFail(Proposal, { id: proposalIds[1] });
  cursor = Buffer.from(JSON.stringify([second.createdAt.toISOString(), second.id])).toString('base64url');

  const schema = await buildTriadaSchema();
  corpus = queryCorpus(schema).filter((d) => compiledPlan(schema, d.document, d.operation) !== null);
  variableSchema = schema;
});
afterAll(async () => {
  await app?.close();
});

/** Values the compiled reads hand on to the resolvers by design (a filter the compiled page does not take). */
const BY_DESIGN_ON_RESOLVERS = new Set<unknown>();

let variableSchema: Awaited<ReturnType<typeof buildTriadaSchema>>;

function onResolversByDesign<T>(value: T): T {
  BY_DESIGN_ON_RESOLVERS.add(value);
  return value;
}

/** The values tried for a variable, by its type and name; none when it cannot be made up (the document is then left out). */
function valuesFor(name: string, type: GraphQLInputType): unknown[] | null {
  const named = getNamedType(type).name;
  const required = isNonNullType(type);
  const optional = (values: unknown[]) => (required ? values : [...values, null]);
  switch (named) {
    case 'ProposalFilter':
      return [
        { areaId: world.areaId },
        { areaId: world.areaId, state: 'COUNCIL' },
        { areaId: world.otherAreaId },
        { areaId: world.areaId, state: 'WORKING_GROUP' },
        onResolversByDesign({ areaId: world.areaId, phase: 'IN_REVIEW' }),
      ];
    case 'ID':
      return /^a(rea)?(Id)?$/.test(name) ? [world.areaId, world.otherAreaId] : [...proposalIds, world.areaId, 'not-an-id'];
    case 'Int':
      return optional([2, 100, 0]);
    case 'String':
      // A cursor with a control character: the input hygiene's to refuse, on either path.
      return name === 'after' ? optional([cursor, 'broken', `${cursor}\u0007`]) : null;
    case 'ProposalOrder':
      return optional(['NEWEST', 'OLDEST', 'CHANGED_LATEST', 'CHANGED_EARLIEST']);
    default:
      return null;
  }
}

/**
 * Variable sets for a document, one value changed at a time: the first value of every variable,
 * then each other value of each variable with the others at their first (so that no value hides
 * behind another one's refusal).
 */
function variableSets(doc: CorpusDocument): Array<Record<string, unknown>> | null {
  const lists: Array<[string, unknown[]]> = [];
  for (const definition of doc.operation.variableDefinitions ?? []) {
    const type = typeFromAST(variableSchema, definition.type) as GraphQLInputType | undefined;
    const values = type ? valuesFor(definition.variable.name.value, type) : null;
    if (!values) return null;
    lists.push([definition.variable.name.value, values]);
  }
  const base = Object.fromEntries(lists.map(([name, values]) => [name, values[0]]));
  return [base, ...lists.flatMap(([name, values]) => values.slice(1).map((value) => ({ ...base, [name]: value })))];
}

const tokens = new Map<Kind, Promise<string>>();

async function raw(source: string, variables: Record<string, unknown>, kind: Kind, locale: string, requestId?: string): Promise<string> {
  const subject = world.subjects[kind];
  const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': locale };
  if (requestId) headers['x-request-id'] = requestId;
  if (subject) {
    if (!tokens.has(kind)) tokens.set(kind, app.token(subject));
    headers.authorization = `Bearer ${await tokens.get(kind)}`;
  }
  const res = await fetch(app.url, { method: 'POST', headers, body: JSON.stringify({ query: source, variables }) });
  // A masked error names its own request: the one part of an answer that differs by design.
  return `${res.status} ${(await res.text()).replace(/\(request [0-9a-f-]{36}\)/g, '(request …)')}`;
}

/** Runs the requests a few at a time, answers in order. */
async function inBatches(requests: Array<() => Promise<string>>, width = 6): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < requests.length; i += width) out.push(...(await Promise.all(requests.slice(i, i + width).map((r) => r()))));
  return out;
}

test('every compilable document of the tests and the benchmark answers the same bytes compiled and on the resolvers, for every viewer and variable', async () => {
  expect(corpus.length).toBeGreaterThanOrEqual(15);
  expect(corpus.some((d) => d.file === 'bench/run.mjs')).toBe(true);
  const rootOf = (doc: CorpusDocument) => (doc.operation.selectionSet.selections[0] as { name?: { value: string } }).name?.value;
  const rich = new Set(
    [...new Set(corpus.map(rootOf))].map((root) => corpus.filter((d) => rootOf(d) === root).reduce((a, b) => (b.source.length > a.source.length ? b : a))),
  );
  const differences: string[] = [];
  const unanswered: string[] = [];
  // Where the resolvers answer without an error, the compiled read must have answered itself (not
  // handed the request on): a rule narrowed on the compiled path alone would otherwise hide.
  const handedOn: string[] = [];
  const answeredIds = new Set<string>();
  app.app.compiledReads.onAnswered = (id) => answeredIds.add(id);
  let n = 0;
  for (const doc of corpus) {
    const sets = variableSets(doc);
    if (!sets) throw new Error(`no variables made up for ${doc.file}: ${doc.source}`);
    // The richest document of each root field meets every viewer with every variable set; the
    // others every viewer with every third set (each set still meets a third of the viewers).
    const full = rich.has(doc);
    const cases = VIEWERS.flatMap((kind, i) =>
      sets
        .filter((_, j) => full || (i + j) % 3 === 0)
        .map((variables) => ({ kind, variables, locale: i % 2 === 0 ? 'cs' : 'en', id: `differential-${(n += 1)}` })),
    );
    const before = app.app.compiledReads.answered;
    app.app.compiledReads.enabled = true;
    const compiled = await inBatches(cases.map((c) => () => raw(doc.source, c.variables, c.kind, c.locale, c.id)));
    if (app.app.compiledReads.answered === before) unanswered.push(`${doc.file}: ${doc.source}`);
    app.app.compiledReads.enabled = false;
    const resolved = await inBatches(cases.map((c) => () => raw(doc.source, c.variables, c.kind, c.locale)));
    app.app.compiledReads.enabled = true;
    cases.forEach((c, i) => {
      const byDesign = Object.values(c.variables).some((value) => BY_DESIGN_ON_RESOLVERS.has(value));
      if (!byDesign && !resolved[i].includes('"errors"') && !answeredIds.has(c.id)) handedOn.push(`${doc.file} as ${c.kind} with ${JSON.stringify(c.variables)}`);
      if (compiled[i] !== resolved[i]) differences.push(`${doc.file} as ${c.kind} with ${JSON.stringify(c.variables)}:\n  compiled ${compiled[i]}\n  resolvers ${resolved[i]}`);
    });
  }
  expect(differences.slice(0, 5)).toEqual([]);
  expect(handedOn.slice(0, 5)).toEqual([]);
  // Every document was answered by a compiled read for some viewer: the comparison is not empty.
  expect(unanswered).toEqual([]);
}, 240_000);

test('a document a compiled read cannot answer runs on the resolvers', async () => {
  const before = app.app.compiledReads.answered;
  const res = await raw(`query($id: ID!) { proposal(id: $id) { id concernedOrganisation { name } } }`, { id: proposalIds[1] }, 'coordinator', 'cs');
  expect(res).toMatch(/^200 \{"data":\{"proposal":\{"id":"/);
  const withDirective = await raw(`query($id: ID!, $no: Boolean!) { proposal(id: $id) { id title @skip(if: $no) } }`, { id: proposalIds[1], no: true }, 'coordinator', 'cs');
  expect(withDirective).toBe(`200 {"data":{"proposal":{"id":"${proposalIds[1]}"}}}\n`);
  expect(app.app.compiledReads.answered).toBe(before);
});
