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

/** One decision to apply or explain, from a day (ObligationApplication). */
export interface ApplicationFacts {
  effectiveFrom: LocalDate;
  application: Application;
  decidedOn: LocalDate;
  /** Ties between decisions of the same days: the one recorded later wins, then the greater id. */
  createdAt?: Date;
  id?: string;
}

/** What the status rule needs to know about the obligation the moment belongs to. */
export interface ObligationFacts {
  warningDays: number;
  /** Its decisions to apply or explain; none means APPLY throughout. */
  applications: readonly ApplicationFacts[];
}

/** The order decisions take effect in: by effectiveFrom, then decidedOn, then when recorded, then id (a later one wins). */
export function byDecisionOrder(a: ApplicationFacts, b: ApplicationFacts): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? -1 : 1;
  if (a.decidedOn !== b.decidedOn) return a.decidedOn < b.decidedOn ? -1 : 1;
  const at = a.createdAt?.getTime() ?? 0;
  const bt = b.createdAt?.getTime() ?? 0;
  if (at !== bt) return at - bt;
  return (a.id ?? '') < (b.id ?? '') ? -1 : (a.id ?? '') > (b.id ?? '') ? 1 : 0;
}

/**
 * The decision in force on `day` as it stood at the end of `asOf`: the latest-effective one
 * that took effect by `day` among those decided by `asOf`; null when there is none (APPLY).
 */
export function applicationInForce<A extends ApplicationFacts>(applications: readonly A[], day: LocalDate, asOf: LocalDate): A | null {
  let best: A | null = null;
  for (const a of applications) {
    if (a.decidedOn > asOf || a.effectiveFrom > day) continue;
    if (!best || byDecisionOrder(a, best) > 0) best = a;
  }
  return best;
}

/**
 * Whether the obligation was explained ("leg uit") for `day` (its moment's due date; `asOf`
 * itself when left out), as things stood on `asOf`: an explanation counts from the day it was
 * given, and going back to APPLY from a day leaves the days before it explained.
 */
export function isExplained(obligation: Pick<ObligationFacts, 'applications'>, asOf: LocalDate, day: LocalDate = asOf): boolean {
  return applicationInForce(obligation.applications, day, asOf)?.application === Application.EXPLAIN;
}

/**
 * The same choice as `applicationInForce`, as an SQL scalar subquery over an obligation row `o`:
 * the `column` (application, id …) of the decision in force on `day` (an SQL day expression) as
 * decided by `asOf`; NULL when there is none.
 */
export function applicationInForceSql(asOf: LocalDate, o = 'o', day: string = dayLiteral(asOf), column = 'application'): string {
  return `(select a.${column} from obligation_application a where a.obligation_id = ${o}.id and a.decided_on <= ${dayLiteral(asOf)} and a.effective_from <= ${day}
    order by a.effective_from desc, a.decided_on desc, a.created_at desc, a.id desc limit 1)`;
}

/** The same rule as `isExplained`, as an SQL condition over an obligation row `o`; `day` an SQL day expression (asOf when left out), e.g. `m.due_on`. */
export function explainedSql(asOf: LocalDate, o = 'o', day: string = dayLiteral(asOf)): string {
  return `coalesce(${applicationInForceSql(asOf, o, day)}, 'APPLY') = 'EXPLAIN'`;
}

/**
 * The status of a moment as it stood at the end of `asOf`. Only what had happened by then
 * counts: a moment held or waived later, or an explanation given later, does not change
 * the answer for an earlier date. Explained or not is decided per due date (the decision in
 * force on it). A moment due today is not yet overdue.
 */
export function momentStatus(moment: MomentFacts, obligation: ObligationFacts, asOf: LocalDate): MomentStatus {
  if (moment.heldOn && moment.heldOn <= asOf) {
    return moment.heldOn <= moment.dueOn ? MomentStatus.MET : MomentStatus.MET_LATE;
  }
  if (moment.waivedOn && moment.waivedOn <= asOf) return MomentStatus.WAIVED;
  if (isExplained(obligation, asOf, moment.dueOn)) return MomentStatus.EXPLAINED;
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
    when ${explainedSql(asOf, o, `${m}.due_on`)} then 'EXPLAINED'
    when ${m}.due_on < ${day} then 'OVERDUE'
    when ${m}.due_on <= ${plusDays(dialect, asOf, `${o}.warning_days`)} then 'DUE_SOON'
    else 'UPCOMING' end)`;
}
