import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** Whether a selection set (with its fragments) asks for the field `name`. */
function selects(info: GraphQLResolveInfo, set: SelectionSetNode | undefined, name: string): boolean {
  return (set?.selections ?? []).some((s) => {
    if (s.kind === Kind.FIELD) return s.name.value === name;
    if (s.kind === Kind.INLINE_FRAGMENT) return selects(info, s.selectionSet, name);
    return selects(info, info.fragments[s.name.value]?.selectionSet, name);
  });
}

/** Whether any selection of the field being resolved asks for its sub-field `name` (e.g. a connection's `totalCount`). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((n) => selects(info, n.selectionSet, name));
}
