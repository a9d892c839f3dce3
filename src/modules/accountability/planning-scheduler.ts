import type { MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import type { LocalDate } from '../../shared/dates';
import type { UnitOfWorkHook } from '../../shared/unit-of-work';
import { extendPlanning, horizonEnd } from './moment-planner';
import type { PlanningClock } from './obligation.service';

// Planning the horizon is a job, not a side effect of reading: it runs at start-up (in the
// background, so a large register does not keep the server from answering), when the
// organisation's day changes, and after every mutation that writes an obligation. Queries and
// reports count what is planned and never write.

/** How often the scheduler looks whether the day has changed (a string compare, no query). */
const DAY_CHECK_MS = 10 * 60 * 1000;
/** After a failed run (the database was locked or away), the next try. */
const RETRY_MS = 60 * 1000;
/** A long run says how far it got at most this often. */
const PROGRESS_MS = 5_000;

export interface PlanningLog {
  info(details: object, message: string): void;
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
  private stopping = false;
  /** The day the last complete run planned from. */
  private plannedOn: LocalDate | null = null;
  /** The run going on now, if any. */
  private current: Promise<number> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly horizonMonths: number,
    private readonly log: PlanningLog,
  ) {}

  /** Extends every obligation's moments up to today's horizon, in bounded transactions; returns how many were created. */
  run(): Promise<number> {
    const run = this.plan().finally(() => {
      if (this.current === run) this.current = null;
    });
    this.current = run;
    return run;
  }

  private async plan(): Promise<number> {
    const day = clock.today();
    const started = clock.millis();
    let told = started;
    const created = await extendPlanning(this.orm, horizonEnd(day, this.horizonMonths), {
      stopped: () => this.stopping,
      progress: (count) => {
        if (clock.millis() - told < PROGRESS_MS) return;
        told = clock.millis();
        this.log.info({ created: count }, `Planning accountability moments: ${count} created so far`);
      },
    });
    if (this.stopping) return created;
    this.plannedOn = day;
    if (created) this.log.info({ created, ms: clock.millis() - started }, `Planned ${created} accountability moments up to the horizon.`);
    return created;
  }

  /**
   * Starts the job: what is behind is planned in the background while the server answers
   * (reports count what is planned so far), then again whenever the organisation's day changes.
   */
  start(): void {
    this.stopping = false;
    void this.run().catch((err: unknown) => this.failed(err));
    this.timer = setInterval(() => void this.catchUp().catch((err: unknown) => this.failed(err)), DAY_CHECK_MS).unref();
  }

  /** What the timer does: runs when the organisation's day is not the one last planned from. */
  async catchUp(): Promise<number> {
    return clock.today() === this.plannedOn ? 0 : this.run();
  }

  /** Resolves when no run is going on. */
  async idle(): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
  }

  /** Stops the timer and a run between two transactions (what is committed stays); resolves when it has stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.timer = this.retry = null;
    await this.idle();
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
      this.run().catch((error: unknown) => this.failed(error));
    }, RETRY_MS).unref();
  }
}
