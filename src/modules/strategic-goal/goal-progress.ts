import { daysBetween } from '../../shared/dates';
import { GoalHealth } from './strategic-goal.enums';

// Pure rules: no database, no clock.

export interface Measured {
  measuredOn: string;
  value: number;
  createdAt: Date;
  archivedAt?: Date | null;
}

/** The latest measurement on or before `asOf`, ignoring archived ones. */
export function latestMeasurement<T extends Measured>(measurements: readonly T[], asOf: string): T | null {
  let best: T | null = null;
  for (const m of measurements) {
    if (m.archivedAt || m.measuredOn > asOf) continue;
    if (!best || m.measuredOn > best.measuredOn || (m.measuredOn === best.measuredOn && m.createdAt > best.createdAt)) best = m;
  }
  return best;
}

/** Share of the way from baseline to target (0 at baseline, 1 at target; may exceed 1 or go below 0). */
export function progress(baseline: number, target: number, value: number): number | null {
  if (target === baseline) return null;
  return (value - baseline) / (target - baseline);
}

/** Share of the period elapsed at `asOf`, 0..1; 1 when the period has no end. */
export function elapsedShare(periodStart: string, periodEnd: string | null | undefined, asOf: string): number {
  if (!periodEnd) return 1;
  const total = daysBetween(periodStart, periodEnd);
  if (total <= 0) return asOf >= periodEnd ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(periodStart, asOf) / total));
}

export function goalHealth(progressValue: number | null, elapsed: number): GoalHealth {
  if (progressValue == null) return GoalHealth.NO_DATA;
  if (progressValue >= 1) return GoalHealth.ACHIEVED;
  const behind = elapsed - progressValue;
  if (behind <= 0.1) return GoalHealth.ON_TRACK;
  if (behind <= 0.25) return GoalHealth.AT_RISK;
  return GoalHealth.OFF_TRACK;
}
