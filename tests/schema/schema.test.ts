import fs from 'node:fs';
import path from 'node:path';
import {
  isInputObjectType,
  isObjectType,
  isSpecifiedScalarType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLSchema,
} from 'graphql';
import { permissionRules } from '../../src/auth/permissions';
import { printTriadaSchema } from '../../src/cli/emit-schema';
import { buildTriadaSchema } from '../../src/schema/build-schema';

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildTriadaSchema();
});

const ownTypes = (s: GraphQLSchema) =>
  Object.values(s.getTypeMap()).filter((t) => !t.name.startsWith('__') && !isSpecifiedScalarType(t));

test('every type, field and argument is described: the schema is the frontend manual', () => {
  const missing: string[] = [];
  for (const type of ownTypes(schema)) {
    if (!type.description && !['Query', 'Mutation', 'Subscription'].includes(type.name)) missing.push(type.name);
    if (isObjectType(type) || isInputObjectType(type)) {
      const fields: Array<GraphQLField<unknown, unknown> | GraphQLInputField> = isObjectType(type)
        ? Object.values(type.getFields())
        : Object.values(type.getFields());
      for (const field of fields) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
  }
  expect(missing).toEqual([]);
});

test('every object type and every root field has a permission rule (the fallback denies the rest)', () => {
  const rules = permissionRules as Record<string, unknown>;
  const withoutRule = ownTypes(schema)
    .filter((t) => isObjectType(t))
    .filter((t) => rules[t.name] === undefined)
    .map((t) => t.name);
  expect(withoutRule).toEqual([]);
  for (const root of ['Query', 'Mutation'] as const) {
    const declared = Object.keys(rules[root] as Record<string, unknown>).sort();
    const type = schema.getType(root);
    const fields = isObjectType(type) ? Object.keys(type.getFields()).sort() : [];
    expect(declared).toEqual(fields);
  }
});

test('schema.graphql is committed and current', async () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8');
  expect(committed).toEqual(await printTriadaSchema());
});
