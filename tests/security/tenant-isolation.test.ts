import {
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isInputObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { DEMO_PEOPLE, loadDemoData } from '../../src/demo/demo-data';
import { buildTriadaSchema } from '../../src/schema/build-schema';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * Tenant isolation, generated from the schema: every root query, with every id of area B's data
 * and its selection expanded through every nested field, asked by area A's coordinator. A may
 * see of B only what an anonymous visitor sees (B's public bodies, adopted plans and the public
 * catalogue): every id, e-mail and phone of B in A's answer must also be in the visitor's.
 */

let app: TestApp;
let schema: GraphQLSchema;
let areaA: string;
let areaB: string;
const bValues = new Set<string>();
const bIds = new Map<string, string[]>();

const subjectOf = (key: string) => DEMO_PEOPLE.find((p) => p.subject === key)!.subject;

beforeAll(async () => {
  app = await startTestApp();
  schema = await buildTriadaSchema();
  expect(await loadDemoData(app.em())).toBe(true);
  const conn = app.em().getConnection();
  const areas = await conn.execute<Array<{ id: string; name: string }>>(`select id, name from planning_area order by name`);
  areaB = areas.find((a) => a.name.includes('Chomutov'))!.id;
  areaA = areas.find((a) => !a.name.includes('Chomutov'))!.id;
  const tables = await conn.execute<Array<{ table_name: string }>>(
    `select c.table_name from information_schema.columns c join information_schema.columns i on i.table_name = c.table_name and i.column_name = 'id'
      where c.column_name = 'area_id' and c.table_schema = 'public'`,
  );
  for (const { table_name: table } of tables) {
    const rows = await conn.execute<Array<{ id: string }>>(`select id::text as id from "${table}" where area_id = ? order by id`, [areaB]);
    bIds.set(table, rows.map((r) => r.id));
    for (const r of rows) bValues.add(r.id);
  }
  bIds.set('planning_area', [areaB]);
  bValues.add(areaB);
  const contacts = await conn.execute<Array<{ email: string | null; phone: string | null }>>(`select email, phone from person where area_id = ?`, [areaB]);
  for (const c of contacts) for (const v of [c.email, c.phone]) if (v) bValues.add(v);
}, 120_000);
afterAll(async () => {
  await app.close();
});

/** Which of B's tables an id argument names: `proposalId` → proposal, `plan(id)` → plan. */
function tableFor(field: string, arg: string): string | undefined {
  const base = arg === 'id' ? field : arg.replace(/Id$/, '');
  const snake = base.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  if (snake === 'area') return 'planning_area';
  return bIds.has(snake) ? snake : undefined;
}

/** A literal for a non-id argument, or undefined to leave an optional one out. */
function literal(type: GraphQLInputType, name: string): string | undefined {
  const required = isNonNullType(type);
  const named = getNamedType(type);
  if (name === 'first') return '20';
  // A page goes one way: `last` beside `first` is refused, and would hide the page's records.
  if (name === 'last') return undefined;
  if (name === 'year') return String(new Date().getUTCFullYear());
  if (name === 'areaId') return `"${areaB}"`;
  if (isEnumType(named)) return required ? named.getValues()[0].name : undefined;
  if (isInputObjectType(named)) {
    const parts = Object.values(named.getFields())
      .map((f) => [f.name, literal(f.type, f.name)] as const)
      .filter((p): p is readonly [string, string] => p[1] !== undefined);
    return required || parts.length ? `{ ${parts.map(([k, v]) => `${k}: ${v}`).join(', ')} }` : undefined;
  }
  if (!required) return undefined;
  if (named.name === 'Int') return '1';
  if (named.name === 'Boolean') return 'false';
  if (named.name === 'LocalDate') return '"2026-01-01"';
  return '"x"';
}

function argsOf(field: GraphQLField<unknown, unknown>, ids: Record<string, string>): string | null {
  const parts: string[] = [];
  for (const arg of field.args as GraphQLArgument[]) {
    if (ids[arg.name]) {
      parts.push(`${arg.name}: "${ids[arg.name]}"`);
      continue;
    }
    if (getNamedType(arg.type).name === 'ID' && arg.name !== 'areaId') {
      if (isNonNullType(arg.type)) return null;
      continue;
    }
    const value = literal(arg.type, arg.name);
    if (value !== undefined) parts.push(`${arg.name}: ${value}`);
    else if (isNonNullType(arg.type)) return null;
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/** Every field of a type down to `depth` levels; fields needing ids we cannot give are left out. */
function selection(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const args = argsOf(field, {});
    if (args === null) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(`${field.name}${args}`);
    else if (isObjectType(named) && depth > 1) {
      const inner = selection(named, depth - 1);
      if (inner) parts.push(`${field.name}${args} { ${inner} }`);
    }
  }
  return parts.join(' ');
}

/** B's values in the data of a response (errors only echo the id asked for, so they are not read). */
function found(res: { data?: unknown } | undefined): Set<string> {
  const text = JSON.stringify(res?.data ?? null);
  return new Set([...bValues].filter((v) => text.includes(v)));
}

test('area A\'s coordinator sees of area B, through every query and nested field, no more than an anonymous visitor', async () => {
  const query = schema.getQueryType()!;
  const asA = { as: subjectOf('demo-krumlov-coordinator') };
  let asked = 0;
  const leaks: string[] = [];
  for (const field of Object.values(query.getFields())) {
    const idArgs = field.args.filter((a) => getNamedType(a.type).name === 'ID' && a.name !== 'areaId');
    const candidates: Array<Record<string, string>> = idArgs.length === 0 ? [{}] : [];
    for (const arg of idArgs) for (const id of bIds.get(tableFor(field.name, arg.name) ?? '') ?? []) candidates.push({ [arg.name]: id });
    const named = getNamedType(field.type);
    for (const ids of candidates) {
      const args = argsOf(field, ids);
      if (args === null) continue;
      let res;
      let anonymous;
      for (const depth of [5, 4, 3, 2]) {
        const doc = isObjectType(named) ? `{ ${field.name}${args} { ${selection(named, depth)} } }` : `{ ${field.name}${args} }`;
        res = await app.gql(doc, {}, asA);
        // Too deep or too long a document (the token limit): ask again less deep.
        if (codes(res).some((c) => c === 'GRAPHQL_VALIDATION_FAILED' || c === 'GRAPHQL_PARSE_FAILED')) continue;
        anonymous = await app.gql(doc, {});
        break;
      }
      if (!res) throw new Error(`no response for ${field.name}`);
      expect({ field: field.name, codes: codes(res).filter((c) => c.startsWith('GRAPHQL')) }).toEqual({ field: field.name, codes: [] });
      asked += 1;
      const publicToo = found(anonymous);
      for (const v of found(res)) if (!publicToo.has(v)) leaks.push(`${field.name}${args}: ${v}`);
    }
  }
  expect(leaks).toEqual([]);
  // Every id-taking query was tried with B's ids: the generation did not silently skip them.
  expect(asked).toBeGreaterThan(50);
}, 300_000);

test('the generated queries do reach B for B\'s own coordinator (the check above can fail)', async () => {
  const res = await app.gql(`query($a: ID!) { proposals(filter: { areaId: $a }, first: 20) { edges { node { id } } } }`, { a: areaB }, { as: subjectOf('demo-chomutov-coordinator') });
  const anonymous = await app.gql(`query($a: ID!) { proposals(filter: { areaId: $a }, first: 20) { edges { node { id } } } }`, { a: areaB });
  expect(found(res).size).toBeGreaterThan(found(anonymous).size);
  expect(areaA).not.toBe(areaB);
});
