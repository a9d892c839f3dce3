import { Frequency, type RRule } from 'rrule';

/** rrule's parsed options (its ParsedOptions, which the package does not export). */
type ParsedOptions = RRule['options'];

// Expands a recurrence rule into its days, the way rrule 2.8.1 does (python-dateutil's
// algorithm: periods of FREQ×INTERVAL from the start, each period's days filtered by the
// BYxxx parts, then BYSETPOS within the period), for the parts an accountability schedule may
// use: FREQ YEARLY/MONTHLY/WEEKLY/DAILY, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY,
// BYYEARDAY, BYWEEKNO, BYSETPOS, WKST. It takes rrule's parsed options, so its defaults (a
// bare FREQ=YEARLY repeats the start's month and day) are rrule's; a property test compares
// the two. Ported here because rrule only checks UNTIL, COUNT and the end of a `between`
// window on dates it has produced: a rule that produces none walks day by day to the year
// 9999 (seconds, blocking the process). Here every walk has a last day: periods that start
// after it are not looked at. Pure: no clock, no database.
//
// Days are day numbers (days since 1970-01-01, proleptic Gregorian); weekdays are rrule's,
// 0 = Monday … 6 = Sunday.

export const MAX_YEAR = 9999;

const pymod = (a: number, b: number) => ((a % b) + b) % b;
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const yearLength = (y: number) => (isLeap(y) ? 366 : 365);

/** Day number of a civil date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number: [year, month, day]. */
export function civilDate(n: number): [number, number, number] {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** 0 = Monday; 1970-01-01 was a Thursday. */
const weekdayOf = (n: number) => pymod(n + 3, 7);

const MONTH_STARTS = {
  365: [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  366: [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
} as const;

/** What the filters make of one kind of year (length, weekday of 1 January, its neighbours' lengths). */
interface YearKind {
  yearlen: number;
  /** pass[d]: day d of the year (0-based; d ≥ yearlen are the first days of the next year, as seen from this year's last week) passes every BYxxx filter. */
  pass: Uint8Array;
  /** Some day of the year itself passes. */
  anyInYear: boolean;
  /** The days of the year itself that pass, ascending. */
  passing: number[];
  /** Some day, the next year's first week included, passes. */
  anyAtAll: boolean;
  /** Per month (1–12), the days that pass and BYSETPOS picks (MONTHLY); [0] for the whole year (YEARLY). Filled when first needed. */
  picked: (number[] | undefined)[];
}

interface Year {
  year: number;
  /** Day number of 1 January. */
  first: number;
  kind: YearKind;
}

/** Why a walk stopped. */
export enum WalkEnd {
  /** The rule has no more dates: COUNT reached, past UNTIL, or beyond the year 9999. */
  ENDED = 'ENDED',
  /** The visitor asked to stop. */
  STOPPED = 'STOPPED',
  /** The next period starts after the last day of the walk: what lies beyond was not looked at. */
  BOUND = 'BOUND',
}

const GO = 0;
const END = 1;
const STOP = 2;

/** The index of the first value ≥ `value` in an ascending list. */
function lowerBound(values: readonly number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const asList = (v: number[] | number | null | undefined): number[] | null => (v == null ? null : Array.isArray(v) ? (v.length ? v : null) : [v]);

export class Expansion {
  private readonly freq: Frequency;
  private readonly interval: number;
  private readonly count: number | null;
  private readonly untilDay: number | null;
  private readonly wkst: number;
  readonly startDay: number;
  private readonly startYear: number;
  private readonly startMonth: number;
  private readonly months: Uint8Array | null;
  private readonly monthDays: Set<number> | null;
  private readonly weekdays: Uint8Array | null;
  private readonly nthWeekdays: [number, number][] | null;
  private readonly yearDays: Set<number> | null;
  private readonly weekNumbers: number[] | null;
  private readonly setPositions: number[] | null;
  private readonly kinds = new Map<number, YearKind>();

  /** `options` are rrule's parsed options (`new RRule(…).options`), times of day left at midnight UTC. */
  constructor(options: ParsedOptions) {
    this.freq = options.freq;
    if (this.freq > Frequency.DAILY) throw new Error(`FREQ ${Frequency[this.freq]} is not expanded`);
    this.interval = options.interval;
    this.count = options.count ?? null;
    this.untilDay = options.until ? Math.floor(options.until.getTime() / 86_400_000) : null;
    this.wkst = options.wkst;
    this.startDay = Math.floor(options.dtstart.getTime() / 86_400_000);
    [this.startYear, this.startMonth] = civilDate(this.startDay);
    const months = asList(options.bymonth);
    this.months = months ? Uint8Array.from({ length: 13 }, (_, m) => (months.includes(m) ? 1 : 0)) : null;
    const monthDays = [...(asList(options.bymonthday) ?? []), ...(asList(options.bynmonthday) ?? [])];
    this.monthDays = monthDays.length ? new Set(monthDays) : null;
    const weekdays = asList(options.byweekday);
    this.weekdays = weekdays ? Uint8Array.from({ length: 7 }, (_, d) => (weekdays.includes(d) ? 1 : 0)) : null;
    const nth = options.bynweekday?.length ? options.bynweekday.map(([d, n]: number[]) => [d, n] as [number, number]) : null;
    // rrule builds the nth-weekday mask only for YEARLY and MONTHLY (it turns ordinals into plain weekdays for the others).
    this.nthWeekdays = nth && this.freq <= Frequency.MONTHLY ? nth : null;
    const yearDays = asList(options.byyearday);
    this.yearDays = yearDays ? new Set(yearDays) : null;
    this.weekNumbers = asList(options.byweekno);
    this.setPositions = asList(options.bysetpos);
  }

  /**
   * Calls `visit` with the rule's days in rrule's order: ascending, but for BYSETPOS within a
   * period (see pick); a day BYSETPOS picks twice comes twice and counts twice towards COUNT,
   * as in rrule. Looks at no period that starts
   * after `lastDay`. Without COUNT, periods that end before `fromDay` are skipped without
   * being looked at; `visit` may still see earlier days of the first period looked at.
   */
  walk(visit: (day: number) => boolean, lastDay: number, fromDay = this.startDay): WalkEnd {
    let remaining = this.count ?? 0;
    const emit = (day: number): number => {
      if (this.untilDay !== null && day > this.untilDay) return END;
      if (day < this.startDay) return GO;
      if (!visit(day)) return STOP;
      if (this.count !== null && --remaining === 0) return END;
      return GO;
    };
    const skip = this.count === null && fromDay > this.startDay;
    let code: number;
    switch (this.freq) {
      case Frequency.YEARLY:
        code = this.walkYears(emit, lastDay, skip ? fromDay : null);
        break;
      case Frequency.MONTHLY:
        code = this.walkMonths(emit, lastDay, skip ? fromDay : null);
        break;
      case Frequency.WEEKLY:
        code = this.walkWeeks(emit, lastDay, skip ? fromDay : null);
        break;
      default:
        code = this.walkDays(emit, lastDay, skip ? fromDay : null);
    }
    return code === END ? WalkEnd.ENDED : code === STOP ? WalkEnd.STOPPED : WalkEnd.BOUND;
  }

  private walkYears(emit: (day: number) => number, lastDay: number, fromDay: number | null): number {
    let y = this.startYear;
    if (fromDay !== null) {
      const [fromYear] = civilDate(fromDay);
      if (fromYear > y) y += Math.floor((fromYear - y) / this.interval) * this.interval;
    }
    for (; ; y += this.interval) {
      if (y > MAX_YEAR) return END;
      const year = this.year(y);
      if (year.first > lastDay) return GO;
      for (const d of this.picked(year.kind, 0)) {
        if (Number.isNaN(d)) continue;
        const code = emit(year.first + d);
        if (code) return code;
      }
    }
  }

  private walkMonths(emit: (day: number) => number, lastDay: number, fromDay: number | null): number {
    let index = this.startYear * 12 + this.startMonth - 1;
    if (fromDay !== null) {
      const [fromYear, fromMonth] = civilDate(fromDay);
      const from = fromYear * 12 + fromMonth - 1;
      if (from > index) index += Math.floor((from - index) / this.interval) * this.interval;
    }
    for (;;) {
      const y = Math.floor(index / 12);
      const month = index - y * 12 + 1;
      if (y > MAX_YEAR) return END;
      const year = this.year(y);
      if (year.first + MONTH_STARTS[year.kind.yearlen as 365 | 366][month - 1] > lastDay) return GO;
      if (!year.kind.anyInYear) {
        // Nothing in this year passes the filters: go to the first period of a later year.
        index += Math.ceil(((y + 1) * 12 - index) / this.interval) * this.interval;
        continue;
      }
      for (const d of this.picked(year.kind, month)) {
        if (Number.isNaN(d)) continue;
        const code = emit(year.first + d);
        if (code) return code;
      }
      index += this.interval;
    }
  }

  private walkWeeks(emit: (day: number) => number, lastDay: number, fromDay: number | null): number {
    const step = 7 * this.interval;
    const weekStart = (day: number) => day - pymod(weekdayOf(day) - this.wkst, 7);
    let c = this.startDay;
    if (fromDay !== null) {
      const k = Math.floor((fromDay - weekStart(this.startDay)) / step);
      if (k >= 1) c = weekStart(this.startDay) + k * step;
    }
    let year = this.year(civilDate(c)[0]);
    const days: number[] = [];
    for (;;) {
      if (c >= year.first + year.kind.yearlen) year = this.year(civilDate(c)[0]);
      if (year.year > MAX_YEAR) return END;
      if (c > lastDay) return GO;
      const { kind } = year;
      if (!kind.anyAtAll) {
        const next = year.first + kind.yearlen;
        c = weekStart(c) + Math.ceil((next - weekStart(c)) / step) * step;
        continue;
      }
      // The period runs from c to the day before the next week start (the first one is partial).
      const i = c - year.first;
      const end = i + 7 - pymod(weekdayOf(c) - this.wkst, 7);
      days.length = 0;
      for (let d = i; d < end; d++) if (kind.pass[d]) days.push(d);
      for (const d of days.length ? this.pick(days) : days) {
        if (Number.isNaN(d)) continue;
        const code = emit(year.first + d);
        if (code) return code;
      }
      c = weekStart(c) + step;
    }
  }

  private walkDays(emit: (day: number) => number, lastDay: number, fromDay: number | null): number {
    let c = this.startDay;
    if (fromDay !== null) c += Math.floor((fromDay - c) / this.interval) * this.interval;
    // A period is one day: BYSETPOS 1 picks it, and so does any negative position (rrule
    // counts a negative position beyond the start of a set as the first); others never do.
    const times = this.setPositions ? this.setPositions.filter((p) => p === 1 || p < 0).length : 1;
    if (times === 0) return END;
    // Year by year, through the days that pass the filters only: a rule that passes a few
    // days a year costs a few steps a year, not one per day.
    for (;;) {
      const year = this.year(civilDate(c)[0]);
      if (year.year > MAX_YEAR) return END;
      if (c > lastDay) return GO;
      const { kind, first } = year;
      const days = kind.passing;
      for (let k = lowerBound(days, c - first); k < days.length; k++) {
        const day = first + days[k];
        if ((day - this.startDay) % this.interval !== 0) continue;
        if (day > lastDay) return GO;
        for (let t = 0; t < times; t++) {
          const code = emit(day);
          if (code) return code;
        }
      }
      const next = first + kind.yearlen;
      c += Math.ceil((next - c) / this.interval) * this.interval;
    }
  }

  /**
   * BYSETPOS applied to one period's days (ascending), as rrule does: one entry per position,
   * NaN for a position beyond the end of the set (rrule's Invalid Date, skipped when the
   * dates are emitted), sorted with the same comparison. A NaN in the sort can leave the
   * valid dates out of order, which decides where rrule stops at UNTIL, COUNT or the end of
   * a window, so it is kept; callers sort what they collect.
   */
  private pick(days: readonly number[]): readonly number[] {
    if (!this.setPositions) return days;
    const out: number[] = [];
    for (const pos of this.setPositions) {
      // rrule takes `days.slice(pos)[0]` for a negative position: beyond the start that is the first day.
      const day = pos > 0 ? days[pos - 1] : days[Math.max(0, days.length + pos)];
      out.push(day === undefined ? NaN : day);
    }
    return out.sort((a, b) => a - b);
  }

  /** The days BYSETPOS picks in a month (1–12) or, for 0, the whole year. */
  private picked(kind: YearKind, month: number): readonly number[] {
    const cached = kind.picked[month];
    if (cached) return cached;
    const starts = MONTH_STARTS[kind.yearlen as 365 | 366];
    const [from, to] = month === 0 ? [0, kind.yearlen] : [starts[month - 1], starts[month]];
    const days: number[] = [];
    for (let d = from; d < to; d++) if (kind.pass[d]) days.push(d);
    const picked = [...this.pick(days)];
    kind.picked[month] = picked;
    return picked;
  }

  private year(y: number): Year {
    const first = dayNumber(y, 1, 1);
    const yearlen = yearLength(y);
    const nextyearlen = yearLength(y + 1);
    const prevyearlen = yearLength(y - 1);
    const weekday = weekdayOf(first);
    const key = (((yearlen - 365) * 2 + (nextyearlen - 365)) * 2 + (prevyearlen - 365)) * 7 + weekday;
    let kind = this.kinds.get(key);
    if (!kind) {
      kind = this.yearKind(yearlen, nextyearlen, prevyearlen, weekday);
      this.kinds.set(key, kind);
    }
    return { year: y, first, kind };
  }

  /** rrule's filter (iter's isFiltered over yearinfo and monthinfo masks) for one kind of year. */
  private yearKind(yearlen: number, nextyearlen: number, prevyearlen: number, weekday: number): YearKind {
    const starts = MONTH_STARTS[yearlen as 365 | 366];
    const weekNumbers = this.weekNumbers ? this.weekNumberMask(yearlen, prevyearlen, weekday) : null;
    const nth = this.nthWeekdays ? this.nthWeekdayMask(yearlen, weekday) : null;
    const pass = new Uint8Array(yearlen + 7);
    let anyInYear = false;
    let anyAtAll = false;
    const passing: number[] = [];
    let month = 1;
    for (let d = 0; d < yearlen + 7; d++) {
      let monthDay: number;
      let fromEnd: number;
      if (d < yearlen) {
        while (d >= starts[month]) month++;
        monthDay = d - starts[month - 1] + 1;
        fromEnd = d - starts[month];
      } else {
        // The first days of January, as this year's masks see them.
        month = 1;
        monthDay = d - yearlen + 1;
        fromEnd = d - yearlen - 31;
      }
      if (this.months && !this.months[month]) continue;
      if (weekNumbers && !weekNumbers[d]) continue;
      if (this.weekdays && !this.weekdays[(weekday + d) % 7]) continue;
      if (nth && !nth[d]) continue;
      if (this.monthDays && !this.monthDays.has(monthDay) && !this.monthDays.has(fromEnd)) continue;
      if (this.yearDays) {
        const ok =
          d < yearlen
            ? this.yearDays.has(d + 1) || this.yearDays.has(d - yearlen)
            : this.yearDays.has(d + 1 - yearlen) || this.yearDays.has(d - yearlen - nextyearlen);
        if (!ok) continue;
      }
      pass[d] = 1;
      anyAtAll = true;
      if (d < yearlen) {
        anyInYear = true;
        passing.push(d);
      }
    }
    return { yearlen, pass, anyInYear, anyAtAll, passing, picked: [] };
  }

  /** rrule's nwdaymask: the nth weekdays of each month (MONTHLY, or YEARLY with BYMONTH) or of the year. */
  private nthWeekdayMask(yearlen: number, weekday: number): Uint8Array {
    const starts = MONTH_STARTS[yearlen as 365 | 366];
    const mask = new Uint8Array(yearlen);
    const ranges: [number, number][] =
      this.freq === Frequency.YEARLY && !this.months
        ? [[0, yearlen]]
        : [...Array(12).keys()].filter((m) => this.freq === Frequency.MONTHLY || this.months![m + 1]).map((m) => [starts[m], starts[m + 1]]);
    for (const [first, end] of ranges) {
      const last = end - 1;
      for (const [wday, n] of this.nthWeekdays!) {
        let i: number;
        if (n < 0) {
          i = last + (n + 1) * 7;
          i -= pymod((weekday + i) % 7 - wday, 7);
        } else {
          i = first + (n - 1) * 7;
          i += pymod(7 - pymod(weekday + i, 7) + wday, 7);
        }
        if (first <= i && i <= last) mask[i] = 1;
      }
    }
    return mask;
  }

  /** rrule's wnomask (yearinfo.rebuildYear): the days in the BYWEEKNO weeks, weeks starting on WKST. */
  private weekNumberMask(yearlen: number, prevyearlen: number, yearweekday: number): Uint8Array {
    const wkst = this.wkst;
    const weekNumbers = this.weekNumbers!;
    const mask = new Uint8Array(yearlen + 7);
    const wday = (i: number) => (yearweekday + i) % 7;
    const mark = (start: number) => {
      let i = start;
      for (let k = 0; k < 7; k++) {
        if (i >= 0 && i < mask.length) mask[i] = 1;
        i++;
        if (wday(i) === wkst) break;
      }
    };
    let no1wkst: number;
    const firstwkst = (no1wkst = pymod(7 - yearweekday + wkst, 7));
    let wyearlen: number;
    if (no1wkst >= 4) {
      no1wkst = 0;
      wyearlen = yearlen + pymod(yearweekday - wkst, 7);
    } else {
      wyearlen = yearlen - no1wkst;
    }
    const numweeks = Math.floor(Math.floor(wyearlen / 7) + pymod(wyearlen, 7) / 4);
    for (let n of weekNumbers) {
      if (n < 0) n += numweeks + 1;
      if (!(n > 0 && n <= numweeks)) continue;
      let i: number;
      if (n > 1) {
        i = no1wkst + (n - 1) * 7;
        if (no1wkst !== firstwkst) i -= 7 - firstwkst;
      } else {
        i = no1wkst;
      }
      mark(i);
    }
    if (weekNumbers.includes(1)) {
      // Week 1 of the next year may start in this one.
      let i = no1wkst + numweeks * 7;
      if (no1wkst !== firstwkst) i -= 7 - firstwkst;
      if (i < yearlen) mark(i);
    }
    if (no1wkst) {
      // The days before this year's week 1 belong to last year's last week.
      let lnumweeks: number;
      if (!weekNumbers.includes(-1)) {
        const lyearweekday = pymod(yearweekday - prevyearlen, 7);
        let lno1wkst = pymod(7 - lyearweekday + wkst, 7);
        let weekst: number;
        if (lno1wkst >= 4) {
          lno1wkst = 0;
          weekst = prevyearlen + pymod(lyearweekday - wkst, 7);
        } else {
          // (sic: rrule and python-dateutil use this year's length here)
          weekst = yearlen - no1wkst;
        }
        lnumweeks = Math.floor(52 + pymod(weekst, 7) / 4);
      } else {
        lnumweeks = -1;
      }
      if (weekNumbers.includes(lnumweeks)) for (let i = 0; i < no1wkst; i++) mask[i] = 1;
    }
    return mask;
  }
}
