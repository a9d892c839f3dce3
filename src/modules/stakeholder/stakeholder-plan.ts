import { Cursor, ReferenceKind, type EntityMetadata, type EntityProperty, type QueryOrderMap } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import type { AppContext } from '../access/access.service';
import { isHidden } from '../../shared/visibility';
import { validate } from 'class-validator';
import { ArchiveFilter, sqlCondition } from '../../shared/filters';
import { checkPage } from '../../shared/pagination';
import { allPlain, complete, firstNotPlain, NotPlanned, PlanBudget, type FieldValues, type PlannedField, type RootPlan, type RootPlanner } from '../../shared/planned-read';
import { dialectOf, readRows } from '../../shared/sql';
import { VALIDATION_OPTIONS } from '../../shared/validation';
import type { ContactPerson } from './contact-person.entity';
import { assessmentsFrom, contactsFrom, currentAssessmentFrom, quadrantFrom, salienceClassFrom } from './stakeholder-fields';
import type { StakeholderAssessment } from './stakeholder-assessment.entity';
import { StakeholderCategory } from './stakeholder-category.entity';
import { columnOf, decodePart, partFor, type MetaOf, type Part } from './stakeholder-read';
import { Stakeholder } from './stakeholder.entity';
import { StakeholderFilter, StakeholderSort } from './stakeholder.inputs';
import { SORTS, stakeholderWhereSql } from './stakeholder.service';

// The planned read of `stakeholders` (see shared/planned-read.ts): the page and every nested list
// its nodes select in one statement, the same statement the compiled read sends
// (stakeholder-read.ts builds its columns), and the response built from its rows by the rules the
// field resolvers use (stakeholder-fields.ts). It plans the connection with its edges, cursors,
// pageInfo and totalCount, with every filter and order of the list; on a node, the stakeholder's
// own fields and the fields below, each of whose sub-selections are plain properties. Any other
// field is executed as before.

/**
 * Fields below a node that are not plain properties but that the plan answers itself: a contact's
 * e-mail and phone, null for a caller from whom contact details are withheld (visibility.ts).
 */
const ANSWERED = new Set(['ContactPerson.email', 'ContactPerson.phone']);

/** Whether every field under `field` is a plain property, or one the plan answers (ANSWERED). */
function planned(field: PlannedField): boolean {
  return field.children.every((c) => (c.plain || ANSWERED.has(`${c.parent.name}.${c.name}`)) && planned(c));
}

/** The fields of a stakeholder that read a part of the page's statement. */
const PART_FIELDS = new Set(['category', 'contacts', 'assessments', 'currentAssessment', 'quadrant', 'salienceClass', 'interests', 'goals', 'interactions', 'lastInteractionOn']);

/** The page's alias in SQL (the parts' subqueries name their own tables `t`, `c`, `p`, `x`). */
const ALIAS = 's0';

export const planStakeholders: RootPlanner = (root) => {
  const partFields: PlannedField[] = [];
  // The stakeholder's own properties the nodes select (their columns are all the page reads of it).
  const props = new Set<string>();
  let counts = false;
  for (const field of root.children) {
    switch (field.name) {
      case '__typename':
        break;
      case 'totalCount':
        counts = true;
        break;
      case 'pageInfo':
        if (!allPlain(field)) throw new NotPlanned('pageInfo');
        break;
      case 'edges':
        for (const edge of field.children) {
          if (edge.name === 'cursor' || edge.name === '__typename') continue;
          if (edge.name !== 'node') throw new NotPlanned(`edge ${edge.name}`);
          for (const f of edge.children) {
            if (!planned(f)) throw new NotPlanned(`${firstNotPlain(f)} is not a property`);
            if (f.plain) {
              if (f.name !== '__typename') props.add(f.name);
              continue;
            }
            if (!PART_FIELDS.has(f.name)) throw new NotPlanned(`Stakeholder.${f.name}`);
            partFields.push(f);
          }
        }
        break;
      default:
        throw new NotPlanned(`StakeholderConnection.${field.name}`);
    }
  }
  return ((run, args) => readPage(root, partFields, [...props], counts, run.ctx, args, run.args)) as RootPlan;
};

/** A stakeholder's part values as read, and as decoded on first use. */
interface PageRow {
  read: Map<string, unknown>;
  decoded: Map<string, unknown>;
}

async function readPage(
  root: PlannedField,
  partFields: PlannedField[],
  props: string[],
  counts: boolean,
  ctx: RequestContext,
  args: Record<string, unknown>,
  argsOf: (field: PlannedField) => Record<string, unknown>,
): Promise<unknown> {
  const filter = args.filter as StakeholderFilter | null | undefined;
  // The checks type-graphql runs on the filter (class-validator), with the schema's options.
  if (filter && (await validate(Object.assign(new StakeholderFilter(), filter), VALIDATION_OPTIONS)).length) throw new NotPlanned('filter');
  const sort = args.sort as StakeholderSort;
  const orderBy = SORTS[sort] as QueryOrderMap<Stakeholder>[];
  if (!orderBy) throw new NotPlanned('sort');
  const page = { first: args.first as number | null | undefined, after: args.after as string | null | undefined };
  if (page.first != null && page.first < 1) throw new NotPlanned('first');
  if (page.after != null && page.after.length > 1000) throw new NotPlanned('after');
  const em = ctx.em;
  let first: number;
  try {
    first = checkPage(em, Stakeholder, orderBy, page, ctx.pageLimits);
  } catch {
    throw new NotPlanned('page');
  }

  // What each selected field of a node reads: its part of the statement (equal ones once), with
  // the columns its selection and its rule need.
  const metadata = em.getMetadata();
  const parts = new Map<string, Part>();
  const fieldParts = new Map<PlannedField, { key: string; args: Record<string, unknown> }>();
  const columnsByPart = new Map<string, Set<string> | null>();
  for (const field of partFields) {
    const fieldArgs = argsOf(field);
    const found = partFor(field.name, fieldArgs, ctx);
    if (!found) throw new NotPlanned(`part ${field.name}`);
    const [key, part] = found;
    parts.set(key, part);
    fieldParts.set(field, { key, args: fieldArgs });
    const entity = part.kind === 'category' ? StakeholderCategory : part.kind === 'lastInteraction' ? null : part.entity;
    const rule = RULE_COLUMNS[field.name];
    const wanted = entity && rule ? columnsOfProps(metadata.get(entity.name), field.children.map((c) => c.name), rule) : null;
    const had = columnsByPart.has(key) ? columnsByPart.get(key)! : new Set<string>();
    columnsByPart.set(key, wanted && had ? new Set([...had, ...wanted]) : null);
  }
  for (const [key, columns] of columnsByPart) if (columns) parts.set(key, { ...parts.get(key)!, columns: [...columns] });

  const meta = metadata.get<Stakeholder>(Stakeholder.name);
  const metaOf: MetaOf = (e) => metadata.get(e.name);
  const dialect = dialectOf(em);
  const list = [...parts];
  const columns = list.map(([, part]) => columnOf(part, ALIAS, dialect, metaOf));
  // The caller's portfolio scope is part of the list's one rule.
  const condition = stakeholderWhereSql(filter, (ctx as AppContext).caller);
  const where = [condition.sql(ALIAS)];
  const params: unknown[] = [...columns.flatMap((c) => c.params), ...condition.params];
  if (page.after != null) {
    const keyset = keysetSql(meta, orderBy, Cursor.decode(page.after) as unknown[], (v) => em.getPlatform().processDateProperty(v));
    where.push(keyset.sql);
    params.push(...keyset.params);
  }
  const order = orderBy.map((o) => Object.entries(o).map(([prop, dir]) => `${ALIAS}.${columnName(meta, prop)} ${dir}`)).flat();
  // The limit is a literal (a checked integer): a prepared statement's generic plan would not know it.
  // The page's own columns: the id, the order's, and those of the properties selected.
  const own = columnsOfProps(meta, props, ['id', ...orderBy.flatMap((o) => Object.keys(o)).map((prop) => columnName(meta, prop))]);
  const sql = `select ${[...(own ? own.map((c) => `${ALIAS}.${c}`) : [`${ALIAS}.*`]), ...columns.map((c, i) => `${c.sql} as x${i}__`)].join(', ')} from ${meta.tableName} ${ALIAS}
    where ${where.join(' and ')} order by ${order.join(', ')} limit ${Number(first + 1)}`;

  // Counted as the list's execution counts it.
  const count = counts ? em.count(Stakeholder, sqlCondition<Stakeholder>(condition.sql, condition.params)) : undefined;
  const data = await readRows(em, sql, params);
  const total = await count;

  const loaders = ctx.loaders;
  const byRow = new Map<Stakeholder, PageRow>();
  const rows = data.map((raw) => {
    const values = new Map<string, unknown>();
    list.forEach(([key], i) => {
      values.set(key, raw[`x${i}__`]);
      delete raw[`x${i}__`];
    });
    const row = loaders.toRow(meta, raw);
    byRow.set(row, { read: values, decoded: new Map() });
    return row;
  });
  const cursor = new Cursor<Stakeholder>(rows as never, undefined as never, { first, after: page.after ?? undefined, orderBy, overfetch: true, includeCount: false } as never, meta);
  const items = cursor.items as Stakeholder[];

  // A part's value for one stakeholder, decoded on first use.
  const partOf = (s: Stakeholder, field: PlannedField): unknown => {
    const entry = byRow.get(s);
    const fp = fieldParts.get(field);
    if (!entry || !fp) throw new NotPlanned('part');
    if (!entry.decoded.has(fp.key)) entry.decoded.set(fp.key, decodePart(loaders, parts.get(fp.key)!, entry.read.get(fp.key), metaOf));
    return entry.decoded.get(fp.key);
  };
  const argOf = (field: PlannedField, name: string) => fieldParts.get(field)!.args[name];
  const limits = ctx.pageLimits;
  const stakeholderValues: FieldValues = {
    category: (s: Stakeholder, f) => partOf(s, f),
    contacts: (s: Stakeholder, f) => contactsFrom(partOf(s, f) as ContactPerson[], argOf(f, 'archived') as ArchiveFilter, argOf(f, 'first') as number | null, limits),
    assessments: (s: Stakeholder, f) => assessmentsFrom(partOf(s, f) as StakeholderAssessment[], argOf(f, 'archived') as ArchiveFilter, argOf(f, 'first') as number | null, limits),
    currentAssessment: (s: Stakeholder, f) => currentAssessmentFrom(partOf(s, f) as StakeholderAssessment[], argOf(f, 'asOf') as string | null),
    quadrant: (s: Stakeholder, f) => quadrantFrom(partOf(s, f) as StakeholderAssessment[]),
    salienceClass: (s: Stakeholder, f) => salienceClassFrom(partOf(s, f) as StakeholderAssessment[]),
    interests: (s: Stakeholder, f) => partOf(s, f),
    goals: (s: Stakeholder, f) => partOf(s, f),
    interactions: (s: Stakeholder, f) => partOf(s, f),
    lastInteractionOn: (s: Stakeholder, f) => partOf(s, f),
  };
  const connection = {
    edges: items.map((node) => ({ node, cursor: cursor.from(node as never) })),
    pageInfo: { hasNextPage: cursor.hasNextPage, hasPreviousPage: cursor.hasPrevPage, startCursor: cursor.startCursor, endCursor: cursor.endCursor },
    totalCount: total,
  };
  const contactValues: FieldValues = {
    email: (c: ContactPerson) => (isHidden(em, 'ContactPerson', 'email') ? null : (c.email ?? null)),
    phone: (c: ContactPerson) => (isHidden(em, 'ContactPerson', 'phone') ? null : (c.phone ?? null)),
  };
  return complete(connection, root, new PlanBudget(ctx.responseBudget.maxItems), { Stakeholder: stakeholderValues, ContactPerson: contactValues });
}

/** The columns each field's rule reads of its rows, whatever is selected of them; null: every column. */
const RULE_COLUMNS: Record<string, readonly string[] | null> = {
  category: ['id'],
  contacts: ['id', 'name', 'archived_at'],
  assessments: ['id', 'assessed_on', 'created_at', 'archived_at'],
  currentAssessment: ['id', 'assessed_on', 'created_at', 'archived_at'],
  // Derived by the assessment's getters from several of its columns.
  quadrant: null,
  salienceClass: null,
  interests: ['id'],
  goals: ['id'],
  interactions: ['id'],
};

/**
 * The columns that rows read for these selected properties and a rule need: the rule's and the
 * properties'; null (every column) when one is a getter or an embeddable, whose columns are not
 * known from the selection.
 */
function columnsOfProps<T extends object>(meta: EntityMetadata<T>, names: readonly string[], rule: readonly string[]): string[] | null {
  const columns = new Set(rule);
  for (const name of names) {
    if (name === '__typename') continue;
    const prop = (meta.properties as Record<string, EntityProperty | undefined>)[name];
    if (!prop || prop.kind !== ReferenceKind.SCALAR || prop.embedded || prop.persist === false || prop.formula || !prop.fieldNames?.length) return null;
    prop.fieldNames.forEach((c) => columns.add(c));
  }
  return [...columns];
}

function columnName(meta: EntityMetadata<Stakeholder>, prop: string): string {
  const column = (meta.properties as Record<string, { fieldNames?: string[] } | undefined>)[prop]?.fieldNames?.[0];
  if (!column) throw new NotPlanned(`order by ${prop}`);
  return column;
}

/**
 * The keyset condition after a cursor, as MikroORM's cursor pagination writes it
 * (`k1 >= ? and (k1 > ? or (k2 > ? …))` for ascending keys); checkPage has checked the cursor.
 */
function keysetSql(meta: EntityMetadata<Stakeholder>, orderBy: QueryOrderMap<Stakeholder>[], offsets: unknown[], param: (value: unknown) => unknown): { sql: string; params: unknown[] } {
  const keys = orderBy.flatMap((o) => Object.entries(o)) as [string, string][];
  const params: unknown[] = [];
  const condition = (i: number): string => {
    const [prop, dir] = keys[i];
    const column = `${ALIAS}.${columnName(meta, prop)}`;
    const op = String(dir).toLowerCase() === 'desc' ? '<' : '>';
    const value = param(offsets[i]);
    if (i === keys.length - 1) {
      params.push(value);
      return `${column} ${op} ?`;
    }
    params.push(value, value);
    const sql = `${column} ${op}= ? and (${column} ${op} ? or (`;
    return `${sql}${condition(i + 1)}))`;
  };
  return { sql: `(${condition(0)})`, params };
}
