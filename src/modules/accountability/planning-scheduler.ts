import type { MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import type { LocalDate } from '../../shared/dates';
import type { RequestActivity } from '../../shared/request-activity';
import type { UnitOfWorkHook } from '../../shared/unit-of-work';
import { extendPlanning, horizonEnd, type PlanningProgress } from './moment-planner';
import type { PlanningClock } from './obligation.service';

// Planning the horizon is a job, not a side effect of reading: it runs at start-up (in the
// background, so a large register does not keep the server from answering), when the
// organisation's day changes, and after every mutation that writes an obligation. Queries and
// reports count what is planned and never write. A background run gives way to requests: it
// plans in bounded transactions and waits between two of them while requests are in flight.

/** How often the scheduler looks whether the day has changed (a string compare, no query). */
const DAY_CHECK_MS = 10 * 60 * 1000;
/** After a failed run (the database was locked or away), the next try. */
const RETRY_MS = 60 * 1000;
/** A long run logs how far it got every time it has created this many more moments. */
export const PROGRESS_EVERY = 10_000;
/**
 * While requests are in flight, a background run waits at most this long before its next
 * transaction: under steady traffic it plans a batch now and then instead of never.
 */
export const GIVE_WAY_MAX_MS = 250;
/** Once the server listens, the start-up run waits this long: the first requests (a load balancer's, dashboards reconnecting) meet a server that is not planning yet. */
export const START_DELAY_MS = 1_000;

export interface PlanningLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/** What the job is doing, for metrics. */
export interface PlanningStatus {
  /** A run is going on. */
  running: boolean;
  /** Obligations not yet planned up to the horizon, as the last run counted them (0 when it finished). */
  behind: number;
  /** Moments created by every run since the job began. */
  created: number;
}

/** Today and the planning horizon, read once so that one change sees one day. */
export function planningClock(horizonMonths: number): PlanningClock {
  const today = clock.today();
  return { today, horizon: horizonEnd(today, horizonMonths) };
}

export class PlanningScheduler {
  private timer: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  /** The first run, while it waits to start. */
  private delayed: NodeJS.Timeout | null = null;
  private stopping = false;
  /** The day the last complete run planned from. */
  private plannedOn: LocalDate | null = null;
  /** The run going on now, if any. */
  private current: Promise<number> | null = null;
  /** Callers waiting for a run (a mutation's hook, a test): a background run stops giving way meanwhile. */
  private waiting = 0;
  private readonly counts = { behind: 0, created: 0 };

  /** `requests`: the requests in flight, which a background run gives way to; without it, it only yields to the event loop between transactions. */
  constructor(
    private readonly orm: MikroORM,
    private readonly horizonMonths: number,
    private readonly log: PlanningLog,
    private readonly requests?: RequestActivity,
  ) {}

  /**
   * Extends every obligation's moments up to today's horizon, in bounded transactions, at full
   * speed (a background run still going stops giving way to requests); returns how many were created.
   */
  async run(): Promise<number> {
    this.waiting++;
    this.requests?.wake();
    try {
      return await this.track(this.plan(false));
    } finally {
      this.waiting--;
    }
  }

  status(): PlanningStatus {
    return { running: this.current !== null, ...this.counts };
  }

  /** The same in the background: between two transactions it waits while requests are in flight. */
  private background(): Promise<number> {
    return this.track(this.plan(true));
  }

  private track(run: Promise<number>): Promise<number> {
    const tracked = run.finally(() => {
      if (this.current === tracked) this.current = null;
    });
    this.current = tracked;
    return tracked;
  }

  private async plan(background: boolean): Promise<number> {
    const day = clock.today();
    const started = clock.millis();
    let told = 0;
    const rate = (created: number) => {
      const ms = clock.millis() - started;
      return ms > 0 ? Math.round((1000 * created) / ms) : null;
    };
    const created = await extendPlanning(this.orm, horizonEnd(day, this.horizonMonths), {
      stopped: () => this.stopping,
      pause: background && this.requests ? () => this.giveWay() : undefined,
      began: (behind) => {
        this.counts.behind = behind;
        if (background) this.log.info({ obligationsBehind: behind }, `Planning accountability moments for ${behind} obligations behind the horizon, in the background`);
      },
      progress: (p: PlanningProgress) => {
        this.counts.behind = p.behind - p.done;
        this.counts.created += p.created - told;
        const before = told;
        told = p.created;
        if (Math.floor(p.created / PROGRESS_EVERY) === Math.floor(before / PROGRESS_EVERY)) return;
        this.log.info(
          { created: p.created, obligationsDone: p.done, obligationsBehind: p.behind, momentsPerSecond: rate(p.created) },
          `Planning accountability moments: ${p.created} created so far; ${p.done} of ${p.behind} obligations planned up to the horizon`,
        );
      },
    });
    if (this.stopping) return created;
    this.plannedOn = day;
    this.counts.behind = 0;
    if (created) this.log.info({ created, ms: clock.millis() - started, momentsPerSecond: rate(created) }, `Planned ${created} accountability moments up to the horizon.`);
    return created;
  }

  /** Before a background transaction: requests first, unless someone waits for the run or it is stopping. */
  private async giveWay(): Promise<void> {
    if (this.waiting > 0 || this.stopping) return new Promise((resolve) => setImmediate(resolve));
    return this.requests!.quiet(GIVE_WAY_MAX_MS);
  }

  /**
   * Starts the job: what is behind is planned in the background while the server answers
   * (reports count what is planned so far), then again whenever the organisation's day changes.
   * `afterMs`: the first run waits that long (the first requests after a start come first),
   * unless idle() is asked for before.
   */
  start(afterMs = 0): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.catchUp().catch((err: unknown) => this.failed(err)), DAY_CHECK_MS).unref();
    if (afterMs <= 0) return this.firstRun();
    this.delayed = setTimeout(() => this.firstRun(), afterMs).unref();
  }

  private firstRun(): void {
    if (this.delayed) clearTimeout(this.delayed);
    this.delayed = null;
    void this.background().catch((err: unknown) => this.failed(err));
  }

  /** What the timer does: runs when the organisation's day is not the one last planned from. */
  async catchUp(): Promise<number> {
    return clock.today() === this.plannedOn ? 0 : this.background();
  }

  /** Resolves when no run is going on (a first run still waiting to start begins now). */
  async idle(): Promise<void> {
    if (this.delayed) this.firstRun();
    while (this.current) await this.current.catch(() => undefined);
  }

  /** Stops the timer and a run between two transactions (what is committed stays); resolves when it has stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.requests?.wake();
    if (this.timer) clearInterval(this.timer);
    if (this.retry) clearTimeout(this.retry);
    if (this.delayed) clearTimeout(this.delayed);
    this.timer = this.retry = this.delayed = null;
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
      this.background().catch((error: unknown) => this.failed(error));
    }, RETRY_MS).unref();
  }
}
