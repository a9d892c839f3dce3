import type { LocalDate } from '../shared/dates';

// Default variables of example and saved operations may say "today" instead of a date, so a
// report opens on today and this year rather than on the day someone wrote it down. Strings
// that are exactly one of these words are replaced; everything else is left as it is.
//   "$today"      today (the register's day, TIME_ZONE)   e.g. "2026-12-04"
//   "$year"       this year, as a number                  e.g. 2026
//   "$lastYear"   last year, as a number                  e.g. 2025
//   "$yearStart"  1 January of this year                  e.g. "2026-01-01"
//   "$yearEnd"    31 December of this year                e.g. "2026-12-31"
export const RELATIVE_DATE_WORDS = ['$today', '$year', '$lastYear', '$yearStart', '$yearEnd'] as const;

function wordValue(word: string, today: LocalDate): unknown {
  const year = Number(today.slice(0, 4));
  switch (word) {
    case '$today':
      return today;
    case '$year':
      return year;
    case '$lastYear':
      return year - 1;
    case '$yearStart':
      return `${year}-01-01`;
    case '$yearEnd':
      return `${year}-12-31`;
    default:
      return undefined;
  }
}

/** A copy of `value` with every relative-date word replaced by its value on `today`. */
export function resolveRelativeDates(value: unknown, today: LocalDate): unknown {
  if (typeof value === 'string') return wordValue(value, today) ?? value;
  if (Array.isArray(value)) return value.map((item) => resolveRelativeDates(item, today));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveRelativeDates(item, today)]));
  }
  return value;
}
