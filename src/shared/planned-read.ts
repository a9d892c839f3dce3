import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLLeafType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { getMetadataStorage } from 'type-graphql';
import type { RequestContext } from '../context';
import type { ListSizeExtension } from './query-limits';

// Planned reads: the hot read operations answered without graphql-js executing them.
//
// The stakeholder page is what dashboards and GraphiQL ask most; executing it field by field
// (a resolver, a promise and a loader call per field per row) cost several times the one SQL
// statement that reads it. A planner turns an operation's root field into a plan once per
// parsed document (Apollo caches documents, so a repeated query is planned once): the selection
// tree with each leaf's serializer, and the SQL that reads everything the tree needs. Each request
// then runs the statement and builds the response in one synchronous pass over its rows.
//
// A plan answers only what it can answer exactly as execution would. Anything else (a field it
// does not know, a directive, an argument its resolver would refuse, an access rule that says
// no, a null where the schema says non-null, a list longer than the response budget, a database
// error) makes it give up, and the request is executed as before, which then gives the answer or
// the error with its path and code. So a plan never has its own errors, and the tests compare
// its answers with execution's byte for byte (planned-read.test.ts).

/**
 * Internal switch (off, every operation is executed: the tests compare both) and counters of
 * what plans did, with the reason of the last give-up (for tests and benches).
 */
export const plannedReads = { enabled: true, answered: 0, gaveUp: 0, lastReason: '' };

/** A plan meets something it does not answer itself: the request is executed instead. */
export class NotPlanned extends Error {
  constructor(reason: string) {
    super(reason);
  }
}

/** One response key of a selection: the field, its merged sub-selection, and how to complete its value. */
export interface PlannedField {
  key: string;
  name: string;
  /** The field's nodes in the document (one per occurrence of the response key). */
  nodes: FieldNode[];
  def: GraphQLField<unknown, unknown>;
  parent: GraphQLObjectType;
  list: boolean;
  nonNull: boolean;
  itemNonNull: boolean;
  leaf: GraphQLLeafType | null;
  object: GraphQLObjectType | null;
  /** The selected fields of an object (or list of objects) field. */
  children: PlannedField[];
  /** A field that is just its source's property: no arguments, no field resolver. */
  plain: boolean;
}

/** What a request gives a plan: its context and its coerced variables. */
export interface PlanRun {
  ctx: RequestContext;
  variables: Record<string, unknown>;
  /** The field's coerced arguments (variables and defaults applied); gives up on invalid ones. */
  args(field: PlannedField): Record<string, unknown>;
}

/** A planned root field: its value for one request with its coerced arguments (it throws NotPlanned to give up). */
export type RootPlan = (run: PlanRun, args: Record<string, unknown>) => Promise<unknown>;

/** The access check of a root field (policy.ts), run before the plan reads anything; a refusal gives up. */
export type RootCheck = (field: PlannedField, args: Record<string, unknown>, ctx: RequestContext) => void;

/** Plans a root field of Query; it throws NotPlanned (or answers null) when it cannot. */
export type RootPlanner = (field: PlannedField, schema: GraphQLSchema) => RootPlan | null;

interface OperationPlan {
  variables: OperationDefinitionNode['variableDefinitions'];
  roots: { field: PlannedField; run: RootPlan | null }[];
}

/**
 * The Apollo plugin: answers a query whose every root field has a plan, after Apollo parsed,
 * validated and checked its limits (didResolveOperation), before execution.
 */
export function plannedReadsPlugin(planners: Record<string, RootPlanner>, check: RootCheck): ApolloServerPlugin<RequestContext> {
  const plans = new WeakMap<DocumentNode, Map<string, OperationPlan | null>>();
  const planOf = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationPlan | null => {
    let byName = plans.get(document);
    if (!byName) plans.set(document, (byName = new Map()));
    const name = operation.name?.value ?? '';
    if (!byName.has(name)) byName.set(name, planOperation(schema, document, operation, planners));
    return byName.get(name)!;
  };
  return {
    async requestDidStart() {
      return {
        async responseForOperation(request: GraphQLRequestContext<RequestContext>) {
          const { operation, document, schema } = request;
          if (!plannedReads.enabled || !operation || !document || operation.operation !== 'query') return null;
          const plan = planOf(schema, document, operation);
          if (!plan) return null;
          try {
            const data = await runPlan(plan, schema, request.contextValue, request.request.variables ?? {}, check);
            plannedReads.answered++;
            return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
          } catch (error) {
            // Executing the operation answers it, or gives the error with its code and path (a
            // database error included: execution meets it again and reports it as a fault).
            plannedReads.gaveUp++;
            plannedReads.lastReason = error instanceof NotPlanned ? error.message : `error: ${(error as Error).message}`;
            return null;
          }
        },
      };
    },
  };
}

function planOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, planners: Record<string, RootPlanner>): OperationPlan | null {
  const fragments = fragmentsOf(document);
  try {
    const query = schema.getQueryType()!;
    const roots = selectionOf(schema, query, [operation.selectionSet], fragments).map((field) => {
      if (field.name === '__typename') return { field, run: null };
      const planner = Object.hasOwn(planners, field.name) ? planners[field.name] : undefined;
      const run = planner?.(field, schema);
      if (!run) throw new NotPlanned(`no plan for Query.${field.name}`);
      return { field, run };
    });
    return { variables: operation.variableDefinitions, roots };
  } catch (error) {
    if (error instanceof NotPlanned) {
      plannedReads.lastReason = `not planned: ${error.message}`;
      return null;
    }
    throw error;
  }
}

async function runPlan(plan: OperationPlan, schema: GraphQLSchema, ctx: RequestContext, raw: Record<string, unknown>, check: RootCheck): Promise<Record<string, unknown>> {
  const coerced = getVariableValues(schema, plan.variables ?? [], raw);
  if (coerced.errors) throw new NotPlanned('variables');
  const variables = coerced.coerced;
  const run: PlanRun = {
    ctx,
    variables,
    args(field) {
      try {
        return getArgumentValues(field.def, field.nodes[0], variables);
      } catch {
        throw new NotPlanned(`arguments of ${field.name}`);
      }
    },
  };
  // Every root field's access is checked before any of them reads.
  const args = plan.roots.map((root) => (root.run ? run.args(root.field) : {}));
  plan.roots.forEach((root, i) => {
    if (!root.run) return;
    try {
      check(root.field, args[i], ctx);
    } catch {
      throw new NotPlanned('access');
    }
  });
  // Query fields run side by side, as graphql-js runs them; the answer keeps the document's order.
  const values = await Promise.all(plan.roots.map((root, i) => (root.run ? root.run(run, args[i]) : 'Query')));
  const data: Record<string, unknown> = {};
  plan.roots.forEach((root, i) => (data[root.field.key] = values[i]));
  return data;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const out = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === 'FragmentDefinition') out.set(d.name.value, d);
  return out;
}

/** Which fields of each object type are their source's own property (type-graphql's metadata). */
let resolvedFields: Set<string> | undefined;

function hasFieldResolver(type: GraphQLObjectType, name: string): boolean {
  if (!resolvedFields) {
    resolvedFields = new Set();
    for (const r of getMetadataStorage().fieldResolvers) {
      // "internal" ones are the class's own getters and methods: properties of the source.
      if (r.kind !== 'external') continue;
      const target = r.getObjectType?.();
      if (target) resolvedFields.add(`${target.name}.${r.schemaName}`);
    }
  }
  return resolvedFields.has(`${type.name}.${name}`);
}

/**
 * The fields a selection set asks of `type`, by response key in document order, fragments
 * followed and sub-selections of a repeated key merged (as graphql-js's collectFields does).
 * Directives are not planned (their conditions could depend on variables).
 */
export function selectionOf(schema: GraphQLSchema, type: GraphQLObjectType, sets: readonly SelectionSetNode[], fragments: Map<string, FragmentDefinitionNode>): PlannedField[] {
  const byKey = new Map<string, FieldNode[]>();
  // graphql-js spreads a fragment once per field's selection, whatever the number of its nodes.
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.directives?.length) throw new NotPlanned('directive');
      if (selection.kind === 'Field') {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = byKey.get(key);
        if (nodes) nodes.push(selection);
        else byKey.set(key, [selection]);
      } else if (selection.kind === 'InlineFragment') {
        if (selection.typeCondition && selection.typeCondition.name.value !== type.name) throw new NotPlanned('type condition');
        visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || fragment.typeCondition.name.value !== type.name) throw new NotPlanned('fragment');
        if (fragment.directives?.length) throw new NotPlanned('directive');
        if (seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return [...byKey].map(([key, nodes]) => plannedField(schema, type, key, nodes, fragments));
}

function plannedField(schema: GraphQLSchema, parent: GraphQLObjectType, key: string, nodes: FieldNode[], fragments: Map<string, FragmentDefinitionNode>): PlannedField {
  const name = nodes[0].name.value;
  const typename = name === '__typename';
  const def = typename ? null : parent.getFields()[name];
  if (!typename && !def) throw new NotPlanned(`unknown field ${name}`);
  const type = def?.type;
  const nullable = type ? getNullableType(type) : null;
  const list = nullable != null && isListType(nullable);
  const item = list ? nullable.ofType : type;
  const named = type ? getNamedType(type) : null;
  if (named && !isLeafType(named) && !isObjectType(named)) throw new NotPlanned(`abstract type ${named.name}`);
  if (list && isListType(getNullableType(item))) throw new NotPlanned('list of lists');
  const object = named && isObjectType(named) ? named : null;
  const sets = object ? nodes.map((n) => n.selectionSet).filter((s): s is SelectionSetNode => !!s) : [];
  return {
    key,
    name,
    nodes,
    def: def as GraphQLField<unknown, unknown>,
    parent,
    list,
    nonNull: type != null && isNonNullType(type),
    itemNonNull: list && isNonNullType(item),
    leaf: named && isLeafType(named) ? named : null,
    object,
    children: object ? selectionOf(schema, object, sets, fragments) : [],
    plain: typename || (def!.args.length === 0 && !hasFieldResolver(parent, name)),
  };
}

/** Whether every field under `field` (at any depth) is a plain property. */
export function allPlain(field: PlannedField): boolean {
  return field.children.every((c) => c.plain && allPlain(c));
}

/** The first field under `field` that is not a plain property, for the reason of a give-up. */
export function firstNotPlain(field: PlannedField): string | null {
  for (const c of field.children) {
    if (!c.plain) return `${c.parent.name}.${c.name}`;
    const below = firstNotPlain(c);
    if (below) return below;
  }
  return null;
}

/**
 * The budget of one planned response: MAX_RESPONSE_ITEMS and each list field's `@ListSize`, as
 * guardLists charges them during execution; a plan that would pass them gives up, and execution
 * refuses the request with its message.
 */
export class PlanBudget {
  private items = 0;
  private readonly byField = new Map<string, number>();

  constructor(private readonly maxItems: number) {}

  charge(field: PlannedField, length: number): void {
    const size = field.def.extensions?.listSize as ListSizeExtension | undefined;
    if (size && length > size.max) throw new NotPlanned('list size');
    if (size?.total !== undefined) {
      const key = `${field.parent.name}.${field.name}`;
      const listed = (this.byField.get(key) ?? 0) + length;
      this.byField.set(key, listed);
      if (listed > size.total) throw new NotPlanned('list total');
    }
    this.items += length;
    if (this.items > this.maxItems) throw new NotPlanned('response budget');
  }
}

/**
 * How to answer the fields of one object type that are not plain properties: each gets the
 * source and the field, and returns the value that execution would complete.
 */
export type FieldValues = Record<string, (source: never, field: PlannedField) => unknown>;

/** Completes `value` as graphql-js completes a field's value: nulls, lists, leaves serialized, objects shaped. */
export function complete(value: unknown, field: PlannedField, budget: PlanBudget, values: Record<string, FieldValues>): unknown {
  if (value == null) {
    if (field.nonNull) throw new NotPlanned(`null at non-null ${field.name}`);
    return null;
  }
  if (!field.list) return completeItem(value, field, budget, values, field.nonNull);
  if (!Array.isArray(value)) throw new NotPlanned(`not a list at ${field.name}`);
  budget.charge(field, value.length);
  const out = new Array<unknown>(value.length);
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (item == null) {
      if (field.itemNonNull) throw new NotPlanned(`null item at ${field.name}`);
      out[i] = null;
    } else out[i] = completeItem(item, field, budget, values, field.itemNonNull);
  }
  return out;
}

function completeItem(value: unknown, field: PlannedField, budget: PlanBudget, values: Record<string, FieldValues>, nonNull: boolean): unknown {
  if (field.leaf) {
    const serialized = field.leaf.serialize(value);
    if (serialized === undefined) throw new NotPlanned(`unserializable ${field.name}`);
    if (serialized === null && nonNull) throw new NotPlanned(`null at non-null ${field.name}`);
    return serialized;
  }
  return shape(value as Record<string, unknown>, field.object!, field.children, budget, values);
}

/** An object's selected fields, in the selection's order: plain ones from its properties, the others from `values`. */
export function shape(source: Record<string, unknown>, type: GraphQLObjectType, children: PlannedField[], budget: PlanBudget, values: Record<string, FieldValues>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const own = values[type.name];
  for (const child of children) {
    if (child.name === '__typename') {
      out[child.key] = type.name;
      continue;
    }
    let value: unknown;
    if (child.plain) {
      value = source[child.name];
      if (typeof value === 'function') throw new NotPlanned(`method ${child.name}`);
    } else {
      const valueOf = own?.[child.name];
      if (!valueOf) throw new NotPlanned(`no value for ${type.name}.${child.name}`);
      value = valueOf(source as never, child);
    }
    out[child.key] = complete(value, child, budget, values);
  }
  return out;
}
