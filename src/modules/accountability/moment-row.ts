import type { EntityClass, EntityManager } from '@mikro-orm/core';
import type { Loaders } from '../../shared/loaders';
import type { AccountabilityForm } from './accountability.enums';
import { AccountabilityMoment } from './accountability-moment.entity';
import { Obligation } from './obligation.entity';

// Moments and obligations read as plain SQL rows, for the reports: they stand in for the
// entities in a GraphQL result. Turning thousands of rows per report into entities (hydration,
// identity map, then garbage) was most of a report's time; a row is one small object. Its
// scalar fields are the columns; a relation is followed through the real entity, loaded in one
// batch per request, only when a query asks for it (see `entityOf`).

/** A timestamp column as MikroORM reads it: epoch ms on SQLite, a string on PostgreSQL. */
function timestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number));
}

const optionalTimestamp = (value: unknown): Date | null => (value == null ? null : timestamp(value));
/** Date columns are text on SQLite and kept as text by MikroORM's PostgreSQL type parser. */
const day = (value: unknown): string => String(value);
const optionalDay = (value: unknown): string | null => (value == null ? null : String(value));
const optionalText = (value: unknown): string | null => (value == null ? null : String(value));

/** The fields every record has (BaseEntity), from columns prefixed `p`. */
abstract class Row {
  readonly id: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly revision: number;
  readonly archivedAt: Date | null;

  constructor(r: Record<string, unknown>, p: string) {
    this.id = String(r[`${p}id`]);
    this.createdAt = timestamp(r[`${p}created_at`]);
    this.updatedAt = timestamp(r[`${p}updated_at`]);
    this.revision = Number(r[`${p}revision`]);
    this.archivedAt = optionalTimestamp(r[`${p}archived_at`]);
  }

  get archived(): boolean {
    return this.archivedAt != null;
  }
}

const BASE_COLUMNS = ['id', 'created_at', 'updated_at', 'revision', 'archived_at'];

/** An obligation's scalar fields, as a row. */
export class ObligationRow extends Row {
  readonly title: string;
  readonly description: string | null;
  readonly form: AccountabilityForm;
  readonly responsible: string | null;
  readonly recurrenceRule: string | null;
  readonly scheduleStart: string;
  readonly dueOn: string | null;
  readonly warningDays: number;
  readonly activeFrom: string;
  readonly activeUntil: string | null;
  readonly plannedUntil: string | null;

  constructor(r: Record<string, unknown>, p = 'o_') {
    super(r, p);
    this.title = String(r[`${p}title`]);
    this.description = optionalText(r[`${p}description`]);
    this.form = r[`${p}form`] as AccountabilityForm;
    this.responsible = optionalText(r[`${p}responsible`]);
    this.recurrenceRule = optionalText(r[`${p}recurrence_rule`]);
    this.scheduleStart = day(r[`${p}schedule_start`]);
    this.dueOn = optionalDay(r[`${p}due_on`]);
    this.warningDays = Number(r[`${p}warning_days`]);
    this.activeFrom = day(r[`${p}active_from`]);
    this.activeUntil = optionalDay(r[`${p}active_until`]);
    this.plannedUntil = optionalDay(r[`${p}planned_until`]);
  }
}

const OBLIGATION_COLUMNS = [
  ...BASE_COLUMNS,
  'title', 'description', 'form', 'responsible', 'recurrence_rule', 'schedule_start', 'due_on', 'warning_days',
  'active_from', 'active_until', 'planned_until',
];

/** A moment's scalar fields, and its obligation, as rows. */
export class MomentRow extends Row {
  readonly dueOn: string;
  readonly heldOn: string | null;
  readonly minutes: string | null;
  readonly waivedOn: string | null;
  readonly waiverReason: string | null;

  constructor(r: Record<string, unknown>, readonly obligation: ObligationRow, p = 'm_') {
    super(r, p);
    this.dueOn = day(r[`${p}due_on`]);
    this.heldOn = optionalDay(r[`${p}held_on`]);
    this.minutes = optionalText(r[`${p}minutes`]);
    this.waivedOn = optionalDay(r[`${p}waived_on`]);
    this.waiverReason = optionalText(r[`${p}waiver_reason`]);
  }
}

const MOMENT_COLUMNS = [...BASE_COLUMNS, 'due_on', 'held_on', 'minutes', 'waived_on', 'waiver_reason'];

/** The select items a MomentRow is read from: moment `m` as `m_…`, its obligation `o` as `o_…`. */
export function momentRowColumns(m = 'm', o = 'o'): string {
  return [...MOMENT_COLUMNS.map((c) => `${m}.${c} as m_${c}`), ...OBLIGATION_COLUMNS.map((c) => `${o}.${c} as o_${c}`)].join(', ');
}

/** The select items an ObligationRow is read from: obligation `o` as `o_…`. */
export function obligationRowColumns(o = 'o'): string {
  return OBLIGATION_COLUMNS.map((c) => `${o}.${c} as o_${c}`).join(', ');
}

/** As many nulls as momentRowColumns has items, named alike: for the other parts of a UNION. */
export function momentRowNulls(): string {
  return [...MOMENT_COLUMNS.map((c) => `null as m_${c}`), ...OBLIGATION_COLUMNS.map((c) => `null as o_${c}`)].join(', ');
}

/** Builds rows into MomentRows; moments of one obligation share one ObligationRow. */
export class MomentRows {
  private readonly obligations = new Map<string, ObligationRow>();

  read(r: Record<string, unknown>): MomentRow {
    const id = String(r.o_id);
    let obligation = this.obligations.get(id);
    if (!obligation) this.obligations.set(id, (obligation = new ObligationRow(r)));
    return new MomentRow(r, obligation);
  }
}

/**
 * The entity behind a row, for a field that follows a relation: the rows asked about in one
 * tick are loaded with one statement. An entity is returned as it is.
 */
export function entityOf<T extends { id: string }>(ctx: { em: EntityManager; loaders: Loaders }, entity: EntityClass<T>, root: T | Row): T | Promise<T> {
  if (!(root instanceof Row)) return root;
  return ctx.loaders.batch(
    `row:${entity.name}`,
    async (ids: readonly string[]) => {
      const found = (await ctx.em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
      const byId = new Map(found.map((e) => [e.id, e]));
      return ids.map((id) => byId.get(id)!);
    },
    root.id,
  );
}

export const momentOf = (ctx: { em: EntityManager; loaders: Loaders }, m: AccountabilityMoment | MomentRow) => entityOf<AccountabilityMoment>(ctx, AccountabilityMoment, m);
export const obligationOf = (ctx: { em: EntityManager; loaders: Loaders }, o: Obligation | ObligationRow) => entityOf<Obligation>(ctx, Obligation, o);
