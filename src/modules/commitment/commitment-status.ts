import { registerEnumType } from 'type-graphql';
import { addDays, daysBetween, type LocalDate } from '../../shared/dates';
import { dayLiteral } from '../../shared/sql';

export enum CommitmentStatus {
  OPEN = 'OPEN',
  DUE_SOON = 'DUE_SOON',
  OVERDUE = 'OVERDUE',
  DELIVERED_ON_TIME = 'DELIVERED_ON_TIME',
  DELIVERED_LATE = 'DELIVERED_LATE',
  WITHDRAWN = 'WITHDRAWN',
}

/**
 * How many days before its due date an open commitment counts as DUE_SOON: two weeks, the
 * usual rhythm of a board's meeting cycle (a promise due within it must be on the next agenda).
 * One number for the whole register; moments have their own window per obligation.
 */
export const COMMITMENT_DUE_SOON_DAYS = 14;

registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description: `Status of a commitment (toezegging) at a date: derived from its facts, never typed in. Only what had happened by the end of that day counts.`,
  valuesConfig: {
    OPEN: { description: `Not delivered, due later than ${COMMITMENT_DUE_SOON_DAYS} days ahead (openstaand).` },
    DUE_SOON: { description: `Not delivered, due within ${COMMITMENT_DUE_SOON_DAYS} days, the due day included (binnenkort).` },
    OVERDUE: { description: 'Not delivered, and its due date has passed (verlopen).' },
    DELIVERED_ON_TIME: { description: 'Delivered on or before its due date (tijdig nagekomen).' },
    DELIVERED_LATE: { description: 'Delivered after its due date (te laat nagekomen).' },
    WITHDRAWN: { description: 'Withdrawn, with a recorded reason (ingetrokken).' },
  },
});

/** What the status rule needs to know about a commitment. */
export interface CommitmentFacts {
  madeOn: LocalDate;
  dueOn: LocalDate;
  deliveredOn?: LocalDate | null;
  withdrawnOn?: LocalDate | null;
}

/**
 * The status of a commitment as it stood at the end of `asOf`, or null when it had not been
 * made yet. As for moments (moment-status.ts), a fact counts from its own day: a delivery or a
 * withdrawal dated after `asOf` does not change the answer for `asOf`, so an earlier date keeps
 * its answer. A commitment due today is not yet overdue.
 */
export function commitmentStatus(c: CommitmentFacts, asOf: LocalDate, dueSoonDays = COMMITMENT_DUE_SOON_DAYS): CommitmentStatus | null {
  if (c.madeOn > asOf) return null;
  if (c.deliveredOn && c.deliveredOn <= asOf) {
    return c.deliveredOn <= c.dueOn ? CommitmentStatus.DELIVERED_ON_TIME : CommitmentStatus.DELIVERED_LATE;
  }
  if (c.withdrawnOn && c.withdrawnOn <= asOf) return CommitmentStatus.WITHDRAWN;
  if (c.dueOn < asOf) return CommitmentStatus.OVERDUE;
  if (daysBetween(asOf, c.dueOn) <= dueSoonDays) return CommitmentStatus.DUE_SOON;
  return CommitmentStatus.OPEN;
}

/**
 * The same rule as `commitmentStatus`, as an SQL CASE expression over a commitment row `c`
 * (NULL when it had not been made by `asOf`), so that lists filter and reports count by status in
 * the database. The same text runs on SQLite and PostgreSQL: the end of the warning window is a
 * day computed here. test/integration/commitment-twins.test.ts holds the two to the same answers.
 */
export function commitmentStatusSql(asOf: LocalDate, c = 'c', dueSoonDays = COMMITMENT_DUE_SOON_DAYS): string {
  const day = dayLiteral(asOf);
  return `(case
    when ${c}.made_on > ${day} then null
    when ${c}.delivered_on is not null and ${c}.delivered_on <= ${day} then (case when ${c}.delivered_on <= ${c}.due_on then 'DELIVERED_ON_TIME' else 'DELIVERED_LATE' end)
    when ${c}.withdrawn_on is not null and ${c}.withdrawn_on <= ${day} then 'WITHDRAWN'
    when ${c}.due_on < ${day} then 'OVERDUE'
    when ${c}.due_on <= ${dayLiteral(addDays(asOf, dueSoonDays))} then 'DUE_SOON'
    else 'OPEN' end)`;
}
