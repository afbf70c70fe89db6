import type { ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode } from 'graphql';
import type { RequestContext } from '../context';
import { rateLimited } from '../errors/app-errors';
import { clientKey, hitRateLimit } from '../services/rate-limiter';

/** Mutations allowed per minute: per signed-in person (token subject) and per client address. */
export interface MutationRateLimits {
  perViewerPerMinute: number;
  perAddressPerMinute: number;
}

/**
 * Counts every mutation against the viewer's and the client address's minute windows, shared by
 * all service processes; over either, the request is refused with RATE_LIMITED (HTTP 429 and
 * Retry-After) before anything runs. Queries are not counted.
 */
export function mutationRateLimitPlugin(limits: MutationRateLimits): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ operation, contextValue: ctx }) {
          if (operation?.operation !== OperationTypeNode.MUTATION) return;
          const windows: Array<[string, number]> = [[`mutations:address:${clientKey(ctx.clientAddress)}`, limits.perAddressPerMinute]];
          if (ctx.viewer.subject) windows.push([`mutations:viewer:${clientKey(ctx.viewer.subject)}`, limits.perViewerPerMinute]);
          for (const [bucket, max] of windows) {
            const retryAfter = await hitRateLimit(ctx.em, bucket, { max, windowSeconds: 60 }, ctx.now);
            if (retryAfter !== null) throw rateLimited(ctx.locale, retryAfter);
          }
        },
      });
    },
  };
}
