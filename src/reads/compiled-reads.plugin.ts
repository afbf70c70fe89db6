import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { Kind, OperationTypeNode } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { PLAIN_FIELDS } from '../auth/plain-fields';
import type { RequestContext } from '../context';
import { PROPOSAL_READERS } from './proposal.reads';
import { answer, NotCompiled, planSelection, type FieldPlan, type Readers } from './read-plan';

/** Every reader of a compiled read, by type and field (one module per record kind). */
const READERS: Readers<RequestContext> = mergeReaders([PROPOSAL_READERS]);

function mergeReaders(all: ReadonlyArray<Readers<RequestContext>>): Readers<RequestContext> {
  const merged: Record<string, Record<string, Readers<RequestContext>[string][string]>> = {};
  for (const readers of all) for (const [type, fields] of Object.entries(readers)) merged[type] = { ...merged[type], ...fields };
  return merged;
}

/** Whether a compiled read answers a field: a plain property (src/auth/plain-fields.ts) or one with a reader. */
const answerable = (type: string, field: string): boolean => (PLAIN_FIELDS[type]?.includes(field) ?? false) || READERS[type]?.[field] !== undefined;

/** Switched off, every request runs on the resolvers (the differential test compares the two). */
export interface CompiledReads {
  enabled: boolean;
  /** How many requests a compiled read answered (the rest ran on the resolvers). */
  answered: number;
  /** Told the request id of every request a compiled read answered. */
  onAnswered?: (requestId: string) => void;
}

/** The plan of a document's operation if a compiled read can answer it, whatever its variables; null otherwise. */
export function compiledPlan(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): FieldPlan[] | null {
  const queryType = schema.getQueryType();
  if (!queryType || operation.operation !== OperationTypeNode.QUERY || (operation.directives?.length ?? 0) > 0) return null;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return planSelection(queryType, operation.selectionSet, fragments, answerable);
}

/**
 * Queries answered without graphql-js's execution when every field they select has a compiled
 * reader (src/reads/read-plan.ts): the plan is made once per document and operation, the data read
 * in a few statements without hydrating entities, and the answer built straight from the rows.
 * The same policy rule and service code decide what the answer holds; whatever a plan cannot
 * answer exactly as the resolvers would (an error, a refusal, a field without a reader) runs on the
 * resolvers, so the answer is the same either way — `tests/reads/compiled-reads-differential.test.ts`
 * holds them to that.
 */
export function compiledReadsPlugin(schema: GraphQLSchema, switched: CompiledReads): ApolloServerPlugin<RequestContext> {
  const plans = new WeakMap<DocumentNode, Map<string, FieldPlan[] | null>>();
  const queryType = schema.getQueryType();

  function planOf(document: DocumentNode, operation: OperationDefinitionNode): FieldPlan[] | null {
    let byOperation = plans.get(document);
    if (!byOperation) {
      byOperation = new Map();
      plans.set(document, byOperation);
    }
    const name = operation.name?.value ?? '';
    let plan = byOperation.get(name);
    if (plan === undefined) {
      plan = compiledPlan(schema, document, operation);
      byOperation.set(name, plan);
    }
    return plan;
  }

  return {
    requestDidStart() {
      return Promise.resolve({
        async responseForOperation({ document, operation, request, contextValue, response }) {
          if (!switched.enabled || !queryType || operation.operation !== OperationTypeNode.QUERY) return null;
          const plan = planOf(document, operation);
          if (!plan) return null;
          const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          if (variables.errors) return null;
          try {
            const data = await answer(queryType, plan, null, contextValue, variables.coerced, READERS);
            switched.answered += 1;
            switched.onAnswered?.(contextValue.requestId);
            return { http: response.http, body: { kind: 'single', singleResult: { data } } };
          } catch (err) {
            // Not compiled, or something went wrong: the resolvers answer, and report any error their way.
            if (!(err instanceof NotCompiled)) contextValue.logger.debug({ err }, 'compiled read fell back to the resolvers');
            return null;
          }
        },
      });
    },
  };
}
