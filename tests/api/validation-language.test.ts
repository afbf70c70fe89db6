import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { isWorded } from '../../src/errors/validation-text';
import { Person } from '../../src/entities/person.entity';
import { aGlobalAdmin, anArea } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Input validation speaks the request's language (issue 18, item 7): a refused value is worded in
 * Czech by default and in English on `Accept-Language: en`, like every other error, with the
 * check's own bounds; the field names and the code stay the same in both.
 */

let app: TestApp;
let admin: string;
let areaId: string;
beforeAll(async () => {
  app = await startTestApp();
  admin = await aGlobalAdmin(app.em());
  areaId = (await anArea(app.em())).id;
});
afterAll(async () => {
  await app.close();
});

const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
const BROKEN = { name: 'x'.repeat(201), email: 'bez zavináče', phone: 'volejte mi', organisationId: 'acme' };

interface Refusal {
  message: string;
  extensions: { code: string; fields: Array<{ field: string; message: string }> };
}

async function refusal(headers: Record<string, string>): Promise<Refusal> {
  const res = await app.gql(CREATE, { input: { areaId, ...BROKEN } }, { as: admin, headers });
  expect(res.errors).toHaveLength(1);
  return res.errors![0] as unknown as Refusal;
}

test('a refused input in Czech by default, in English on request: the same fields and code, each check with its bounds', async () => {
  const before = await app.em().count(Person, { areaId });
  const czech = await refusal({});
  const english = await refusal({ 'accept-language': 'en-GB,en;q=0.9' });
  const explicitCzech = await refusal({ 'accept-language': 'cs-CZ' });
  expect(explicitCzech).toEqual(czech);

  for (const r of [czech, english]) expect(r.extensions.code).toBe('BAD_USER_INPUT');
  const fieldsOf = (r: Refusal) => r.extensions.fields.map((f) => f.field).sort();
  expect(fieldsOf(czech)).toEqual(fieldsOf(english));
  expect(new Set(fieldsOf(czech))).toEqual(new Set(['name', 'email', 'phone', 'organisationId']));

  const say = (r: Refusal, field: string) => r.extensions.fields.filter((f) => f.field === field).map((f) => f.message);
  expect(say(czech, 'name')).toEqual(['musí mít 1 až 200 znaků']);
  expect(say(english, 'name')).toEqual(['must be 1 to 200 characters long']);
  expect(say(czech, 'email')).toContain('musí být e-mailová adresa');
  expect(say(english, 'email')).toContain('must be an e-mail address');
  expect(say(czech, 'organisationId')).toEqual(['musí být identifikátor (UUID)']);
  expect(say(english, 'organisationId')).toEqual(['must be an id (UUID)']);
  expect(say(czech, 'phone')).toEqual(['musí být telefonní číslo, např. +420 777 123 456']);
  expect(say(english, 'phone')).toEqual(['must be a phone number such as +420 777 123 456']);

  expect(czech.message).toMatch(/^Neplatný vstup: /);
  expect(czech.message).not.toMatch(/Invalid input|must/);
  expect(english.message).toMatch(/^Invalid input: /);
  expect(english.message).not.toMatch(/Neplatný|musí/);
  expect(await app.em().count(Person, { areaId })).toBe(before);
});

test("every check the schema's inputs use is worded in both languages", () => {
  const checks = new Set<string>();
  const unworded: string[] = [];
  const folder = join(__dirname, '../../src/schema');
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(join(folder, file)) as Record<string, unknown>;
    for (const value of Object.values(exported)) {
      if (typeof value !== 'function') continue;
      for (const m of getMetadataStorage().getTargetValidationMetadatas(value, '', true, false)) {
        if (m.type === 'conditionalValidation') continue;
        const check = m.name ?? m.type;
        checks.add(check);
        if (!isWorded(check, m.message)) unworded.push(`${value.name}.${m.propertyName}: ${check}`);
      }
    }
  }
  expect(checks.size).toBeGreaterThan(10);
  expect(unworded).toEqual([]);
});

test('a field missing from an input, or one it does not have, is named itself in the request\'s language', async () => {
  const CREATE_PLAN = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`;
  const missing = await app.gql(CREATE_PLAN, { input: { areaId, title: 'Plán', yearFrom: 2027 } }, { as: admin, headers: { 'accept-language': 'en' } });
  expect(missing.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'yearTo', message: 'a required value is missing' }] });
  const unknown = await app.gql(CREATE_PLAN, { input: { areaId, title: 'Plán', yearFrom: 2027, yearTo: 2029, bogus: 1 } }, { as: admin });
  expect(unknown.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: [{ field: 'bogus', message: 'toto pole vstup nemá' }] });
});

test('a page cursor holding an instant the database cannot hold is BAD_USER_INPUT, never a 500', async () => {
  const cursor = (at: string) => Buffer.from(JSON.stringify([at, '00000000-0000-4000-8000-000000000000'])).toString('base64url');
  const lists = [
    [`query($c: String!) { meetings(filter: { areaId: "${areaId}" }, first: 5, after: $c) { totalCount } }`, 'after'],
    [`query($c: String!) { meetings(filter: { areaId: "${areaId}" }, last: 5, before: $c) { totalCount } }`, 'before'],
    [`query($c: String!) { proposals(filter: { areaId: "${areaId}" }, first: 5, after: $c) { totalCount } }`, 'after'],
    [`query($c: String!) { notificationInbox(first: 5, after: $c) { totalCount } }`, 'after'],
  ] as const;
  for (const at of ['-271821-04-20T00:00:00.000Z', '+275760-09-13T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-30T00:00:00.000Z', '2026-01-01']) {
    for (const [query, field] of lists) {
      const res = await app.gql(query, { c: cursor(at) }, { as: admin });
      expect({ at, query, codes: res.errors?.map((e) => [e.extensions?.code, (e.extensions?.fields as Array<{ field: string }>)[0].field]) }).toEqual({ at, query, codes: [['BAD_USER_INPUT', field]] });
    }
  }
});
