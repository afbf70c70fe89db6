import type { IMiddlewareFunction } from 'graphql-middleware';
import type { RequestContext } from '../context';

/**
 * Once a mutation has done its work, the request's loaders forget what they read: the object the
 * mutation returns (a meeting with its agenda, minutes with their versions, …) is then read as it
 * is now, not as the mutation found it before it wrote. Queries keep their loaders for the whole
 * request.
 */
export const freshLoadersAfterMutation: Record<'Mutation', IMiddlewareFunction> = {
  async Mutation(resolve, parent, args, ctx: RequestContext, info) {
    try {
      return (await resolve(parent, args, ctx, info)) as unknown;
    } finally {
      ctx.loaders.clearAll();
    }
  },
};
