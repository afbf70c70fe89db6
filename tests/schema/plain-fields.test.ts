import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { permissionRules } from '../../src/auth/permissions';
import { PLAIN_FIELDS, plainFieldProblems, unwrapPlainFields } from '../../src/auth/plain-fields';
import { buildTriadaSchema } from '../../src/schema/build-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTriadaSchema();
});

const WRAPPED: GraphQLFieldResolver<unknown, unknown> = () => 'wrapped';
/** Stands for the middleware: every field's resolver replaced (in place). */
const wrapAll = (s: GraphQLSchema): GraphQLSchema => {
  for (const type of Object.values(s.getTypeMap())) if (isObjectType(type)) for (const field of Object.values(type.getFields())) field.resolve = WRAPPED;
  return s;
};
const resolverOf = (s: GraphQLSchema, type: string, field: string) => {
  const t = s.getType(type);
  return isObjectType(t) ? t.getFields()[field].resolve : undefined;
};

test('every field declared plain is plain: no arguments, no resolver of its own, allowed to all', () => {
  expect(plainFieldProblems(schema, permissionRules)).toEqual([]);
});

test('only declared fields are left without the middleware; any other field keeps it', async () => {
  const served = unwrapPlainFields(await buildTriadaSchema(), permissionRules, wrapAll, { Area: ['id'] });
  expect(resolverOf(served, 'Area', 'id')).not.toBe(WRAPPED);
  // Plain by shape, but not declared: the permissions run.
  expect(resolverOf(served, 'Area', 'name')).toBe(WRAPPED);
  expect(resolverOf(served, 'Proposal', 'title')).toBe(WRAPPED);
});

test('a declared field that gains a resolver, arguments or a rule of its own stops the start', () => {
  const declared = { AgendaItem: ['presenter'], Person: ['email'], Nowhere: ['id'], Area: ['missing'] };
  const problems = plainFieldProblems(schema, permissionRules, declared);
  expect(problems).toEqual(
    expect.arrayContaining([
      'AgendaItem.presenter has a resolver of its own',
      'Person.email has a rule other than allow',
      'Nowhere is not an answer type of the schema',
      'Area.missing is not a field',
    ]),
  );
  expect(() => unwrapPlainFields(schema, permissionRules, wrapAll, declared)).toThrow(/AgendaItem\.presenter has a resolver of its own/);
});

test('the declared list names every type at most once and every field once', () => {
  for (const fields of Object.values(PLAIN_FIELDS)) expect(new Set(fields).size).toBe(fields.length);
});
