import { registerEnumType } from 'type-graphql';
import { MomentStatus } from '../accountability/moment-status';

// Pure rules of the reports: counting moments by status and rolling the counts up into one
// verdict. No clock, no database.

export enum ComplianceStatus {
  NON_COMPLIANT = 'NON_COMPLIANT',
  COMPLIANT_LATE = 'COMPLIANT_LATE',
  EXPLAINED = 'EXPLAINED',
  COMPLIANT = 'COMPLIANT',
  NOTHING_DUE = 'NOTHING_DUE',
}
registerEnumType(ComplianceStatus, {
  name: 'ComplianceStatus',
  description: 'A rolled-up verdict over the moments due in a period, judged on the as-of date. The first that applies wins, in this order.',
  valuesConfig: {
    NON_COMPLIANT: { description: 'At least one moment is overdue (niet nageleefd).' },
    COMPLIANT_LATE: { description: 'Nothing overdue, but at least one moment was held late (nageleefd, te laat).' },
    EXPLAINED: { description: 'Nothing overdue or late, and at least one moment is explained ("leg uit": uitgelegd).' },
    COMPLIANT: { description: 'Every moment that fell due was held on time or waived (nageleefd).' },
    NOTHING_DUE: { description: 'No moment had fallen due yet: only upcoming or due-soon moments, or none at all.' },
  },
});

export type Counts = Record<MomentStatus, number>;

export function emptyCounts(): Counts {
  return { MET: 0, MET_LATE: 0, OVERDUE: 0, DUE_SOON: 0, UPCOMING: 0, WAIVED: 0, EXPLAINED: 0 };
}

/** Adds rows of (status, count) to counts; unknown statuses are a programming error. */
export function addCounts(counts: Counts, status: string, n: number): Counts {
  if (!(status in counts)) throw new Error(`unknown moment status ${status}`);
  counts[status as MomentStatus] += n;
  return counts;
}

/**
 * The verdict: overdue beats late beats explained beats met. WAIVED counts as dealt with.
 * DUE_SOON and UPCOMING moments have not fallen due and do not count yet.
 */
export function rollUp(counts: Counts): ComplianceStatus {
  if (counts.OVERDUE > 0) return ComplianceStatus.NON_COMPLIANT;
  if (counts.MET_LATE > 0) return ComplianceStatus.COMPLIANT_LATE;
  if (counts.EXPLAINED > 0) return ComplianceStatus.EXPLAINED;
  if (counts.MET > 0 || counts.WAIVED > 0) return ComplianceStatus.COMPLIANT;
  return ComplianceStatus.NOTHING_DUE;
}
