import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isListType,
  isObjectType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type SelectionSetNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { Extensions } from 'type-graphql';
import { checkListArg, LIST_ARGS, type PageLimits } from './pagination';
import { BadUserInputError, QueryTooComplexError, type FieldError } from './errors';
import { BAD_TEXT } from './validation';

export interface QueryLimits extends PageLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  /** Lexical tokens in one document, checked while parsing (MAX_TOKENS). */
  maxTokens: number;
  /** Field selections written in one document, fragments counted once (MAX_FIELDS). */
  maxFields: number;
}

/**
 * The checks that must run before GraphQL's own validation, whose cost grows with the square of
 * the number of fields in one selection: the token count while parsing, then the number of
 * fields, the depth and the aliases, each in one pass over the document. Returns the first limit
 * broken, or undefined (also for a syntax error, which Apollo's own parse reports next).
 */
export function checkDocument(schema: GraphQLSchema, source: string, limits: QueryLimits): QueryTooComplexError | undefined {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    if (/contains more th(?:an|at) \d+ tokens/.test((error as Error).message)) {
      return new QueryTooComplexError(`Query has more than ${limits.maxTokens} tokens (MAX_TOKENS); send a smaller query.`);
    }
    return undefined;
  }
  const { fields, repeated } = countFields(document);
  if (repeated) {
    return new QueryTooComplexError(`Field "${repeated.name}" is asked for ${repeated.count} times in one selection, more than ${MAX_REPEATS}; ask for each field once.`);
  }
  if (fields > limits.maxFields) {
    return new QueryTooComplexError(`Query field limit of ${limits.maxFields} exceeded, found ${fields} with fragments expanded (MAX_FIELDS).`);
  }
  const breaches: QueryTooComplexError[] = [];
  // Armor reports "… limit of N exceeded, found M." through onReject; we give it our code.
  const onReject = [(_ctx: unknown, err: GraphQLError) => breaches.push(new QueryTooComplexError(err.message.replace(/^Syntax Error: /, '')))];
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxQueryDepth, flattenFragments: true, onReject, propagateOnRejection: false }),
    maxAliasesRule({ n: limits.maxAliases, onReject, propagateOnRejection: false }),
  ];
  validate(schema, document, rules);
  return breaches[0];
}

/** How often one response name may appear in one selection set (GraphQL compares every pair). */
export const MAX_REPEATS = 10;

/**
 * The largest operation's number of fields with every fragment spread expanded (memoised per
 * fragment, so a fragment that spreads another twice, ten times over, counts 2^10 without being
 * walked 2^10 times), and the first response name repeated more than MAX_REPEATS times in one
 * selection set (inline fragments merged into it, as GraphQL's validation merges them).
 */
function countFields(document: DocumentNode): { fields: number; repeated?: { name: string; count: number } } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  // Per fragment: its expanded field count, and how often each response name appears at its top
  // level (its own fields, inline fragments and the fragments it spreads, merged).
  const memo = new Map<string, { fields: number; names: Map<string, number> }>();
  const visiting = new Set<string>();
  let repeated: { name: string; count: number } | undefined;

  const add = (names: Map<string, number>, name: string, n: number) => {
    const total = Math.min((names.get(name) ?? 0) + n, 1e9);
    names.set(name, total);
    if (total > MAX_REPEATS && !repeated) repeated = { name, count: total };
  };
  // `names` collects the response names of the selection set this one is merged into.
  const count = (set: SelectionSetNode, names: Map<string, number>): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        add(names, sel.alias?.value ?? sel.name.value, 1);
        total += 1 + (sel.selectionSet ? count(sel.selectionSet, new Map()) : 0);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        total += count(sel.selectionSet, names);
      } else {
        const inner = spread(sel.name.value);
        for (const [name, n] of inner.names) add(names, name, n);
        total += inner.fields;
      }
      // Far past any limit: stop counting (and never overflow).
      if (total > 1e9) return total;
    }
    return total;
  };
  const spread = (name: string): { fields: number; names: Map<string, number> } => {
    const known = memo.get(name);
    if (known) return known;
    const def = fragments.get(name);
    // An unknown fragment or a cycle: GraphQL's validation refuses it next.
    if (!def || visiting.has(name)) return { fields: 0, names: new Map() };
    visiting.add(name);
    const names = new Map<string, number>();
    const result = { fields: count(def.selectionSet, names), names };
    visiting.delete(name);
    memo.set(name, result);
    return result;
  };
  let fields = 0;
  for (const def of document.definitions) {
    if (def.kind === Kind.OPERATION_DEFINITION) fields = Math.max(fields, count(def.selectionSet, new Map()));
  }
  return { fields, repeated };
}

/**
 * How many items a list field may return, for the cost model. A field with `first` or `last`
 * says it itself; report lists declare theirs with `@ListSize`: a fixed maximum, or the value of
 * an argument of the report (e.g. `overdueLimit`) capped at a maximum.
 */
export interface ListSizeExtension {
  /** The most items the list can hold. */
  max: number;
  /** The argument of an enclosing field that sets the size, e.g. `limit`. */
  arg?: string;
  /** The argument that narrows a report when the list would hold more than `max`, e.g. `codeIds`. */
  narrow?: string;
  /** The most items this field may list in one response, all its lists together (e.g. provision lines in a report). */
  total?: number;
}

/** For a list whose `first` means MAX_PAGE_SIZE when left out (a short list such as the categories). */
export function AllByDefault(): MethodDecorator {
  return Extensions({ firstDefault: 'max' });
}

/** Declares the bound of a list field that has no `first`: the cost model and the schema test read it. */
export function ListSize(size: ListSizeExtension): MethodDecorator & PropertyDecorator {
  return Extensions({ listSize: size });
}

/** The first text value under `value` that holds a control character or invalid Unicode, with its path. */
function badText(value: unknown, path: string): FieldError | undefined {
  if (typeof value === 'string') {
    const match = BAD_TEXT.exec(value);
    if (!match) return undefined;
    const char = match[0].charCodeAt(0);
    return char >= 0xd800
      ? { path, message: `${path} holds invalid Unicode (a lone surrogate) at position ${match.index}` }
      : { path, message: `${path} holds the control character U+${char.toString(16).toUpperCase().padStart(4, '0')} at position ${match.index}, which text may not contain` };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = badText(value[i], `${path}.${i}`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      const found = badText(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  limits: QueryLimits;
  /** The first argument at fault, with the response path of its field. */
  error?: GraphQLError;
}

function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, scope: Record<string, number>, limits: PageLimits): number {
  const clamp = (n: number) => Math.min(Math.max(n, 0), limits.maxPageSize);
  for (const name of Object.keys(LIST_ARGS)) {
    if (!field.args.some((a) => a.name === name)) continue;
    if (typeof args[name] === 'number') return clamp(args[name] as number);
    return field.extensions?.firstDefault === 'max' ? limits.maxPageSize : limits.defaultPageSize;
  }
  const declared = field.extensions?.listSize as ListSizeExtension | undefined;
  if (declared) return declared.arg && typeof scope[declared.arg] === 'number' ? Math.min(Math.max(scope[declared.arg], 0), declared.max) : declared.max;
  // A list without a declared bound (the schema test forbids it): count it as a full page.
  return limits.maxPageSize;
}

/**
 * Cost of a selection set reached `reached` times: every field counts once for each time it is
 * reached, and what is selected below a list is reached once per item the list may hold (see
 * listSize), but never more often than the list's declared `total` for the whole response. So
 * nested lists multiply: 20 × 20 × 20 rows cost 8,000 times their fields. A connection's `first`
 * counts for everything below it (`edges` is the page its field has already counted). Checks
 * every field's arguments on the way.
 */
function walkSelection(walk: Walk, set: SelectionSetNode, type: GraphQLObjectType, scope: Record<string, number>, path: string[], reached: number): number {
  let total = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.INLINE_FRAGMENT) {
      total += walkSelection(walk, sel.selectionSet, type, scope, path, reached);
      continue;
    }
    if (sel.kind === Kind.FRAGMENT_SPREAD) {
      const def = walk.fragments.get(sel.name.value);
      if (def) total += walkSelection(walk, def.selectionSet, type, scope, path, reached);
      continue;
    }
    const field = type.getFields()[sel.name.value];
    if (!field) continue; // __typename and introspection meta fields
    const fieldPath = [...path, sel.alias?.value ?? sel.name.value];
    let args: Record<string, unknown> = {};
    try {
      args = getArgumentValues(field, sel, walk.variables);
    } catch {
      // Execution reports arguments that do not fit their types.
    }
    if (!walk.error) walk.error = checkArguments(args, path.length === 0, walk.limits, fieldPath);
    total += reached;
    const named = getNamedType(field.type);
    if (sel.selectionSet && isObjectType(named)) {
      const list = isListType(getNullableType(field.type)) && !type.name.endsWith('Connection');
      // A connection is not a list, but its `first` sets the size of the page below it.
      const size = list || field.args.some((a) => a.name in LIST_ARGS) ? listSize(field, args, scope, walk.limits) : 1;
      const declaredTotal = (field.extensions?.listSize as ListSizeExtension | undefined)?.total;
      const below = declaredTotal === undefined ? reached * size : Math.min(reached * size, declaredTotal);
      const inner = { ...scope };
      for (const [k, v] of Object.entries(args)) if (typeof v === 'number') inner[k] = v;
      total += walkSelection(walk, sel.selectionSet, named, inner, fieldPath, below);
    }
    if (total > Number.MAX_SAFE_INTEGER / 2) return total;
  }
  return total;
}

/** Text arguments must be valid text; nested lists' `first`/`last` in range. */
function checkArguments(args: Record<string, unknown>, root: boolean, limits: PageLimits, path: string[]): GraphQLError | undefined {
  for (const [name, value] of Object.entries(args)) {
    const text = badText(value, name);
    if (text) return new BadUserInputError([text], undefined, path);
    if (!root && name in LIST_ARGS && typeof value === 'number') {
      try {
        checkListArg(name, value, limits);
      } catch (error) {
        const field = (error as BadUserInputError).extensions.fields as FieldError[];
        return new BadUserInputError(field, `${path.join('.')}: ${field[0].message}`, path);
      }
    }
  }
  return undefined;
}

export interface QueryMeasure {
  cost: number;
  /** The first limit the operation breaks, or the first argument at fault, if any. */
  error?: GraphQLError;
}

/**
 * Measures one validated operation before it runs: its cost with the variables (as `first: $n`
 * decides a list's size), and every argument of every field, nested ones included, so that a
 * mutation is never refused for a bad argument after it has been committed.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
): QueryMeasure {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { cost: 0 };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Variables that do not fit their types: execution refuses them with BAD_USER_INPUT next.
  if (coerced.errors) return { cost: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return { cost: 0 };
  const walk: Walk = { schema, fragments, variables: coerced.coerced, limits };
  const cost = walkSelection(walk, operation.selectionSet, rootType, {}, [], 1);
  if (walk.error) return { cost, error: walk.error };
  if (cost > limits.maxQueryCost) {
    return { cost, error: new QueryTooComplexError(`Query cost limit of ${limits.maxQueryCost} exceeded, found ${cost}. Ask for smaller pages (first) or fewer nested lists.`) };
  }
  return { cost };
}

/**
 * Express middleware in front of Apollo: refuses a document with too many tokens or fields, too
 * deep or with too many aliases before Apollo parses and validates it (an error thrown from an
 * Apollo hook before validation would be answered as an internal error).
 */
export function refuseOversizedDocuments(schema: GraphQLSchema, limits: QueryLimits): RequestHandler {
  // A dashboard sends the same few documents over and over: a text that passed is not checked again.
  const passed = new BoundedCache<string, true>(CHECKED_DOCUMENTS);
  const check = (query: string) => {
    if (passed.has(query)) return undefined;
    const error = checkDocument(schema, query, limits);
    if (!error && query.length <= CACHED_DOCUMENT_CHARS) passed.set(query, true);
    return error;
  };
  return (req, res, next) => {
    const bodies: unknown[] = Array.isArray(req.body) ? req.body : [req.body ?? req.query];
    for (const [i, body] of bodies.entries()) {
      const query = (body as { query?: unknown } | null)?.query;
      if (typeof query !== 'string') continue;
      const error = check(query);
      if (error) {
        const message = bodies.length > 1 ? `Operation ${i + 1} of the batch: ${error.message}` : error.message;
        res.status(400).json({ errors: [{ message, extensions: { code: error.extensions.code } }] });
        return;
      }
    }
    next();
  };
}

/** How many passed document texts refuseOversizedDocuments remembers, and the longest it remembers. */
const CHECKED_DOCUMENTS = 1000;
const CACHED_DOCUMENT_CHARS = 20_000;

/** A Map that forgets its oldest entry beyond `max` entries. */
class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  has(key: K): boolean {
    return this.map.has(key);
  }
  get(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value as K);
    this.map.set(key, value);
  }
}

/** Refuses, before execution, an operation that costs too much. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin {
  // An operation without variables measures the same every time: once per parsed document
  // (Apollo keeps parsed documents, so a repeated query is the same object).
  const measured = new WeakMap<DocumentNode, Map<string, QueryMeasure>>();
  const measure = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined) => {
    if (variables && Object.keys(variables).length) return measureOperation(schema, document, operationName, variables, limits);
    let byName = measured.get(document);
    if (!byName) measured.set(document, (byName = new Map()));
    const key = operationName ?? '';
    const known = byName.get(key);
    if (known) return known;
    const result = measureOperation(schema, document, operationName, variables, limits);
    // Refusals are measured again each time (a fresh error per request).
    if (!result.error) byName.set(key, result);
    return result;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const { error } = measure(schema, document, request.operationName ?? undefined, request.variables);
          // Refused before it runs: a request error (HTTP 400), nothing executed.
          if (error) {
            error.extensions.http = { status: 400 };
            throw error;
          }
        },
      };
    },
  };
}
