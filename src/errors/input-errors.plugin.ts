import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../context';
import { inputErrorsIn } from './format-error';

/**
 * Input errors in the request's language: class-validator's and graphql-js's refusals of a value
 * are formatted in Czech and English (no request is known where errors are formatted); once the
 * response is ready this words them in the language Accept-Language asked for, like every other error.
 */
export function inputErrorsInRequestLanguage(): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && response.body.singleResult.errors) {
            response.body.singleResult.errors = inputErrorsIn(response.body.singleResult.errors, (contextValue as RequestContext | undefined)?.locale ?? 'cs');
          }
          return Promise.resolve();
        },
      });
    },
  };
}
