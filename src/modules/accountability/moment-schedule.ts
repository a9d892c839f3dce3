import type { LocalDate } from '../../shared/dates';
import { occurrences } from './recurrence';

// Pure planning of accountability moments from an obligation's schedule: which due dates
// must exist, which generated moments are no longer wanted. No clock, no database.

export interface ScheduleFacts {
  recurrenceRule?: string | null;
  scheduleStart: LocalDate;
  dueOn?: LocalDate | null;
  activeFrom: LocalDate;
  activeUntil?: LocalDate | null;
}

export interface ExistingMoment {
  id: string;
  dueOn: LocalDate;
  heldOn?: LocalDate | null;
  waivedOn?: LocalDate | null;
}

export interface MomentPlan {
  /** Due dates to create moments for, ascending. */
  create: LocalDate[];
  /** Ids of generated moments that the schedule no longer asks for. */
  remove: string[];
}

/** The due dates the schedule asks for between `from` and `to` inclusive, within the active period. */
export function dueDates(schedule: ScheduleFacts, from: LocalDate, to: LocalDate): LocalDate[] {
  const start = [from, schedule.activeFrom].sort().at(-1)!;
  const end = schedule.activeUntil && schedule.activeUntil < to ? schedule.activeUntil : to;
  if (end < start) return [];
  if (schedule.recurrenceRule) return occurrences(schedule.recurrenceRule, schedule.scheduleStart, start, end);
  return schedule.dueOn && schedule.dueOn >= start && schedule.dueOn <= end ? [schedule.dueOn] : [];
}

/**
 * Brings the moments in line with the schedule from `from` up to `horizon`. Moments before
 * `from`, and moments that were held or waived, are history: never removed or moved. A
 * new obligation plans from its start (`from` = activeFrom); a changed schedule from today,
 * so only future moments that were not held are replaced. Due dates follow the rule, never
 * the day an earlier moment happened to be held.
 */
export function planMoments(schedule: ScheduleFacts, existing: readonly ExistingMoment[], from: LocalDate, horizon: LocalDate): MomentPlan {
  // Judge existing moments beyond the horizon by the rule too; create only up to the horizon.
  const latest = existing.reduce((max, m) => (m.dueOn > max ? m.dueOn : max), horizon);
  const wanted = new Set(dueDates(schedule, from, latest));
  const have = new Set(existing.map((m) => m.dueOn));
  const remove = existing
    .filter((m) => m.dueOn >= from && !m.heldOn && !m.waivedOn && !wanted.has(m.dueOn))
    .map((m) => m.id);
  const create = [...wanted].filter((d) => d <= horizon && !have.has(d)).sort();
  return { create, remove };
}
