import { Cursor, raw, type EntityManager, type EntityMetadata, type EntityName, type FilterQuery, type QueryOrderMap } from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager } from '@mikro-orm/knex';
import { IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { Arg, ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { isUuid } from './crud';
import { isLocalDate } from './dates';
import { badInput } from './errors';
import { BAD_TEXT } from './validation';
import { readOnlyRow } from './loaders';

@ObjectType({ description: 'Where a page sits in the whole list (Relay cursor connections).' })
export class PageInfo {
  @Field({ description: 'Whether more items follow after `endCursor`.' })
  hasNextPage!: boolean;

  @Field({ description: 'Whether items precede `startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item on this page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item on this page; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'Page size: at most the server\'s MAX_PAGE_SIZE (default 100); DEFAULT_PAGE_SIZE (default 20) when left out.',
  })
  @IsOptional() @Min(1)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (an `endCursor` or edge `cursor` from an earlier page).' })
  @IsOptional() @IsString() @MaxLength(1000)
  after?: string | null;
}

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when a client selects it (a getter that runs the count on first read). */
  totalCount: number | Promise<number>;
}

/** A Relay connection type for `node`, named `${name}Connection` with edges `${name}Edge`. */
export function Connection<T extends object>(node: ClassType<T>, name: string, what: string) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => node, { description: `The ${what}.` })
    node!: T;

    @Field({ description: 'Opaque cursor of this item; pass it as `after` to continue after it.' })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what} items (cursor connection).` })
  class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType], { description: 'The items on this page, in the requested order.' })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, across all pages.' })
    totalCount!: number | Promise<number>;
  }

  return ConnectionType;
}

export interface PageLimits {
  defaultPageSize: number;
  maxPageSize: number;
}

/** The list arguments of nested lists and their smallest value; the largest is MAX_PAGE_SIZE. */
export const LIST_ARGS: Record<string, number> = { first: 0, last: 1 };

/** Refuses a `first` or `last` outside its range; the resolvers and the pre-execution check share it. */
export function checkListArg(name: string, value: number, limits: PageLimits): void {
  const min = LIST_ARGS[name] ?? 0;
  if (!Number.isInteger(value) || value < min || value > limits.maxPageSize) {
    throw badInput(name, `${name} must be from ${min} to ${limits.maxPageSize} (MAX_PAGE_SIZE), got ${value}`);
  }
}

/**
 * `first` of a nested list (a stakeholder's contacts, an obligation's moments): how many of its
 * items, in its order, from 0 to MAX_PAGE_SIZE; DEFAULT_PAGE_SIZE (or `defaultValue`) when left
 * out. The complete list is paged through the top-level connection named in `more`.
 */
export function FirstArg(more?: string, defaultValue?: number | 'max'): ReturnType<typeof Arg> {
  const size = defaultValue === undefined ? 'DEFAULT_PAGE_SIZE (default 20)' : defaultValue === 'max' ? 'MAX_PAGE_SIZE' : String(defaultValue);
  const rest = more ? ` For all of them page through \`${more}\`.` : '';
  return Arg('first', () => Int, {
    nullable: true,
    ...(typeof defaultValue === 'number' ? { defaultValue } : {}),
    description: `How many, in this list's order: 0 to MAX_PAGE_SIZE (default 100); ${size} when left out.${rest}`,
  });
}

/** The first `first` items of a nested list that its resolver has loaded and ordered. */
export function takeFirst<T>(items: readonly T[], first: number | null | undefined, limits: PageLimits): T[] {
  const n = first ?? limits.defaultPageSize;
  checkListArg('first', n, limits);
  return items.slice(0, n);
}

/**
 * Keyset pagination through MikroORM's findByCursor: one SELECT, and a COUNT only when the
 * client reads `totalCount`. `orderBy` must end in a unique key (the id) so that the order is
 * stable. `where` is a function because MikroORM's raw SQL fragments are used up by the first
 * query that renders them: the count needs conditions of its own.
 */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: () => FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageArgs,
  limits: PageLimits,
): Promise<ConnectionShape<T>> {
  const first = checkPage(em, entity, orderBy, page, limits);
  const cursor = await em.findByCursor(entity, where(), {
    first,
    after: page.after ?? undefined,
    orderBy,
    includeCount: false,
  } as never);
  return connectionOf(em, entity, where, cursor as Cursor<T>);
}

/**
 * `paginate` for a list that is only read: the page's rows come back as read-only plain rows
 * (loaders.ts `readOnlyRow`) rather than managed entities, through the driver's find, which
 * applies the same keyset conditions. Mutations never return these.
 */
export async function paginateRows<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  where: () => FilterQuery<T>,
  orderBy: QueryOrderMap<T>[],
  page: PageArgs,
  limits: PageLimits,
  extra?: PageExtras<T>,
): Promise<ConnectionShape<T>> {
  const first = checkPage(em, entity, orderBy, page, limits);
  const meta = em.getMetadata().get<T>(entity as EntityName<T>);
  const options = { first, after: page.after ?? undefined, orderBy, overfetch: true, includeCount: false };
  let rows: T[];
  if (extra) {
    rows = await findWithExtras(em, meta, where(), options, extra);
  } else {
    const data = await em.getDriver().find<T>(meta.className, where(), { ...options, ctx: em.getTransactionContext() } as never);
    rows = (data as Record<string, unknown>[]).map((row) => readOnlyRow(meta, row));
  }
  const cursor = new Cursor<T>(rows as never, undefined as never, options as never, meta);
  return connectionOf(em, entity, where, cursor);
}

/**
 * More columns for the page's own statement (correlated subqueries on the page's alias), and
 * what to do with their values once the rows are read: a compiled read fetches a page and what
 * its fields read in one statement (stakeholder-read.ts).
 */
export interface PageExtras<T> {
  columns(alias: string): { sql: string; params: unknown[] }[];
  /** Called once with the page's rows (overfetched row included) and each row's column values. */
  attach(rows: T[], values: unknown[][]): void;
}

/** What the driver's find does for a keyset page (same conditions, order, overfetch), plus the extra columns. */
async function findWithExtras<T extends object>(
  em: EntityManager,
  meta: EntityMetadata<T>,
  where: FilterQuery<T>,
  options: { first: number; after?: string; orderBy: QueryOrderMap<T>[]; overfetch: boolean },
  extra: PageExtras<T>,
): Promise<T[]> {
  const driver = em.getDriver() as unknown as AbstractSqlDriver & {
    processCursorOptions(meta: EntityMetadata<T>, options: object, orderBy: QueryOrderMap<T>[]): { orderBy: QueryOrderMap<T>[]; where: FilterQuery<T> };
  };
  const qb = (em as SqlEntityManager).createQueryBuilder<T>(meta.className as never);
  const cursorOptions: { limit?: number } & typeof options = { ...options };
  const cursor = driver.processCursorOptions(meta, cursorOptions, options.orderBy);
  qb.select('*').where(where).andWhere(cursor.where).orderBy(cursor.orderBy as never);
  if (cursorOptions.limit != null) qb.limit(cursorOptions.limit);
  const columns = extra.columns(qb.alias);
  columns.forEach((c, i) => qb.addSelect(raw(`${c.sql} as x${i}__`, c.params)));
  const data = (await qb.execute('all', false)) as Record<string, unknown>[];
  const values = data.map((row) => columns.map((_, i) => {
    const value = row[`x${i}__`];
    delete row[`x${i}__`];
    return value;
  }));
  const rows = data.map((row) => readOnlyRow(meta, driver.mapResult(row as never, meta as never) as Record<string, unknown>));
  extra.attach(rows, values);
  return rows;
}

export function checkPage<T extends object>(em: EntityManager, entity: EntityName<T>, orderBy: QueryOrderMap<T>[], page: PageArgs, limits: PageLimits): number {
  const first = page.first ?? limits.defaultPageSize;
  if (first > limits.maxPageSize) {
    throw badInput('first', `first must not exceed ${limits.maxPageSize} (MAX_PAGE_SIZE), got ${first}`);
  }
  if (page.after != null) {
    let decoded: unknown;
    try {
      decoded = Cursor.decode(page.after);
    } catch {
      decoded = undefined;
    }
    if (!fitsOrder(em, entity, orderBy, decoded)) {
      throw badInput('after', 'after is not a cursor of this list in this order');
    }
  }
  return first;
}

function connectionOf<T extends object>(em: EntityManager, entity: EntityName<T>, where: () => FilterQuery<T>, cursor: Cursor<T>): ConnectionShape<T> {
  const items = cursor.items as T[];
  let count: Promise<number> | undefined;
  return {
    edges: items.map((node) => ({ node, cursor: cursor.from(node as never) })),
    pageInfo: {
      hasNextPage: cursor.hasNextPage,
      hasPreviousPage: cursor.hasPrevPage,
      startCursor: cursor.startCursor,
      endCursor: cursor.endCursor,
    },
    get totalCount() {
      count ??= em.count(entity, where());
      return count;
    },
  };
}

/**
 * Whether a decoded cursor holds one value of the right kind for each key of the order (a cursor
 * is base64 JSON a client can forge: `[{"foo":"bar"},"x"]` or `[null,null]` must not reach SQL).
 */
function fitsOrder<T extends object>(em: EntityManager, entity: EntityName<T>, orderBy: QueryOrderMap<T>[], decoded: unknown): boolean {
  const keys = orderBy.flatMap((o) => Object.keys(o));
  if (!Array.isArray(decoded) || decoded.length !== keys.length) return false;
  const meta = em.getMetadata().get(entity as EntityName<T>);
  return keys.every((key, i) => {
    const value = decoded[i];
    const prop = (meta.properties as Record<string, { primary?: boolean; runtimeType?: string; type?: string; columnTypes?: string[] } | undefined>)[key];
    if (!prop) return false;
    if (prop.primary) return typeof value === 'string' && isUuid(value);
    switch (prop.runtimeType) {
      case 'Date':
        // PostgreSQL has no year 0 (a decoded "0000-…" is a valid JavaScript Date).
        return value instanceof Date && !Number.isNaN(value.getTime()) && value.getUTCFullYear() >= 1;
      case 'number':
        return typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        return typeof value === 'boolean';
      default:
        // Text a client could not have stored (NUL breaks the statement on both databases), and
        // for a day column a real day: PostgreSQL refuses to compare a date with anything else.
        if (typeof value !== 'string' || BAD_TEXT.test(value)) return false;
        return prop.type === 'date' || prop.columnTypes?.[0] === 'date' ? isLocalDate(value) && value >= '0001-01-01' : true;
    }
  });
}

