import { Frequency, RRule, type Options } from 'rrule';
import { addMonths, type LocalDate } from '../../shared/dates';
import { civilDate, dayNumber, Expansion, WalkEnd } from './recurrence-expansion';

// RFC 5545 recurrence rules. rrule parses them and puts them in words; this file checks what
// rrule accepts too leniently (it parses FREQ=SOMETIMES or BYMONTH=13 without complaint) and
// refuses rules that never produce a date; recurrence-expansion.ts finds the dates, as rrule
// would, but never searching further than it was asked to. Pure: no clock, no database.

export class RecurrenceError extends Error {}

const ALLOWED_FREQ = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
const ALLOWED_KEYS = new Set(['freq', 'interval', 'count', 'until', 'bymonth', 'bymonthday', 'byweekday', 'bysetpos', 'byyearday', 'byweekno', 'wkst']);

/**
 * How far a search for a rule's next date looks: a rule must produce its first date within
 * this many years of its start date, and nextOccurrence looks this far ahead. It bounds the
 * work a rule can cost (a search walks at most this many years of periods).
 */
export const SEARCH_YEARS = 30;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** The longest a month can be (February in a leap year). */
const MONTH_MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The most dates one period of each FREQ holds, so the largest BYSETPOS that can pick one. */
const PERIOD_MAX_DAYS: Record<number, [number, string]> = {
  [Frequency.YEARLY]: [366, 'a year'],
  [Frequency.MONTHLY]: [31, 'a month'],
  [Frequency.WEEKLY]: [7, 'a week'],
  [Frequency.DAILY]: [1, 'a day'],
};

function toDayNumber(day: LocalDate): number {
  const [y, m, d] = day.split('-').map(Number);
  return dayNumber(y, m, d);
}

function fromDayNumber(n: number): LocalDate {
  const [y, m, d] = civilDate(n);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toUtc(day: LocalDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

const list = (values: unknown): number[] => (Array.isArray(values) ? values : values == null ? [] : [values]) as number[];

function inRange(values: unknown, min: number, max: number, nonZero = false): boolean {
  return list(values).every((v) => Number.isInteger(v) && v >= min && v <= max && (!nonZero || v !== 0));
}

/** 0-based day of a year of `yearlen` days for BYYEARDAY `n`, and that day's month (1–12) and day of the month. */
function yearDay(n: number, yearlen: 365 | 366): { month: number; monthDay: number; fromEnd: number } | null {
  const d = n > 0 ? n - 1 : yearlen + n;
  if (d < 0 || d >= yearlen) return null;
  let month = 0;
  let start = 0;
  for (;;) {
    const length = month === 1 ? yearlen - 337 : MONTH_MAX_DAYS[month];
    if (d < start + length) return { month: month + 1, monthDay: d - start + 1, fromEnd: d - start - length };
    start += length;
    month++;
  }
}

/**
 * Refuses, with a reason, combinations that can never produce a date, whatever the year:
 * cheaper and clearer than the search, which catches the rest. Only what is certain is refused
 * here (every rule refused here would also fail the search).
 */
function assertCanMatch(p: Partial<Options>): void {
  const months = list(p.bymonth);
  const monthDays = list(p.bymonthday);
  const yearDays = list(p.byyearday);
  const named = (key: string, values: number[]) => `${key}=${values.join(',')}`;
  if (months.length && monthDays.length && !months.some((m) => monthDays.some((d) => Math.abs(d) <= MONTH_MAX_DAYS[m - 1]))) {
    const longest = Math.max(...months.map((m) => MONTH_MAX_DAYS[m - 1]));
    throw new RecurrenceError(
      `${named('BYMONTHDAY', monthDays)} falls in none of the months of ${named('BYMONTH', months)} (${months.map((m) => MONTH_NAMES[m - 1]).join(', ')}: at most ${longest} days), so the rule never produces a date`,
    );
  }
  if (yearDays.length && (months.length || monthDays.length)) {
    const fits = yearDays.some((n) =>
      ([365, 366] as const).some((len) => {
        const day = yearDay(n, len);
        return day && (!months.length || months.includes(day.month)) && (!monthDays.length || monthDays.includes(day.monthDay) || monthDays.includes(day.fromEnd));
      }),
    );
    if (!fits) {
      const others = [months.length ? named('BYMONTH', months) : '', monthDays.length ? named('BYMONTHDAY', monthDays) : ''].filter(Boolean).join(' and ');
      throw new RecurrenceError(`no day of ${named('BYYEARDAY', yearDays)} is in ${others}, in a leap year or any other, so the rule never produces a date`);
    }
  }
  const positions = list(p.bysetpos);
  const [most, period] = PERIOD_MAX_DAYS[p.freq!];
  // A negative position beyond the start of a set picks its first date (rrule's reading), so only positive ones can miss.
  if (positions.length && positions.every((pos) => pos > most)) {
    throw new RecurrenceError(
      `${named('BYSETPOS', positions)} picks from the dates of ${period} (FREQ=${Frequency[p.freq!]}), which are never more than ${most}, so the rule never produces a date`,
    );
  }
  if (p.freq === Frequency.MONTHLY || p.freq === Frequency.YEARLY) {
    const weekdays = (Array.isArray(p.byweekday) ? p.byweekday : p.byweekday == null ? [] : [p.byweekday]) as { n?: number }[];
    const reach = p.freq === Frequency.MONTHLY || months.length ? 5 : 53;
    if (weekdays.length && weekdays.every((w) => typeof w === 'object' && w.n && Math.abs(w.n) > reach)) {
      throw new RecurrenceError(
        `BYDAY asks for a weekday beyond the ${reach === 5 ? '5th of a month' : '53rd of a year'}, which never exists, so the rule never produces a date`,
      );
    }
  }
}

/** A checked rule for one start date: its dates, found without unbounded searches, and its description. */
export class Recurrence {
  private readonly expansion: Expansion;

  constructor(
    private readonly rrule: RRule,
    readonly startOn: LocalDate,
  ) {
    this.expansion = new Expansion(rrule.options);
  }

  /** The rule's dates from `from` to `to` inclusive, ascending; at most `max` (the first ones) when given. */
  between(from: LocalDate, to: LocalDate, max = Infinity): LocalDate[] {
    if (to < from || max <= 0) return [];
    const first = toDayNumber(from);
    const last = toDayNumber(to);
    const out = new Set<number>();
    // In rrule's order the dates BYSETPOS picks in one period can come unsorted (and twice):
    // once `max` are in, go on to a date a whole period (at most 373 days) beyond the largest
    // needed, so that no smaller date of the same period is missed.
    let enough = Infinity;
    this.expansion.walk(
      (day) => {
        if (day > last || day > enough) return false;
        if (day >= first) out.add(day);
        if (out.size === max && enough === Infinity) enough = [...out].sort((a, b) => a - b)[max - 1] + 373;
        return true;
      },
      last,
      first,
    );
    return [...out]
      .sort((a, b) => a - b)
      .slice(0, max)
      .map(fromDayNumber);
  }

  /** The first date on or after `day` within SEARCH_YEARS years of it; null when there is none (the rule ended, or its next date is further away). */
  next(day: LocalDate): LocalDate | null {
    const first = toDayNumber(day);
    const last = toDayNumber(addMonths(day, 12 * SEARCH_YEARS));
    let found: number | null = null;
    const end = this.expansion.walk(
      (d) => {
        if (d < first) return true;
        if (d <= last) found = d;
        return false;
      },
      last,
      first,
    );
    return end === WalkEnd.STOPPED && found !== null ? fromDayNumber(found) : null;
  }

  /** rrule's options for the rule, with what it takes from the start date filled in (BYMONTHDAY, BYMONTH …). */
  get options(): RRule['options'] {
    return this.rrule.options;
  }

  /** The rule in plain English, e.g. "every July on the 1st" (rrule's words). */
  describe(): string {
    return this.rrule.toText();
  }
}

/**
 * Parses an RRULE (with or without the `RRULE:` prefix) for a schedule that starts on
 * `startOn`, and checks that it produces a date within SEARCH_YEARS years. Throws
 * RecurrenceError with a message a secretary can act on.
 */
export function parseRule(rule: string, startOn: LocalDate): Recurrence {
  const text = rule.trim().replace(/^RRULE:/i, '');
  if (!text || /[\r\n]/.test(text) || /DTSTART/i.test(text)) {
    throw new RecurrenceError('give one RRULE line without DTSTART (the start date is a field of its own), e.g. FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1');
  }
  let parsed: Partial<Options>;
  try {
    parsed = RRule.parseString(text);
  } catch (error) {
    throw new RecurrenceError(`not a valid RRULE: ${(error as Error).message}`);
  }
  const unknown = Object.keys(parsed).filter((k) => !ALLOWED_KEYS.has(k));
  if (unknown.length) throw new RecurrenceError(`not supported in an accountability schedule: ${unknown.join(', ').toUpperCase()}`);
  if (parsed.freq === undefined || !ALLOWED_FREQ.has(parsed.freq)) throw new RecurrenceError('FREQ must be YEARLY, MONTHLY, WEEKLY or DAILY');
  if (parsed.interval !== undefined && !inRange(parsed.interval, 1, 100)) throw new RecurrenceError('INTERVAL must be a whole number from 1 to 100');
  if (parsed.count !== undefined && parsed.count !== null && !inRange(parsed.count, 1, 1000)) throw new RecurrenceError('COUNT must be a whole number from 1 to 1000');
  if (parsed.bymonth != null && !inRange(parsed.bymonth, 1, 12)) throw new RecurrenceError('BYMONTH must be from 1 to 12');
  if (parsed.bymonthday != null && !inRange(parsed.bymonthday, -31, 31, true)) throw new RecurrenceError('BYMONTHDAY must be from 1 to 31 or -31 to -1');
  if (parsed.byyearday != null && !inRange(parsed.byyearday, -366, 366, true)) throw new RecurrenceError('BYYEARDAY must be from 1 to 366 or -366 to -1');
  if (parsed.byweekno != null && !inRange(parsed.byweekno, -53, 53, true)) throw new RecurrenceError('BYWEEKNO must be from 1 to 53 or -53 to -1');
  if (parsed.bysetpos != null && !inRange(parsed.bysetpos, -366, 366, true)) throw new RecurrenceError('BYSETPOS must be from 1 to 366 or -366 to -1');
  if (Array.isArray(parsed.byweekday) && parsed.byweekday.some((d) => d == null)) throw new RecurrenceError('BYDAY must list MO, TU, WE, TH, FR, SA or SU');
  if (parsed.until && toDay(parsed.until) < startOn) throw new RecurrenceError('UNTIL is before the start date');
  assertCanMatch(parsed);
  const recurrence = new Recurrence(new RRule({ ...parsed, dtstart: toUtc(startOn) }), startOn);
  if (!recurrence.next(startOn)) {
    throw new RecurrenceError(`the rule produces no date within ${SEARCH_YEARS} years of the start date (${startOn}); the search for a first date stops there`);
  }
  return recurrence;
}

/**
 * The rule's dates from `from` to `to` inclusive, ascending. All of them, unless the caller
 * asks for at most `max` (the first ones): nothing is cut off silently.
 */
export function occurrences(rule: string, startOn: LocalDate, from: LocalDate, to: LocalDate, max = Infinity): LocalDate[] {
  if (to < from) return [];
  return parseRule(rule, startOn).between(from, to, max);
}

/** The first date of the rule on or after `day`, looking SEARCH_YEARS years ahead; null when the rule has ended or has no date that close. */
export function nextOccurrence(rule: string, startOn: LocalDate, day: LocalDate): LocalDate | null {
  return parseRule(rule, startOn).next(day);
}

/** The rule in plain English, e.g. "every year in July on the 1st". */
export function describeRule(rule: string, startOn: LocalDate): string {
  return parseRule(rule, startOn).describe();
}
