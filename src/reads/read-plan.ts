import {
  getArgumentValues,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type SelectionSetNode,
} from 'graphql';
import { cleanedArguments } from '../security/input-hygiene';

/**
 * The plan of a compiled read (src/reads/compiled-reads.plugin.ts): a query's selection set as the
 * fields each object of the answer gets, in the order and under the keys graphql-js would give
 * them. Anything the plan cannot promise to answer exactly as the resolvers do — a directive, an
 * abstract type, a field no reader serves, the same key twice — leaves the document uncompiled.
 */
export interface FieldPlan {
  /** The key in the answer (the alias, or the field's name). */
  key: string;
  name: string;
  /** The schema's field; null for `__typename`. */
  field: GraphQLField<unknown, unknown> | null;
  node: FieldNode;
  /** The fields of the object (or of each object of the list) the field answers; null for a leaf. */
  children: FieldPlan[] | null;
}

/** Which fields of a type a compiled read can answer. */
export type Answerable = (typeName: string, fieldName: string) => boolean;

/** The plan of a selection set on `parent`, or null when it cannot be compiled. */
export function planSelection(
  parent: GraphQLObjectType,
  set: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  answerable: Answerable,
): FieldPlan[] | null {
  const plans: FieldPlan[] = [];
  const keys = new Set<string>();
  const collect = (selections: SelectionSetNode): boolean => {
    for (const selection of selections.selections) {
      if (selection.directives && selection.directives.length > 0) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        if (keys.has(key)) return false;
        keys.add(key);
        const name = selection.name.value;
        if (name === '__typename') {
          plans.push({ key, name, field: null, node: selection, children: null });
          continue;
        }
        const field = parent.getFields()[name];
        if (!field || !answerable(parent.name, name)) return false;
        const named = getNamedType(field.type);
        let children: FieldPlan[] | null = null;
        if (isObjectType(named)) {
          if (!selection.selectionSet) return false;
          children = planSelection(named, selection.selectionSet, fragments, answerable);
          if (!children) return false;
        } else if (!isLeafType(named) || selection.selectionSet) {
          return false;
        }
        plans.push({ key, name, field, node: selection, children });
      } else {
        const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
        if (!fragment || (fragment.typeCondition && fragment.typeCondition.name.value !== parent.name)) return false;
        if (fragment.directives && fragment.directives.length > 0) return false;
        if (!collect(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  return collect(set) ? plans : null;
}

/** Raised while answering when the answer could differ from the resolvers' one: the request then runs on the resolvers. */
export class NotCompiled extends Error {
  constructor(why: string) {
    super(`not compiled: ${why}`);
  }
}

/** How one field of one type reads its value from its parent's value (a property, unless a reader says otherwise). */
export type FieldReader<C> = (source: never, args: Record<string, unknown>, ctx: C, plan: FieldPlan) => unknown;

/** The readers of the fields that are not plain properties, by type and field. */
export type Readers<C> = Readonly<Record<string, Readonly<Record<string, FieldReader<C>>>>>;

/**
 * The arguments of a field as its resolver would get them: defaults applied, variables substituted,
 * and cleaned by the input hygiene every field with arguments passes (text refused there is not
 * answered here).
 */
export function argumentsOf(plan: FieldPlan, variables: Record<string, unknown>): Record<string, unknown> {
  const cleaned = cleanedArguments(plan.field ? getArgumentValues(plan.field, plan.node, variables) : {});
  if (!cleaned) throw new NotCompiled(`arguments of ${plan.key}`);
  return cleaned;
}

/**
 * Answers the plans on `source` of type `type`: each field read (a reader, or the property of its
 * name), completed as graphql-js completes it — lists mapped, leaves serialized by their own scalar
 * or enum, objects answered by their plans; null where the schema says non-null is not answered here.
 */
export async function answer<C>(type: GraphQLObjectType, plans: readonly FieldPlan[], source: unknown, ctx: C, variables: Record<string, unknown>, readers: Readers<C>): Promise<Record<string, unknown>> {
  const own = readers[type.name] ?? {};
  const values = await Promise.all(
    plans.map(async (plan) => {
      if (plan.field === null) return type.name;
      const reader = own[plan.name];
      const value = reader ? await reader(source as never, argumentsOf(plan, variables), ctx, plan) : (source as Record<string, unknown>)[plan.name];
      return complete(plan.field.type, value, plan, ctx, variables, readers);
    }),
  );
  const out: Record<string, unknown> = {};
  plans.forEach((plan, i) => {
    out[plan.key] = values[i];
  });
  return out;
}

async function complete<C>(type: GraphQLOutputType, value: unknown, plan: FieldPlan, ctx: C, variables: Record<string, unknown>, readers: Readers<C>): Promise<unknown> {
  if (isNonNullType(type)) {
    const completed = await complete(type.ofType, value, plan, ctx, variables, readers);
    if (completed === null) throw new NotCompiled(`null at ${plan.key}`);
    return completed;
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) throw new NotCompiled(`not a list at ${plan.key}`);
    return Promise.all(value.map((item) => complete(type.ofType, item, plan, ctx, variables, readers)));
  }
  if (isLeafType(type)) {
    const serialized = type.serialize(value);
    if (serialized === undefined) throw new NotCompiled(`no value at ${plan.key}`);
    return serialized;
  }
  if (isObjectType(type) && plan.children) return answer(type, plan.children, value, ctx, variables, readers);
  throw new NotCompiled(`no plan at ${plan.key}`);
}
