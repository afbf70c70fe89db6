import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { allow, type IRules } from 'graphql-shield';
import { getMetadataStorage } from 'type-graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown> | undefined;

/** The rule graphql-shield applies to `type.field`: the field's own, the type's wildcard, or the type's. */
function ruleOf(rules: IRules, type: string, field: string): unknown {
  const typeRule: unknown = (rules as Record<string, unknown>)[type];
  if (typeRule === null || typeof typeRule !== 'object' || Object.getPrototypeOf(typeRule) !== Object.prototype) return typeRule;
  const map = typeRule as Record<string, unknown>;
  return map[field] ?? map['*'];
}

/** `Type.field` of every field that has a resolver of its own (a @FieldResolver or a method). */
function fieldsWithResolvers(): Set<string> {
  const storage = getMetadataStorage();
  const names = new Map(storage.objectTypes.map((o) => [o.target, o.name]));
  return new Set(
    storage.fieldResolvers.map((r) => {
      const target = r.getObjectType?.();
      return `${(target && names.get(target)) ?? '?'}.${r.schemaName}`;
    }),
  );
}

/**
 * Applies the permission and argument middleware with `wrap`, then puts type-graphql's own
 * resolver back on every field where that wrapping cannot change the answer: the field's rule is
 * `allow`, it takes no arguments, and it only reads a property of its parent (no resolver of its
 * own, so nothing loads and nothing throws). graphql-shield otherwise wraps each such scalar in an
 * asynchronous rule check — for a page of 20 proposals about a thousand promises that decide
 * nothing, and every object of the answer completed asynchronously. Fields with any other rule,
 * with arguments or with a resolver keep the whole wrapping (and its error masking).
 */
export function unwrapPlainAllowedFields(schema: GraphQLSchema, rules: IRules, wrap: (schema: GraphQLSchema) => GraphQLSchema): GraphQLSchema {
  const resolved = fieldsWithResolvers();
  const plain = new Map<string, Resolver>();
  // Operations are resolvers however they look; only the fields of answers are candidates.
  const roots = new Set([schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.has(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      if (field.args.length === 0 && !resolved.has(key) && ruleOf(rules, type.name, field.name) === allow) plain.set(key, field.resolve);
    }
  }
  const wrapped = wrap(schema);
  for (const [key, resolve] of plain) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = wrapped.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (field) field.resolve = resolve;
  }
  return wrapped;
}
