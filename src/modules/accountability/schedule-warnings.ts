import { Frequency, RRule } from 'rrule';
import { addDays, addMonths, type LocalDate } from '../../shared/dates';
import { parseRule, SEARCH_YEARS } from './recurrence';

// What a valid rule may mean other than intended, in plain words: RFC 5545 skips a month that
// lacks the asked-for day instead of taking its last day, so FREQ=MONTHLY;INTERVAL=3 from
// 31 March gives two dates a year, not four. Pure: no clock, no database.

export enum ScheduleWarningCode {
  /** Months the rule visits that lack its day of the month (the 29th–31st) get no date. */
  MONTHS_SKIPPED = 'MONTHS_SKIPPED',
  /** Some of the months or years the frequency visits get no date at all, for another reason (e.g. BYDAY=5MO). */
  FEWER_THAN_FREQUENCY = 'FEWER_THAN_FREQUENCY',
  /** COUNT or UNTIL ends the rule before the planning horizon: no moments after its last date. */
  ENDS_BEFORE_HORIZON = 'ENDS_BEFORE_HORIZON',
}

export interface ScheduleWarning {
  code: ScheduleWarningCode;
  message: string;
}

/** The years looked at: four, so that a leap year is always among them. */
const WINDOW_YEARS = 4;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');
const words = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

interface Period {
  label: string;
  from: LocalDate;
  to: LocalDate;
  month: number;
}

const monthPeriod = (year: number, month: number): Period => ({
  label: `${MONTH_NAMES[month - 1]} ${year}`,
  from: `${year}-${pad(month)}-01`,
  to: `${year}-${pad(month)}-${pad(daysIn(year, month))}`,
  month,
});

/**
 * The months (MONTHLY, or YEARLY by month) or years (YEARLY) the rule's frequency visits in
 * WINDOW_YEARS whole years from the first whole period after `start`.
 */
function periodsVisited(options: RRule['options'], start: LocalDate, byMonth: boolean): Period[] {
  const [y0, m0, d0] = start.split('-').map(Number);
  const step = options.interval || 1;
  const months = options.bymonth?.length ? new Set(options.bymonth) : null;
  const out: Period[] = [];
  if (options.freq === Frequency.MONTHLY) {
    // The start's own month counts when the start is its first day; otherwise the rule's next visit.
    const first = d0 === 1 ? 0 : step;
    for (let i = first; i < first + 12 * WINDOW_YEARS; i += step) {
      const month = ((m0 - 1 + i) % 12) + 1;
      if (!months || months.has(month)) out.push(monthPeriod(y0 + Math.floor((m0 - 1 + i) / 12), month));
    }
  } else if (options.freq === Frequency.YEARLY) {
    const first = m0 === 1 && d0 === 1 ? y0 : y0 + step;
    for (let year = first; year < first + WINDOW_YEARS; year += step) {
      if (byMonth) for (const month of [...(months ?? [m0])].sort((a, b) => a - b)) out.push(monthPeriod(year, month));
      else out.push({ label: String(year), from: `${year}-01-01`, to: `${year}-12-31`, month: 0 });
    }
  }
  return out;
}

/**
 * Warnings for a recurrence rule from `start`: months or years that get no date, and an end
 * before `horizon` (the planning horizon; left out, not checked). Throws RecurrenceError for a
 * rule that is not valid at all (parseRule's errors).
 */
export function scheduleWarnings(rule: string, start: LocalDate, horizon?: LocalDate | null): ScheduleWarning[] {
  const recurrence = parseRule(rule, start);
  // With what the rule leaves to its start filled in (the day of the month, the month).
  const { options } = recurrence;
  const warnings: ScheduleWarning[] = [];
  const ends = options.count != null || options.until != null;
  const simpleDay = !options.byweekday?.length && !options.bynweekday?.length && !options.byyearday?.length && !options.byweekno?.length && !options.bysetpos?.length;
  const days = simpleDay ? (options.bymonthday ?? []).filter((d) => d > 28) : [];
  const periods = periodsVisited(options, start, days.length > 0);
  if (periods.length) {
    const dates = recurrence.between(periods[0].from, periods.at(-1)!.to);
    // A rule that ends (COUNT, UNTIL) rightly has no dates after its last one.
    const last = ends ? (dates.at(-1) ?? start) : periods.at(-1)!.to;
    const judged = periods.filter((p) => p.from <= last);
    const empty = judged.filter((p) => !dates.some((d) => d >= p.from && d <= p.to));
    if (empty.length) {
      const examples = `${empty.slice(0, 3).map((p) => p.label).join(', ')}${empty.length > 3 ? ', …' : ''}`;
      const counts = `${judged.length - empty.length} of the ${judged.length} ${days.length || options.freq === Frequency.MONTHLY ? 'months' : 'years'} it visits in ${WINDOW_YEARS} years from ${periods[0].from} get a date`;
      if (days.length) {
        const lacking = [...new Set(empty.map((p) => p.month))].sort((a, b) => a - b).map((m) => MONTH_NAMES[m - 1]);
        warnings.push({
          code: ScheduleWarningCode.MONTHS_SKIPPED,
          message:
            `the rule asks for day ${words(days.map(String))} of the month, and RFC 5545 skips a month without that day instead of taking its last day: ` +
            `no date in ${examples} (${words(lacking)}), so only ${counts}. For the last day of the month use BYMONTHDAY=-1.`,
        });
      } else {
        warnings.push({ code: ScheduleWarningCode.FEWER_THAN_FREQUENCY, message: `fewer dates than the frequency suggests (no date in ${examples}): only ${counts}.` });
      }
    }
  }
  if (horizon && ends) {
    const lastBefore = recurrence.between(start, horizon).at(-1);
    const after = recurrence.next(addDays(horizon, 1));
    if (!after && horizon < addMonths(start, 12 * SEARCH_YEARS)) {
      warnings.push({
        code: ScheduleWarningCode.ENDS_BEFORE_HORIZON,
        message: lastBefore
          ? `the rule ends (${options.count != null ? `COUNT=${options.count}` : 'UNTIL'}) with its date of ${lastBefore}, before the planning horizon (${horizon}): no moments are planned after it. End the obligation then (activeUntil), or extend the rule.`
          : `the rule has no date on or before the planning horizon (${horizon}).`,
      });
    }
  }
  return warnings;
}
