import { getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema, type GraphQLType } from 'graphql';
import { buildTriadaSchema } from '../../src/schema/build-schema';

/**
 * The rule (CHANGELOG, README "API at a glance"): every ID a client sends names the type of the
 * record it refers to — `proposalId`, `agendaItemId`, `hearingCommentId` — never a bare `id` and
 * never an abbreviation (`itemId`, `commentId`). A record named in a role says the role first and
 * the type after it (`delegatePersonId`, `reportsToBodyId`, `guarantorOrganisationIds`). A list of
 * them ends in `Ids`. This holds for every field of every input object and every argument of a
 * query, mutation or subscription; the one exception is the `id` of a single-record lookup
 * (`proposal(id:)`, `meeting(id:)`), as GraphQL APIs universally name it.
 */

/**
 * Short names the API uses for types whose GraphQL name carries their owner (`PlanGoal` is a
 * plan's goal): a client says `goalId`. Each must be the last word(s) of the types it stands for.
 */
const SHORT_NAMES: Record<string, string[]> = {
  Goal: ['PlanGoal'],
  Measure: ['PlanMeasure'],
  Priority: ['PlanPriority'],
  Risk: ['PlanRisk'],
  Hearing: ['PublicHearing'],
  Draft: ['WorkflowDraft'],
  Guarantor: ['GoalGuarantor', 'IndicatorGuarantor'],
};

/** Fields that cannot name one type, each with why. */
const EXCEPTIONS: Record<string, string> = {
  // A priority's parent is a plan, a goal's a priority, a measure's a goal: the part's level decides.
  'AddPlanPartInput.parentId': 'the parent is a Plan, a PlanPriority or a PlanGoal by the level of the part added',
};

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTriadaSchema();
});

const own = () => Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));

/** The type names an ID may name: every object type, and the declared short names. */
function typeNames(): string[] {
  return [...own().filter(isObjectType).map((t) => t.name), ...Object.keys(SHORT_NAMES)];
}

/** `<role?><Type>Id` or `<role?><Type>Ids`: the type name in lowerCamel at the start, or after a lowerCamel role. */
function namesAType(name: string, types: readonly string[]): boolean {
  const match = /^(.+?)(Ids?)$/.exec(name);
  if (!match) return false;
  const stem = match[1];
  return types.some((type) => stem === type.charAt(0).toLowerCase() + type.slice(1) || (stem.endsWith(type) && /^[a-z][A-Za-z]*$/.test(stem.slice(0, -type.length))));
}

const isId = (type: GraphQLType): boolean => getNamedType(type).name === 'ID';

/** A query that looks one record up by its id: `id: ID!` returning one object (not a list). */
function isLookupId(root: string, field: GraphQLField<unknown, unknown>, arg: string): boolean {
  const returns = isNonNullType(field.type) ? field.type.ofType : field.type;
  return root === 'Query' && arg === 'id' && !isListType(returns) && isObjectType(getNamedType(field.type));
}

/** Every input object field and root-field argument of type ID or [ID], as `Type.field` or `Root.field(arg)`. */
function idsClientsSend(): Array<{ where: string; name: string }> {
  const found: Array<{ where: string; name: string }> = [];
  for (const type of own().filter(isInputObjectType)) {
    for (const field of Object.values(type.getFields())) if (isId(field.type)) found.push({ where: `${type.name}.${field.name}`, name: field.name });
  }
  for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!root) continue;
    for (const field of Object.values(root.getFields())) {
      for (const arg of field.args) {
        if (isId(arg.type) && !isLookupId(root.name, field, arg.name)) found.push({ where: `${root.name}.${field.name}(${arg.name})`, name: arg.name });
      }
    }
  }
  return found;
}

test('the rule tells a type-named id from a bare or abbreviated one', () => {
  const types = ['AgendaItem', 'HearingComment', 'Person', 'Organisation', 'Body'];
  expect(['agendaItemId', 'hearingCommentId', 'personId', 'delegatePersonId', 'guarantorOrganisationIds', 'reportsToBodyId'].filter((n) => !namesAType(n, types))).toEqual([]);
  expect(['id', 'ids', 'itemId', 'commentId', 'delegateId', 'reportsToId', 'authorId', 'AgendaItemId', 'agendaitemId', 'agendaItem', 'Id'].filter((n) => namesAType(n, types))).toEqual([]);
});

test('every short name stands for types the schema has, and ends their names', () => {
  const objects = new Set(own().filter(isObjectType).map((t) => t.name));
  const wrong = Object.entries(SHORT_NAMES).flatMap(([short, full]) => full.filter((t) => !objects.has(t) || !t.endsWith(short) || t === short).map((t) => `${short} → ${t}`));
  expect(wrong).toEqual([]);
});

test('no input object has a field named `id`: it names the record (`proposalId`, `meetingId`, …)', () => {
  const bare = own()
    .filter(isInputObjectType)
    .flatMap((t) => Object.keys(t.getFields()).filter((f) => f === 'id').map((f) => `${t.name}.${f}`));
  expect(bare).toEqual([]);
});

test('every ID a client sends (input fields, arguments other than a lookup’s own id) names the type of its record', () => {
  const sent = idsClientsSend();
  // The walk finds the inputs it is about (a vacuous pass would prove nothing).
  expect(sent.map((s) => s.where)).toEqual(expect.arrayContaining(['UpdateProposalInput.proposalId', 'MoveAgendaItemInput.agendaItemId', 'Query.verifyHistory(proposalId)']));
  const types = typeNames();
  const misnamed = sent.filter((s) => !namesAType(s.name, types) && !(s.where in EXCEPTIONS)).map((s) => s.where);
  expect(misnamed).toEqual([]);
});

test('every exception is still in the schema and still needed', () => {
  const types = typeNames();
  const sent = new Map(idsClientsSend().map((s) => [s.where, s.name]));
  const stale = Object.keys(EXCEPTIONS).filter((where) => !sent.has(where) || namesAType(sent.get(where) as string, types));
  expect(stale).toEqual([]);
});
