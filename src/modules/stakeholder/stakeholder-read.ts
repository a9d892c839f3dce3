import { ReferenceKind, type EntityClass, type EntityMetadata } from '@mikro-orm/core';
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { RequestContext } from '../../context';
import { ArchiveFilter } from '../../shared/filters';
import { columnsOf, Loaders, type FirstList } from '../../shared/loaders';
import { checkListArg, type PageExtras, type PageLimits } from '../../shared/pagination';
import { dialectOf, type Dialect } from '../../shared/sql';
import { Interaction } from '../interaction/interaction.entity';
import { Interest } from '../interest/interest.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { ContactPerson } from './contact-person.entity';
import { StakeholderAssessment } from './stakeholder-assessment.entity';
import { StakeholderCategory } from './stakeholder-category.entity';
import type { Stakeholder } from './stakeholder.entity';

// The compiled read of the stakeholder connection. The field resolvers of Stakeholder read what
// they need through Loaders, one statement per list for the whole page; this reads the page and
// those lists in ONE statement (correlated subqueries that aggregate each list into JSON per
// stakeholder) and primes the loaders with exactly the rows their own statements would have
// returned. The resolvers then run unchanged and find their rows: every rule that turns rows
// into an answer (contacts by name in JS's collation, archive filters, the current assessment
// as of a day, takeFirst's limits and errors) stays in one place, so the answers cannot differ.
// What it does not know (other fields, arguments it cannot read) is simply not primed and
// loads as before.

/** Internal switch: off, the stakeholder list reads as before (tests compare both paths). */
export const compiledReads = { enabled: true };

/** The `rows` name of a stakeholder's one-to-many child rows (contacts, assessments). */
export const CHILD_ROWS = 'stakeholder';

/** The grouped loader of `lastInteractionOn` and its SQL. */
export const LAST_INTERACTION = 'stakeholder.lastInteractionOn';
export const LAST_INTERACTION_SQL = 'max(t.occurred_on)';
export const LAST_INTERACTION_FROM = 'from interaction t join interaction_stakeholders p on p.interaction_id = t.id';

/** `first` of a nested list, checked as takeFirst checks it. */
export function firstOf(first: number | null | undefined, ctx: { pageLimits: PageLimits }): number {
  const n = first ?? ctx.pageLimits.defaultPageSize;
  checkListArg('first', n, ctx.pageLimits);
  return n;
}

/** The archive filter as SQL on `t`. */
function archiveSql(archived: ArchiveFilter): [string[], unknown[]] {
  if (archived === ArchiveFilter.ALL) return [[], []];
  return [[archived === ArchiveFilter.ARCHIVED ? 't.archived_at is not null' : 't.archived_at is null'], []];
}

export function interestsList(archived: ArchiveFilter, first: number): FirstList {
  const [where, params] = archiveSql(archived);
  return { name: `stakeholder.interests:${archived}`, from: 'interest t', owner: 't.stakeholder_id', where, params, orderBy: 't.identified_on desc, t.id asc', first };
}

export function goalsList(first: number): FirstList {
  return {
    name: 'stakeholder.goals',
    from: 'strategic_goal t join strategic_goal_stakeholders p on p.strategic_goal_id = t.id',
    owner: 'p.stakeholder_id',
    where: ['t.archived_at is null'],
    orderBy: 't.period_start desc, t.id asc',
    first,
  };
}

export function interactionsList(first: number, from: string | null | undefined, to: string | null | undefined): FirstList {
  return {
    name: 'stakeholder.interactions',
    from: 'interaction t join interaction_stakeholders p on p.interaction_id = t.id',
    owner: 'p.stakeholder_id',
    where: ['t.archived_at is null', ...(from ? ['t.occurred_on >= ?'] : []), ...(to ? ['t.occurred_on <= ?'] : [])],
    params: [...(from ? [from] : []), ...(to ? [to] : [])],
    orderBy: 't.occurred_on desc, t.id asc',
    first,
  };
}

/** One thing the page's statement reads ahead for each stakeholder, and where it goes. */
export type Part = (
  | { kind: 'children'; entity: EntityClass<object>; table: string }
  | { kind: 'first'; entity: EntityClass<object>; list: FirstList }
  | { kind: 'lastInteraction' }
  | { kind: 'category' }
) & {
  /** The columns of its rows to read; all of them when left out (what the loaders' own statements read). */
  columns?: readonly string[];
};

/**
 * The extra columns for the stakeholder page when its nodes select fields this can read ahead;
 * undefined (today's path) when switched off or when nothing is worth it.
 */
export function compileStakeholderPage(info: GraphQLResolveInfo, ctx: RequestContext): PageExtras<Stakeholder> | undefined {
  if (!compiledReads.enabled) return undefined;
  const type = info.schema.getType('Stakeholder') as GraphQLObjectType;
  const parts = new Map<string, Part>();
  for (const node of nodeFields(info)) {
    const part = partOf(type, node, info, ctx);
    if (part) parts.set(part[0], part[1]);
  }
  if (parts.size === 0) return undefined;
  const list = [...parts.values()];
  const dialect = dialectOf(ctx.em);
  const metadata = ctx.em.getMetadata();
  return {
    columns: (alias) => list.map((part) => columnOf(part, alias, dialect, (e) => metadata.get(e.name))),
    attach: (rows, values) => {
      rows.forEach((row, i) => list.forEach((part, j) => prime(ctx.loaders, part, row, values[i][j], (e) => metadata.get(e.name))));
    },
  };
}

/** The part a selected field of a stakeholder reads, under a name that dedupes equal ones. */
function partOf(type: GraphQLObjectType, node: FieldNode, info: GraphQLResolveInfo, ctx: RequestContext): [string, Part] | null {
  const field = type.getFields()[node.name.value];
  if (!field) return null;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, info.variableValues);
  } catch {
    return null;
  }
  return partFor(node.name.value, args, ctx);
}

/**
 * The part the field `name` of a stakeholder reads with these (coerced) arguments, under a name
 * that dedupes equal ones; null for a field that reads nothing ahead, or an argument that its
 * resolver will refuse (an invalid `first` is left to the resolver, which names the field).
 */
export function partFor(name: string, args: Record<string, unknown>, ctx: RequestContext): [string, Part] | null {
  const first = (value: unknown, def?: number) => {
    try {
      return firstOf((value as number | null | undefined) ?? def, ctx);
    } catch {
      return null;
    }
  };
  switch (name) {
    case 'category':
      return ['category', { kind: 'category' }];
    case 'contacts':
      return ['contacts', { kind: 'children', entity: ContactPerson, table: 'contact_person' }];
    case 'assessments':
    case 'currentAssessment':
    case 'quadrant':
    case 'salienceClass':
      return ['assessments', { kind: 'children', entity: StakeholderAssessment, table: 'stakeholder_assessment' }];
    case 'lastInteractionOn':
      return ['lastInteraction', { kind: 'lastInteraction' }];
    case 'interests': {
      const n = first(args.first);
      const list = n == null ? null : interestsList(args.archived as ArchiveFilter, n);
      return list && [`first:${Loaders.firstName(list)}`, { kind: 'first', entity: Interest, list }];
    }
    case 'goals': {
      const n = first(args.first);
      const list = n == null ? null : goalsList(n);
      return list && [`first:${Loaders.firstName(list)}`, { kind: 'first', entity: StrategicGoal, list }];
    }
    case 'interactions': {
      const n = first(args.first, 10);
      const list = n == null ? null : interactionsList(n, args.from as string | null, args.to as string | null);
      return list && [`first:${Loaders.firstName(list)}`, { kind: 'first', entity: Interaction, list }];
    }
    default:
      return null;
  }
}

/** The fields selected on `edges { node { … } }` of this connection field, fragments followed. */
function nodeFields(info: GraphQLResolveInfo): FieldNode[] {
  const out: FieldNode[] = [];
  for (const root of info.fieldNodes) {
    for (const edges of fieldsOf(root.selectionSet, info)) {
      if (edges.name.value !== 'edges') continue;
      for (const node of fieldsOf(edges.selectionSet, info)) {
        if (node.name.value === 'node') out.push(...fieldsOf(node.selectionSet, info));
      }
    }
  }
  return out;
}

function fieldsOf(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: FieldNode[] = []): FieldNode[] {
  for (const selection of set?.selections ?? []) {
    if (!included(selection, info)) continue;
    if (selection.kind === 'Field') out.push(selection);
    else if (selection.kind === 'InlineFragment') fieldsOf(selection.selectionSet, info, out);
    else fieldsOf(info.fragments[selection.name.value]?.selectionSet, info, out);
  }
  return out;
}

function included(node: Parameters<typeof getDirectiveValues>[1], info: GraphQLResolveInfo): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
}

// ---- SQL ----------------------------------------------------------------------------------------

export type MetaOf = (entity: EntityClass<object>) => EntityMetadata<object>;

/** A row of `t` as a JSON object keyed by column name. */
function jsonRow(meta: EntityMetadata<object>, t: string, dialect: Dialect, columns: readonly string[] = columnsOf(meta)): string {
  const pairs = columns.map((c) => `'${c}', ${t}.${c}`).join(', ');
  return dialect === 'sqlite' ? `json_object(${pairs})` : `json_build_object(${pairs})`;
}

export function columnOf(part: Part, o: string, dialect: Dialect, metaOf: MetaOf): { sql: string; params: unknown[] } {
  const sqlite = dialect === 'sqlite';
  switch (part.kind) {
    case 'category':
      return { sql: `(select ${jsonRow(metaOf(StakeholderCategory), 'c', dialect, part.columns)} from stakeholder_category c where c.id = ${o}.category_id)`, params: [] };
    case 'lastInteraction':
      return { sql: `(select ${LAST_INTERACTION_SQL} ${LAST_INTERACTION_FROM} where p.stakeholder_id = ${o}.id and t.archived_at is null)`, params: [] };
    case 'children': {
      const row = jsonRow(metaOf(part.entity), 't', dialect, part.columns);
      const agg = sqlite ? `json_group_array(${row})` : `coalesce(json_agg(${row}), '[]'::json)`;
      return { sql: `(select ${agg} from ${part.table} t where t.stakeholder_id = ${o}.id)`, params: [] };
    }
    case 'first': {
      const { list } = part;
      const row = jsonRow(metaOf(part.entity), 't', dialect, part.columns);
      // SQLite 3.44's json_group_array(… order by …) loses the JSON subtype (the rows would nest
      // as strings), so the array is joined as text there.
      const agg = sqlite ? `'[' || coalesce(group_concat(x.j, ',' order by x.r), '') || ']'` : `coalesce(json_agg(x.j order by x.r), '[]'::json)`;
      const where = (list.where ?? []).map((w) => ` and (${w})`).join('');
      return {
        sql: `(select ${agg} from (select ${row} as j, row_number() over (order by ${list.orderBy}) as r
          from ${list.from} where ${list.owner} = ${o}.id${where} order by ${list.orderBy} limit ?) x)`,
        params: [...(list.params ?? []), list.first],
      };
    }
  }
}

function parsed(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * A part's column value as what its loader would give: a category row (or null), the rows of a
 * list, or the last interaction's day.
 */
export function decodePart(loaders: Loaders, part: Part, value: unknown, metaOf: MetaOf): unknown {
  switch (part.kind) {
    case 'category': {
      const raw = parsed(value) as Record<string, unknown> | null;
      return raw ? loaders.toRow(metaOf(StakeholderCategory), raw) : null;
    }
    case 'lastInteraction':
      return value ?? null;
    case 'children':
    case 'first': {
      const meta = metaOf(part.entity);
      return ((parsed(value) as Record<string, unknown>[] | null) ?? []).map((r) => loaders.toRow(meta, r));
    }
  }
}

function prime(loaders: Loaders, part: Part, s: Stakeholder, value: unknown, metaOf: MetaOf): void {
  switch (part.kind) {
    case 'category': {
      const fk = (s as unknown as { category: string | null }).category;
      if (fk == null) return;
      loaders.prime(Loaders.oneName(StakeholderCategory.name), fk, decodePart(loaders, part, value, metaOf));
      return;
    }
    case 'lastInteraction':
      loaders.prime(Loaders.groupedName(LAST_INTERACTION), s.id, decodePart(loaders, part, value, metaOf));
      return;
    case 'children':
    case 'first': {
      const name = part.kind === 'children' ? CHILD_ROWS : Loaders.firstName(part.list);
      loaders.prime(Loaders.rowsName(part.entity, name), s.id, decodePart(loaders, part, value, metaOf));
    }
  }
}
