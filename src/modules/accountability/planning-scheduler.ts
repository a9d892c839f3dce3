import type { MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import type { LocalDate } from '../../shared/dates';
import type { UnitOfWorkHook } from '../../shared/unit-of-work';
import { extendPlanning, horizonEnd } from './moment-planner';
import type { PlanningClock } from './obligation.service';

// Planning the horizon is a job, not a side effect of reading: it runs at start-up, when the
// organisation's day changes, and after every mutation that writes an obligation. Queries and
// reports count what is planned and never write.

/** How often the scheduler looks whether the day has changed (a string compare, no query). */
const DAY_CHECK_MS = 10 * 60 * 1000;
/** After a failed run (the database was locked or away), the next try. */
const RETRY_MS = 60 * 1000;

export interface PlanningLog {
  info(message: string): void;
  warn(details: object, message: string): void;
}

/** Today and the planning horizon, read once so that one change sees one day. */
export function planningClock(horizonMonths: number): PlanningClock {
  const today = clock.today();
  return { today, horizon: horizonEnd(today, horizonMonths) };
}

export class PlanningScheduler {
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** The day the last successful run planned from. */
  private plannedOn: LocalDate | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly horizonMonths: number,
    private readonly log: PlanningLog,
  ) {}

  /** Extends every obligation's moments up to today's horizon; returns how many were created. */
  async run(): Promise<number> {
    const day = clock.today();
    const created = await extendPlanning(this.orm, horizonEnd(day, this.horizonMonths));
    this.plannedOn = day;
    if (created) this.log.info(`Planned ${created} accountability moments up to the horizon.`);
    return created;
  }

  /** Runs now, then again whenever the organisation's day changes; a failed run is retried. */
  async start(): Promise<number> {
    const created = await this.run();
    this.timer = setInterval(() => void this.catchUp().catch((err: unknown) => this.failed(err)), DAY_CHECK_MS).unref();
    return created;
  }

  /** What the timer does: runs when the organisation's day is not the one last planned from. */
  async catchUp(): Promise<number> {
    return clock.today() === this.plannedOn ? 0 : this.run();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = this.retry = null;
  }

  /** The hook on every mutation: one that wrote an obligation has the rest of it planned before it answers. */
  hook(): UnitOfWorkHook {
    return {
      committed: async (_call, written) => {
        if (!written.has('Obligation')) return;
        // The mutation is committed: a planning fault must not turn it into an error.
        await this.run().catch((err: unknown) => this.failed(err));
      },
    };
  }

  private failed(err: unknown): void {
    this.log.warn({ err }, 'planning accountability moments failed; retrying in a minute');
    if (this.retry || !this.timer) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.run().catch((err: unknown) => this.failed(err));
    }, RETRY_MS).unref();
  }
}
