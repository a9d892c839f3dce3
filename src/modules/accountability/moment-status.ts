import { registerEnumType } from 'type-graphql';
import { daysBetween, type LocalDate } from '../../shared/dates';
import { dayLiteral, plusDays, type Dialect } from '../../shared/sql';

export enum MomentStatus {
  MET = 'MET',
  MET_LATE = 'MET_LATE',
  OVERDUE = 'OVERDUE',
  DUE_SOON = 'DUE_SOON',
  UPCOMING = 'UPCOMING',
  WAIVED = 'WAIVED',
  EXPLAINED = 'EXPLAINED',
}
registerEnumType(MomentStatus, {
  name: 'MomentStatus',
  description: 'Status of an accountability moment (verantwoordingsmoment) at a date: derived, never typed in.',
  valuesConfig: {
    MET: { description: 'Held on or before its due date (tijdig afgelegd).' },
    MET_LATE: { description: 'Held, but after its due date (te laat afgelegd).' },
    OVERDUE: { description: 'Not held, and its due date has passed (achterstallig).' },
    DUE_SOON: { description: 'Not held, due within the warning window (binnenkort).' },
    UPCOMING: { description: 'Not held, due later than the warning window (gepland).' },
    WAIVED: { description: 'Not needed this time, with a recorded reason (vervallen).' },
    EXPLAINED: { description: 'Not applied, with a written explanation ("pas toe of leg uit": uitgelegd).' },
  },
});

export enum Application {
  APPLY = 'APPLY',
  EXPLAIN = 'EXPLAIN',
}

/** What the status rule needs to know about a moment. */
export interface MomentFacts {
  dueOn: LocalDate;
  heldOn?: LocalDate | null;
  waivedOn?: LocalDate | null;
}

/** What the status rule needs to know about the obligation the moment belongs to. */
export interface ObligationFacts {
  warningDays: number;
  application: Application;
  /** The day the explanation was given (for EXPLAIN). */
  explainedOn?: LocalDate | null;
}

/** An obligation to "apply or explain" that is explained counts as such from the day the explanation was given. */
export function isExplained(obligation: ObligationFacts, asOf: LocalDate): boolean {
  return obligation.application === Application.EXPLAIN && !!obligation.explainedOn && obligation.explainedOn <= asOf;
}

/** The same rule as `isExplained`, as an SQL condition over an obligation row `o`. */
export function explainedSql(asOf: LocalDate, o = 'o'): string {
  return `${o}.application = 'EXPLAIN' and ${o}.explained_on is not null and ${o}.explained_on <= ${dayLiteral(asOf)}`;
}

/**
 * The status of a moment as it stood at the end of `asOf`. Only what had happened by then
 * counts: a moment held or waived later, or an explanation given later, does not change
 * the answer for an earlier date. A moment due today is not yet overdue.
 */
export function momentStatus(moment: MomentFacts, obligation: ObligationFacts, asOf: LocalDate): MomentStatus {
  if (moment.heldOn && moment.heldOn <= asOf) {
    return moment.heldOn <= moment.dueOn ? MomentStatus.MET : MomentStatus.MET_LATE;
  }
  if (moment.waivedOn && moment.waivedOn <= asOf) return MomentStatus.WAIVED;
  if (isExplained(obligation, asOf)) return MomentStatus.EXPLAINED;
  if (moment.dueOn < asOf) return MomentStatus.OVERDUE;
  if (daysBetween(asOf, moment.dueOn) <= obligation.warningDays) return MomentStatus.DUE_SOON;
  return MomentStatus.UPCOMING;
}

/**
 * The same rule as `momentStatus`, as an SQL CASE expression over a moment row `m` and its
 * obligation row `o`, so that reports can count by status in the database. A test checks that
 * both give the same answer (test/integration/sql-twins.test.ts).
 */
export function momentStatusSql(dialect: Dialect, asOf: LocalDate, m = 'm', o = 'o'): string {
  const day = dayLiteral(asOf);
  return `(case
    when ${m}.held_on is not null and ${m}.held_on <= ${day} then (case when ${m}.held_on <= ${m}.due_on then 'MET' else 'MET_LATE' end)
    when ${m}.waived_on is not null and ${m}.waived_on <= ${day} then 'WAIVED'
    when ${explainedSql(asOf, o)} then 'EXPLAINED'
    when ${m}.due_on < ${day} then 'OVERDUE'
    when ${m}.due_on <= ${plusDays(dialect, asOf, `${o}.warning_days`)} then 'DUE_SOON'
    else 'UPCOMING' end)`;
}
