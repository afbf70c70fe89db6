import type { ApolloServerPlugin } from '@apollo/server';
import { currentObservation } from './request-observation';

/**
 * Tells the request's observation (access log, metrics, trace) which operation ran and the
 * `extensions.code` of every error answered. Operation names come from the document, so only
 * names the client wrote in it; variables' values are never looked at.
 */
export function observationPlugin(): ApolloServerPlugin<object> {
  return {
    requestDidStart() {
      // Apollo hands plugins a copy of the context; the request's scope is the request's own.
      const observation = currentObservation();
      return Promise.resolve({
        didResolveOperation({ operation, operationName }) {
          if (!observation || !operation) return Promise.resolve();
          observation.operationType = operation.operation;
          observation.operationName = operationName ?? undefined;
          observation.span?.setAttribute('graphql.operation.type', operation.operation);
          if (operationName) observation.span?.setAttribute('graphql.operation.name', operationName);
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          if (observation && response.body.kind === 'single') {
            for (const e of response.body.singleResult.errors ?? []) {
              const code = e.extensions?.code;
              observation.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
