import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNullableType,
  GraphQLError,
  isListType,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { PageLimits } from './pagination';
import { QueryTooComplexError } from './errors';

export interface QueryLimits extends PageLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
}

/** A list without `first` (a relation such as a stakeholder's interests) counts as this many items. */
export const UNPAGED_LIST_SIZE = 10;

/**
 * Cost: every field counts 1, and what is selected below a list counts once per item it may
 * return — `first` (or DEFAULT_PAGE_SIZE) items for a connection, UNPAGED_LIST_SIZE for other
 * lists. So nested connections multiply: 20 × 20 × 20 rows cost 8,000 times their fields.
 */
export function costEstimator(limits: PageLimits): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (field.args.some((a) => a.name === 'first')) {
      const first = typeof args.first === 'number' ? args.first : limits.defaultPageSize;
      // A larger `first` is refused by the resolver with BAD_USER_INPUT, which says more.
      return 1 + Math.min(Math.max(first, 1), limits.maxPageSize) * childComplexity;
    }
    // A connection's `edges` are the page its field has already counted.
    if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) return 1 + UNPAGED_LIST_SIZE * childComplexity;
    return 1 + childComplexity;
  };
}

export interface QueryMeasure {
  cost: number;
  /** The first limit the operation breaks, if any. */
  error?: QueryTooComplexError;
}

/**
 * Checks one operation against the depth, alias and cost limits. Depth and aliases come from
 * GraphQL Armor's validation rules; the cost from graphql-query-complexity with the variables,
 * as `first: $n` decides a connection's size.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): QueryMeasure {
  const breaches: QueryTooComplexError[] = [];
  // Armor reports "… limit of N exceeded, found M." through onReject; we give it our code.
  const onReject = [(_ctx: unknown, err: GraphQLError) => breaches.push(new QueryTooComplexError(err.message.replace(/^Syntax Error: /, '')))];
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxQueryDepth, flattenFragments: true, onReject, propagateOnRejection: false }),
    maxAliasesRule({ n: limits.maxAliases, onReject, propagateOnRejection: false }),
  ];
  validate(schema, document, rules);
  let cost = 0;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables, estimators: [costEstimator(limits)] });
  } catch (error) {
    // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT next.
    if (!/maximum allowed number of nodes/.test((error as Error).message)) return { cost, error: breaches[0] };
    breaches.push(new QueryTooComplexError('Query has more than 10000 fields, fragments and selections.'));
  }
  if (cost > limits.maxQueryCost) {
    breaches.push(new QueryTooComplexError(`Query cost limit of ${limits.maxQueryCost} exceeded, found ${cost}. Ask for smaller pages (first) or fewer nested lists.`));
  }
  return { cost, error: breaches[0] };
}

/** Refuses, before execution, an operation that is too deep, has too many aliases or costs too much. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const { error } = measureOperation(schema, document, request.operationName ?? undefined, request.variables, limits);
          if (error) throw error;
        },
      };
    },
  };
}
