import { randomUUID } from 'node:crypto';
import { buildSchema, getNamedType, isNonNullType, isObjectType, type GraphQLField } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aGlobalAdmin } from '../support/factories';
import { codes, startTestApp, type TestApp } from '../support/test-app';

/**
 * Lookups by id are nullable (issue 18, item 7): one id that is missing, or not the viewer's to
 * see, nulls its own field and reports the error at that field's path; the rest of the answer
 * stands. Generated from the schema: every Query field that takes one required id and answers one
 * record.
 */

let app: TestApp;
let admin: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await aGlobalAdmin(app.em());
});
afterAll(async () => {
  await app.close();
});

const schema = buildSchema(readFileSync(join(__dirname, '../../schema.graphql'), 'utf8'));
const query = schema.getQueryType()!;

/** Query fields taking exactly one required ID argument and answering a single record (not a page, not a file made on request). */
const lookups: Array<GraphQLField<unknown, unknown>> = Object.values(query.getFields()).filter((f) => {
  const required = f.args.filter((a) => isNonNullType(a.type));
  const type = isNonNullType(f.type) ? f.type.ofType : f.type;
  return required.length === 1 && getNamedType(required[0].type).name === 'ID' && isObjectType(type) && !type.name.endsWith('Connection') && !f.name.startsWith('export') && !['previewWorkflowDraft', 'verifyHistory', 'personalDataExport'].includes(f.name);
});

test('the lookups by id are found and every one is nullable', () => {
  expect(lookups.map((f) => f.name).sort()).toEqual(
    expect.arrayContaining(['area', 'body', 'hearingNotice', 'hearingSettlement', 'meeting', 'organisation', 'person', 'plan', 'proposal', 'provider', 'workflowDraft']),
  );
  expect(lookups.filter((f) => isNonNullType(f.type)).map((f) => f.name)).toEqual([]);
});

test.each(lookups.map((f) => [f.name, f] as const))('%s of a missing id nulls that field alone, the error at its path', async (name, field) => {
  const arg = field.args.find((a) => isNonNullType(a.type))!.name;
  const res = await app.gql<Record<string, unknown>>(`query($id: ID!) { areas { id } missing: ${name}(${arg}: $id) { __typename } }`, { id: randomUUID() }, { as: admin });
  expect({ areasListed: Array.isArray(res.data?.areas), missing: res.data?.missing }).toEqual({ areasListed: true, missing: null });
  expect(res.errors?.map((e) => e.path)).toEqual([['missing']]);
  expect(codes(res)).toHaveLength(1);
  expect(['NOT_FOUND', 'FORBIDDEN']).toContain(codes(res)[0]);
});
