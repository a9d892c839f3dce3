import type { LocalDate } from './dates';

// The one clock: every "now" and every "today" in the register comes from here. "Today" is the
// organisation's day in its time zone (TIME_ZONE, default Europe/Amsterdam), not the server's:
// a server in UTC would otherwise answer with yesterday's date between midnight and 01:00 or
// 02:00 in the Netherlands. Tests set it to a fixed instant.

/** The calendar day of `instant` in `timeZone` (an IANA name such as Europe/Amsterdam). */
export function dayIn(timeZone: string, instant: Date): LocalDate {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, format);
  }
  return format.format(instant);
}

// One formatter per time zone: making one costs far more than formatting with it, and
// `clock.today()` is asked for per field (every currentAssessment without asOf).
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** Whether `timeZone` is an IANA time zone this Node knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export class Clock {
  private fixed: Date | null = null;

  constructor(private zone = 'Europe/Amsterdam') {}

  get timeZone(): string {
    return this.zone;
  }

  /** The current instant (a timestamp: when a record was written, archived, revoked …). */
  now(): Date {
    return this.fixed ? new Date(this.fixed.getTime()) : new Date(Date.now());
  }

  /** Milliseconds since the epoch, for durations and time-outs. */
  millis(): number {
    return this.fixed ? this.fixed.getTime() : Date.now();
  }

  /** Today in the organisation's time zone. */
  today(): LocalDate {
    // Asked per row on hot paths (a current assessment without asOf): formatted once a second.
    // Every zone's midnight falls on a whole second, so the answer is the same within one.
    const second = Math.floor(this.millis() / 1000);
    const memo = this.memo;
    if (memo && memo.second === second && memo.zone === this.zone) return memo.day;
    const day = dayIn(this.zone, this.now());
    this.memo = { second, zone: this.zone, day };
    return day;
  }

  private memo: { second: number; zone: string; day: LocalDate } | null = null;

  /** Set at start-up from TIME_ZONE. */
  useTimeZone(zone: string): void {
    if (!isTimeZone(zone)) throw new Error(`unknown time zone ${zone}`);
    this.zone = zone;
  }

  /** For tests: stop the clock at `instant` (null lets it run again). */
  setFixed(instant: Date | string | null): void {
    this.fixed = instant === null ? null : new Date(instant);
  }
}

/** The register's clock. */
export const clock = new Clock();
