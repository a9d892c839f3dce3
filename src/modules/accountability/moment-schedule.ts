import { addDays, type LocalDate } from '../../shared/dates';
import { describeRule, occurrences } from './recurrence';

// Pure planning of accountability moments from an obligation's schedule: which due dates
// must exist, which generated moments are no longer wanted. No clock, no database.

/** One schedule: a recurrence rule from its start date, or one due date. */
export interface ScheduleRule {
  recurrenceRule?: string | null;
  scheduleStart: LocalDate;
  dueOn?: LocalDate | null;
}

/** The schedule in words, e.g. "every year in July on the 1st" or "once, on 2026-12-31". */
export function describeSchedule(rule: ScheduleRule): string {
  return rule.recurrenceRule ? describeRule(rule.recurrenceRule, rule.scheduleStart) : `once, on ${rule.dueOn}`;
}

/** A schedule in force from a day: the next one's `effectiveFrom` ends it. */
export interface ScheduleSegment extends ScheduleRule {
  effectiveFrom: LocalDate;
}

export interface ScheduleFacts extends ScheduleRule {
  activeFrom: LocalDate;
  activeUntil?: LocalDate | null;
  /**
   * The schedules in force one after the other, by effectiveFrom ascending: each from its
   * effectiveFrom (the first one from the start of the obligation) to the day before the next
   * one's. Left out, the obligation's own rule holds throughout.
   */
  segments?: readonly ScheduleSegment[];
}

/** The parts of `from`..`to` each schedule covers, in order; the first one reaches back to any day. */
export function scheduleSpans(schedule: ScheduleFacts, from: LocalDate, to: LocalDate): { rule: ScheduleRule; from: LocalDate; to: LocalDate }[] {
  const segments = schedule.segments?.length ? schedule.segments : [{ ...schedule, effectiveFrom: schedule.activeFrom }];
  const spans: { rule: ScheduleRule; from: LocalDate; to: LocalDate }[] = [];
  segments.forEach((segment, i) => {
    const start = i === 0 || segment.effectiveFrom < from ? from : segment.effectiveFrom;
    const next = segments[i + 1]?.effectiveFrom;
    const end = next && addDays(next, -1) < to ? addDays(next, -1) : to;
    if (start <= end) spans.push({ rule: segment, from: start, to: end });
  });
  return spans;
}

export interface ExistingMoment {
  id: string;
  dueOn: LocalDate;
  heldOn?: LocalDate | null;
  waivedOn?: LocalDate | null;
}

/**
 * The most due dates one plan covers. A schedule with more before the horizon (a daily one
 * over years) is planned in steps, each in a transaction of its own: a step ends on the last
 * of its due dates, and the obligation's plannedUntil says so until the next step.
 */
export const PLAN_CHUNK = 500;

export interface MomentPlan {
  /** Due dates to create moments for, ascending. */
  create: LocalDate[];
  /** Ids of generated moments that the schedule no longer asks for. */
  remove: string[];
  /**
   * The day up to which the moments are then complete: the horizon, or, when there were more
   * than PLAN_CHUNK due dates before it, the last due date planned. Never a day further.
   */
  plannedUntil: LocalDate;
}

/** The due dates the schedule asks for between `from` and `to` inclusive, within the active period; the first `max` when given. */
export function dueDates(schedule: ScheduleFacts, from: LocalDate, to: LocalDate, max = Infinity): LocalDate[] {
  const start = [from, schedule.activeFrom].sort().at(-1)!;
  const end = schedule.activeUntil && schedule.activeUntil < to ? schedule.activeUntil : to;
  if (end < start || max <= 0) return [];
  const out: LocalDate[] = [];
  for (const span of scheduleSpans(schedule, start, end)) {
    const { rule } = span;
    if (rule.recurrenceRule) out.push(...occurrences(rule.recurrenceRule, rule.scheduleStart, span.from, span.to, max - out.length));
    else if (rule.dueOn && rule.dueOn >= span.from && rule.dueOn <= span.to) out.push(rule.dueOn);
    if (out.length >= max) break;
  }
  return out;
}

/**
 * Brings the moments in line with the schedule from `from` up to `horizon`, or as far as the
 * first `chunk` due dates reach (see plannedUntil). Moments before `from`, and moments that
 * were held or waived, are history: never removed or moved. A new obligation plans from its
 * start (`from` = activeFrom); a changed schedule from the day it takes effect, so only
 * moments due from then on that were not held or waived are replaced. Due dates follow the rule, never the day an earlier moment
 * happened to be held.
 */
export function planMoments(
  schedule: ScheduleFacts,
  existing: readonly ExistingMoment[],
  from: LocalDate,
  horizon: LocalDate,
  chunk = PLAN_CHUNK,
): MomentPlan {
  const upcoming = dueDates(schedule, from, horizon, chunk + 1);
  const complete = upcoming.length <= chunk;
  const planned = complete ? upcoming : upcoming.slice(0, chunk);
  const plannedUntil = complete ? horizon : planned[chunk - 1];
  // A plan that reaches the horizon judges existing moments beyond it by the rule too (a
  // longer horizon planned them); one that stops short judges what it covers, the next step
  // the rest.
  const latest = complete ? existing.reduce((max, m) => (m.dueOn > max ? m.dueOn : max), horizon) : plannedUntil;
  const wanted = new Set(planned);
  if (latest > horizon) for (const day of dueDates(schedule, addDays(horizon, 1), latest)) wanted.add(day);
  const have = new Set(existing.map((m) => m.dueOn));
  const remove = existing
    .filter((m) => m.dueOn >= from && m.dueOn <= latest && !m.heldOn && !m.waivedOn && !wanted.has(m.dueOn))
    .map((m) => m.id);
  const create = planned.filter((d) => !have.has(d));
  return { create, remove, plannedUntil };
}
