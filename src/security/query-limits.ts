import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';

/**
 * Limits on the shape of a GraphQL document, chosen for this schema: its deepest honest query
 * (a plan's priorities → goals → measures → indicators → values → recordedBy → name) is 8 levels;
 * the largest screen (a proposal list with history and transitions) stays far below the cost.
 * Clients are told which limit they hit, never its value.
 */
export const QUERY_LIMITS = {
  /** Nesting of fields, fragments counted where they are spread. */
  maxDepth: 12,
  /** Static cost: 2 per object, 1 per scalar, ×1.5 per level of depth. */
  maxCost: 20_000,
  /** Aliases in one document. */
  maxAliases: 20,
  /** Directives in one document. */
  maxDirectives: 10,
  /** Lexical tokens in one document (the parser stops there). */
  maxTokens: 3_000,
} as const;

export interface QueryProtection {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
}

/** graphql-armor's validation rules and plugins with our limits and messages. */
export function queryProtection(): QueryProtection {
  const common = { exposeLimits: false, propagateOnRejection: true } as const;
  const armor = new ApolloArmor({
    maxDepth: { ...common, n: QUERY_LIMITS.maxDepth, flattenFragments: false, ignoreIntrospection: true, errorMessage: 'Dotaz je příliš hluboko vnořený / Query is nested too deeply.' },
    costLimit: { ...common, maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: true, errorMessage: 'Dotaz je příliš náročný / Query is too expensive.' },
    maxAliases: { ...common, n: QUERY_LIMITS.maxAliases, errorMessage: 'Dotaz má příliš mnoho aliasů / Too many aliases.' },
    maxDirectives: { ...common, n: QUERY_LIMITS.maxDirectives, errorMessage: 'Dotaz má příliš mnoho direktiv / Too many directives.' },
    // Tokens are limited by the parser itself (Apollo's parseOptions), before any plugin runs.
    maxTokens: { enabled: false },
    // Suggestions ("Did you mean …?") are cut in formatError, for every kind of message.
    blockFieldSuggestion: { enabled: false },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules };
}

// graphql-js: "Document contains more that N tokens" (sic); armor prefixes its own texts with "Syntax Error: ".
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th\w+ \d+ tokens/;

/** A client-facing message without limit values or schema hints ("Did you mean …?"). */
export function withoutLimitsOrHints(message: string): string {
  if (TOO_MANY_TOKENS.test(message)) return 'Dotaz je příliš dlouhý / Query is too long.';
  return message.replace(/^Syntax Error: (?=.+ \/ )/, '').replace(/\s*Did you mean .+$/s, '');
}
