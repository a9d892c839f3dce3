import type { EntityManager } from '@mikro-orm/core';
import { addDays, type LocalDate } from '../../shared/dates';
import { MomentStatus } from '../accountability/moment-status';
import { MomentRows } from '../accountability/moment-row';
import { ReportSql, summed } from './report-sql';
import { AccountabilityOverview } from './report.types';

/** The dashboard: counts from `from` to `withinDays` ahead, everything overdue, and what falls due next. */
export function overviewReport(em: EntityManager, asOf: LocalDate, withinDays: number, from: LocalDate | null, limit: number): AccountabilityOverview {
  const until = addDays(asOf, withinDays);
  const period = { from: from ?? `${asOf.slice(0, 4)}-01-01`, to: until };
  const q = new ReportSql(em, asOf, period);
  // Overdue whatever the due date: a wide period, with the index on due_on doing the work.
  const ever = new ReportSql(em, asOf, { from: '0001-01-01', to: addDays(asOf, -1) });
  const overdue = `${ever.status} = '${MomentStatus.OVERDUE}'`;
  // Due from asOf on and not dealt with: these two statuses say so.
  const next = new ReportSql(em, asOf, { from: asOf, to: until });
  const notDealtWith = `${next.status} in ('${MomentStatus.DUE_SOON}', '${MomentStatus.UPCOMING}')`;
  const rows = new MomentRows();
  // Asked for by the fields a query selects, each at most once (status and moments share one).
  const once = <T>(work: () => Promise<T>) => {
    let promise: Promise<T> | undefined;
    return () => (promise ??= work());
  };
  return new AccountabilityOverview(asOf, period, {
    counts: once(async () => summed(await q.counts("''"))),
    overdueCount: once(() => ever.count(overdue)),
    overdue: once(() => ever.firstMoments(overdue, limit, rows)),
    dueNextCount: once(() => next.count(notDealtWith)),
    dueNext: once(() => next.firstMoments(notDealtWith, limit, rows)),
  });
}
