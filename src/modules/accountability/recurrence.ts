import { Frequency, RRule, type Options } from 'rrule';
import type { LocalDate } from '../../shared/dates';

// RFC 5545 recurrence rules through the rrule library; this file only checks what rrule
// accepts too leniently (it parses FREQ=SOMETIMES or BYMONTH=13 without complaint) and
// converts between rrule's UTC dates and our LocalDate strings. Pure: no clock, no database.

export class RecurrenceError extends Error {}

const ALLOWED_FREQ = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);
const ALLOWED_KEYS = new Set(['freq', 'interval', 'count', 'until', 'bymonth', 'bymonthday', 'byweekday', 'bysetpos', 'byyearday', 'byweekno', 'wkst']);
/** How far ahead a rule must produce its first date to count as a rule that ever applies. */
const FIRST_OCCURRENCE_YEARS = 30;

function toUtc(day: LocalDate): Date {
  return new Date(`${day}T00:00:00Z`);
}

function toDay(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

function inRange(values: unknown, min: number, max: number, nonZero = false): boolean {
  const list = Array.isArray(values) ? values : [values];
  return list.every((v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max && (!nonZero || v !== 0));
}

/**
 * Parses an RRULE (with or without the `RRULE:` prefix) for a schedule that starts on
 * `startOn`. Throws RecurrenceError with a message a secretary can act on.
 */
export function parseRule(rule: string, startOn: LocalDate): RRule {
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
  const rrule = new RRule({ ...parsed, dtstart: toUtc(startOn) });
  if (parsed.until && toDay(parsed.until) < startOn) throw new RecurrenceError('UNTIL is before the start date');
  const horizon = new Date(Date.UTC(toUtc(startOn).getUTCFullYear() + FIRST_OCCURRENCE_YEARS, 0, 1));
  if (!rrule.after(toUtc(startOn), true) || rrule.after(toUtc(startOn), true)! > horizon) {
    throw new RecurrenceError(`the rule produces no date within ${FIRST_OCCURRENCE_YEARS} years of the start date`);
  }
  return rrule;
}

/** The rule's dates from `from` to `to` inclusive, at most `limit`. */
export function occurrences(rule: string, startOn: LocalDate, from: LocalDate, to: LocalDate, limit = 1000): LocalDate[] {
  if (to < from) return [];
  const rrule = parseRule(rule, startOn);
  const out: LocalDate[] = [];
  rrule.between(toUtc(from), toUtc(to), true, (date) => {
    out.push(toDay(date));
    return out.length < limit;
  });
  return out;
}

/** The first date of the rule on or after `day`, or null when the rule has ended. */
export function nextOccurrence(rule: string, startOn: LocalDate, day: LocalDate): LocalDate | null {
  const next = parseRule(rule, startOn).after(toUtc(day), true);
  return next ? toDay(next) : null;
}

/** The rule in plain English, e.g. "every year in July on the 1st". */
export function describeRule(rule: string, startOn: LocalDate): string {
  return parseRule(rule, startOn).toText();
}
