import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationTypeNode, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { RequestContext } from '../context';
import { rateLimited } from '../errors/app-errors';
import { clientKey, hitRateLimit } from '../services/rate-limiter';

/** Mutations allowed per minute: per signed-in person (token subject) and per client address. */
export interface MutationRateLimits {
  perViewerPerMinute: number;
  perAddressPerMinute: number;
}

/**
 * How many mutations a request runs: the fields at the root of its operation, with fragments
 * spread and aliases each counted (`a: m(…) b: m(…)` is two mutations, not one request).
 */
export function rootFieldCount(selectionSet: SelectionSetNode, document: DocumentNode, seen = new Set<string>()): number {
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith('__')) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += rootFieldCount(selection.selectionSet, document, seen);
    } else {
      const fragment = fragments.get(selection.name.value);
      // Counted each time it is spread (identical fields then merge and run once, so this errs high, never low); cycles are refused by validation.
      if (fragment && !seen.has(fragment.name.value)) count += rootFieldCount(fragment.selectionSet, document, new Set([...seen, fragment.name.value]));
    }
  }
  return count;
}

/**
 * Counts every mutation (each root field, see rootFieldCount) against the viewer's and the client address's minute windows, shared by
 * all service processes; over either, the request is refused with RATE_LIMITED (HTTP 429 and
 * Retry-After) before anything runs. Queries are not counted.
 */
export function mutationRateLimitPlugin(limits: MutationRateLimits): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation, document, contextValue: ctx }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const mutations = rootFieldCount(operation.selectionSet, document);
          const windows: Array<[string, number]> = [[`mutations:address:${clientKey(ctx.clientAddress)}`, limits.perAddressPerMinute]];
          if (ctx.viewer.subject) windows.push([`mutations:viewer:${clientKey(ctx.viewer.subject)}`, limits.perViewerPerMinute]);
          for (const [bucket, max] of windows) {
            const retryAfter = await hitRateLimit(ctx.em, bucket, { max, windowSeconds: 60 }, ctx.now, mutations);
            if (retryAfter !== null) throw rateLimited(ctx.locale, retryAfter);
          }
        },
      });
    },
  };
}

/**
 * Counts the start of a subscription (over WebSocket) against the viewer's and the client address's
 * minute windows of their own, with the limits of mutations; over either it is refused with
 * RATE_LIMITED.
 */
export async function countSubscriptionStart(ctx: RequestContext, limits: MutationRateLimits): Promise<void> {
  const windows: Array<[string, number]> = [[`subscriptions:address:${clientKey(ctx.clientAddress)}`, limits.perAddressPerMinute]];
  if (ctx.viewer.subject) windows.push([`subscriptions:viewer:${clientKey(ctx.viewer.subject)}`, limits.perViewerPerMinute]);
  for (const [bucket, max] of windows) {
    const retryAfter = await hitRateLimit(ctx.em, bucket, { max, windowSeconds: 60 }, ctx.now);
    if (retryAfter !== null) throw rateLimited(ctx.locale, retryAfter);
  }
}
