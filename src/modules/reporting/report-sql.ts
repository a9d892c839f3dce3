import type { EntityClass, EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../../shared/dates';
import { dayLiteral, dialectOf, selectRows, toInt } from '../../shared/sql';
import { andVisible } from '../../shared/visibility';
import { momentStatusSql } from '../accountability/moment-status';
import { momentRowColumns, MomentRows, type MomentRow } from '../accountability/moment-row';
import type { CodeProvision } from '../governance/code-provision.entity';
import { addCounts, emptyCounts, type Counts } from './compliance';

// What every report shares: the SQL over moments due in a period (counted by the one status
// rule, momentStatusSql), turning count rows into Counts, loading the records a report names,
// and the orders lines are listed in. Every report counts in the database (GROUP BY over the
// status CASE expression) and loads only the records it names: a fixed number of statements
// whatever the register's size. The moments a report lists are read as plain rows with their
// obligation (MomentRow), in the statement that picks them, never as entities.

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export type CountRow = { k: string | null; status: string; n: unknown };

/** Groups (key, status, n) rows into counts per key. */
export function countsByKey(rows: CountRow[]): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const key = r.k ?? '';
    addCounts(out.get(key) ?? out.set(key, emptyCounts()).get(key)!, r.status, toInt(r.n));
  }
  return out;
}

export function summed(rows: CountRow[]): Counts {
  return rows.reduce((c, r) => addCounts(c, r.status, toInt(r.n)), emptyCounts());
}

/** (key, n) rows as a map from key to number. */
export function numbersByKey(rows: { k: string; n: unknown }[]): Map<string, number> {
  return new Map(rows.map((r) => [r.k, toInt(r.n)]));
}

export async function findByIds<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, ids: Iterable<string>): Promise<Map<string, T>> {
  const list = [...new Set(ids)];
  const found = list.length ? ((await em.find(entity, { id: { $in: list } } as never)) as T[]) : [];
  return new Map(found.map((e) => [e.id, e]));
}


/** The order of provisions within a code: by position, then by reference read as numbers. */
export function byProvisionOrder(a: CodeProvision, b: CodeProvision): number {
  return a.position - b.position || a.reference.localeCompare(b.reference, undefined, { numeric: true });
}

/**
 * One report's SQL: moments of obligations that are not archived, judged on `asOf`; of the
 * obligations the caller may see, when a portfolio scope limits them (portfolio-scope.ts).
 */
export class ReportSql {
  /** The status of moment `m` of obligation `o` on asOf, as an SQL expression. */
  readonly status: string;
  readonly day: string;
  readonly from: string;
  readonly to: string;
  /** ` and (…)` for the obligations `o` the caller sees; '' when they see all. */
  readonly visibleObligation: string;

  constructor(
    readonly em: EntityManager,
    readonly asOf: LocalDate,
    period: Period,
  ) {
    this.status = momentStatusSql(dialectOf(em), asOf, 'm', 'o');
    this.day = dayLiteral(asOf);
    this.from = dayLiteral(period.from);
    this.to = dayLiteral(period.to);
    this.visibleObligation = andVisible(em, 'Obligation', 'o');
  }

  /** ` and (…)` for the rows of `entity` under `alias` the caller sees; '' when they see all. */
  visible(entity: string, alias: string): string {
    return andVisible(this.em, entity, alias);
  }

  /** FROM … WHERE for moments due in the period, with extra joins and conditions. */
  moments(joins = '', where = 'true'): string {
    return `from accountability_moment m join obligation o on o.id = m.obligation_id ${joins}
      where o.archived_at is null${this.visibleObligation} and m.due_on >= ${this.from} and m.due_on <= ${this.to} and (${where})`;
  }

  /** Obligations (not archived) that apply at some day of the period. */
  activeObligation(o = 'o'): string {
    return `${o}.archived_at is null${o === 'o' ? this.visibleObligation : this.visible('Obligation', o)} and ${o}.active_from <= ${this.to} and (${o}.active_until is null or ${o}.active_until >= ${this.from})`;
  }

  /** Moments due in the period counted per `key` and status. */
  counts(key: string, joins = '', where = 'true', params: unknown[] = []): Promise<CountRow[]> {
    return selectRows<CountRow>(
      this.em,
      `select ${key} as k, ${this.status} as status, count(*) as n ${this.moments(joins, where)} group by 1, 2`,
      params,
    );
  }

  /** How many moments due in the period meet `where`. */
  async count(where: string): Promise<number> {
    const rows = await selectRows<{ n: unknown }>(this.em, `select count(*) as n ${this.moments('', where)}`);
    return toInt(rows[0]?.n);
  }

  /** The first `limit` moments due in the period that meet `where`, earliest due first, as rows. */
  async firstMoments(where: string, limit: number, rows = new MomentRows()): Promise<MomentRow[]> {
    if (limit <= 0) return [];
    const found = await selectRows<Record<string, unknown>>(this.em, `select ${momentRowColumns()} ${this.moments('', where)} order by m.due_on, m.id limit ${Number(limit)}`);
    return found.map((r) => rows.read(r));
  }
}
