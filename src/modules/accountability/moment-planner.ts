import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException, type EntityData, type EntityManager, type FilterQuery, type MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import { lockForWrite } from '../../shared/database-faults';
import { addDays, addMonths, type LocalDate } from '../../shared/dates';
import { AccountabilityMoment } from './accountability-moment.entity';
import { PLAN_CHUNK, planMoments, type ScheduleFacts } from './moment-schedule';
import { Obligation, scheduleOf } from './obligation.entity';

// Keeps accountability moments in the database in line with the obligations' schedules: a
// new or changed obligation gets its first step planned at once; extendPlanning plans the
// rest and, as time passes, extends the horizon for all of them. The rules themselves are
// pure (moment-schedule.ts); this file only loads and stores.

export function horizonEnd(today: LocalDate, months: number): LocalDate {
  return addMonths(today, months);
}

/**
 * Plans one obligation's moments from `from` towards `horizon` inside the caller's unit of
 * work, by `schedule` (the obligation's own versions unless given; they must be loaded): creates the missing due dates,
 * removes future generated moments the schedule no longer asks for (never held or waived
 * ones, never ones before `from`). One call plans at most PLAN_CHUNK due dates and sets
 * `plannedUntil` to the day it really reached; extendPlanning takes it on from there.
 * `existing` are its moments due on or after `from`; left out, they are loaded. Returns how
 * many were created.
 */
export async function planObligation(
  em: EntityManager,
  obligation: Obligation,
  from: LocalDate,
  horizon: LocalDate,
  existing?: readonly AccountabilityMoment[],
  schedule: ScheduleFacts = scheduleOf(obligation),
): Promise<number> {
  const current = existing ?? (await em.find(AccountabilityMoment, { obligation, dueOn: { $gte: from } }));
  const plan = planMoments(schedule, current, from, horizon);
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const id of plan.remove) em.remove(byId.get(id)!);
  for (const dueOn of plan.create) {
    const moment = new AccountabilityMoment();
    moment.obligation = obligation;
    moment.dueOn = dueOn;
    em.persist(moment);
  }
  obligation.plannedUntil = plan.plannedUntil;
  return plan.create.length;
}

/**
 * Before a schedule changes from a day: plans the days before it that were not planned yet
 * (plannedUntil fell short: a first step of a long history, not yet extended) by the schedule
 * that was in force then, so that no day is left without its moments and the new schedule
 * applies from that day only. Inside the caller's unit of work, in as many steps as it takes.
 * `existing` are the obligation's moments due from its plannedUntil on, loaded before:
 * querying here would flush the unit of work early. Returns how many were created.
 */
export async function planUpTo(
  em: EntityManager,
  obligation: Obligation,
  schedule: ScheduleFacts,
  until: LocalDate,
  existing: readonly AccountabilityMoment[],
): Promise<number> {
  let created = 0;
  while (!obligation.plannedUntil || obligation.plannedUntil < until) {
    const from = obligation.plannedUntil ? addDays(obligation.plannedUntil, 1) : schedule.activeFrom;
    // Only what this step covers: what lies beyond `until` is the new schedule's to judge.
    const current = existing.filter((m) => m.dueOn >= from && m.dueOn <= until);
    created += await planObligation(em, obligation, from, until, current, schedule);
  }
  return created;
}

/**
 * What one transaction of extendPlanning does at most: this many obligations, and due dates
 * for this many moments between them (an obligation whose step would pass it is planned that far
 * and goes on in the next transaction). On SQLite a transaction holds the one connection and
 * the write lock, so a request that arrives meanwhile waits for it: a bounded batch keeps that
 * wait short (tens of milliseconds here) whatever the register, and between two transactions
 * the run gives way to the requests in flight (PlanningRun.pause).
 */
export const BATCH_OBLIGATIONS = 20;
export const BATCH_MOMENTS = 250;
/** Conflicts with another process planning the same obligations that are retried before giving up. */
const CONFLICT_RETRIES = 3;
// One extension at a time per database in this process (SQLite has one writer anyway).
const running = new WeakMap<MikroORM, Promise<number>>();

/** How far a run has got, told after each of its transactions. */
export interface PlanningProgress {
  /** Moments created so far in this run. */
  created: number;
  /** Obligations behind the horizon when the run began. */
  behind: number;
  /** Of those, the ones planned up to the horizon so far. */
  done: number;
}

export interface PlanningRun {
  /** Asked between transactions: true stops the run there (shutdown); what is committed stays. */
  stopped?: () => boolean;
  /** Told once, when there is something to plan: how many obligations are behind the horizon. */
  began?: (behind: number) => void;
  /** Told after each transaction. */
  progress?: (progress: PlanningProgress) => void;
  /** Awaited before each transaction (requests first); without it the run yields to the event loop once. */
  pause?: () => Promise<void>;
}

/**
 * Extends every active obligation's moments to `horizon` (also a restored obligation's), in
 * transactions of at most BATCH_OBLIGATIONS obligations and BATCH_MOMENTS due dates, until
 * none is behind. Cheap when there is nothing to do: one count.
 * Returns the number of moments created.
 */
export async function extendPlanning(orm: MikroORM, horizon: LocalDate, run: PlanningRun = {}): Promise<number> {
  const busy = running.get(orm);
  if (busy) {
    await busy.catch(() => undefined);
    return extendPlanning(orm, horizon, run);
  }
  const work = extendWithRetries(orm, horizon, run).finally(() => running.delete(orm));
  running.set(orm, work);
  return work;
}

async function extendWithRetries(orm: MikroORM, horizon: LocalDate, run: PlanningRun): Promise<number> {
  const tally: PlanningProgress = { created: 0, behind: 0, done: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      await extend(orm, horizon, tally, run);
      return tally.created;
    } catch (error) {
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
      // Another process planned the same moments first: they exist. Its plannedUntil is
      // committed with them, so going on reads where it got to.
      if (attempt > CONFLICT_RETRIES) return tally.created;
    }
  }
}

type Cursor = { id: { $gte: string } } | { id: { $gt: string } };

async function extend(orm: MikroORM, horizon: LocalDate, tally: PlanningProgress, run: PlanningRun): Promise<void> {
  const behind = { archivedAt: null, $or: [{ plannedUntil: null }, { plannedUntil: { $lt: horizon } }] };
  const count = await orm.em.fork().count(Obligation, behind);
  if (!count) return;
  // A retry after a conflict counts what is still behind on top of what is done.
  if (!tally.behind) run.began?.(count);
  tally.behind = tally.done + count;
  // Through the obligations in id order, each batch from where the last one stopped: asking
  // for the first BATCH_OBLIGATIONS behind from the start every time read past all those done
  // already, which made a long run quadratic. Once at the end, it looks from the start again
  // for any that fell behind meanwhile (a schedule changed).
  let cursor: Cursor | null = null;
  for (;;) {
    // Let waiting requests have the database (and the event loop) before each transaction.
    await (run.pause ? run.pause() : new Promise((resolve) => setImmediate(resolve)));
    const where: FilterQuery<Obligation> = cursor ? { $and: [behind, cursor] } : behind;
    const batch = await orm.em.fork().transactional(async (em): Promise<{ created: number; done: number; next: Cursor | null; end: boolean }> => {
      await lockForWrite(em);
      // Their schedules in a statement of their own: populated in this one, MikroORM would
      // group and sort every obligation behind before it took the first BATCH_OBLIGATIONS.
      const obligations: Obligation[] = await em.find(Obligation, where, { limit: BATCH_OBLIGATIONS, orderBy: { id: 'asc' } });
      await em.populate(obligations, ['schedules']);
      const fromOf = (o: Obligation) => (o.plannedUntil ? addDays(o.plannedUntil, 1) : o.activeFrom);
      // Moments already beyond the planned day (a shorter horizon planned earlier, or a
      // changed schedule's earlier step): one query.
      const earliest = obligations.map(fromOf).sort()[0];
      const later = obligations.length
        ? await em.find(AccountabilityMoment, { obligation: { $in: obligations }, dueOn: { $gte: earliest } })
        : [];
      // New moments are inserted as rows, in one statement: nothing audits background planning
      // (only mutations are audited), and making and flushing an entity for each of them was
      // most of the run's time. Removals and the obligations' plannedUntil go through the unit
      // of work, as in a mutation (revision, version check, cascades).
      const rows: EntityData<AccountabilityMoment>[] = [];
      const now = clock.now();
      let room = BATCH_MOMENTS;
      let done = 0;
      for (const obligation of obligations) {
        if (room <= 0) break;
        const from = fromOf(obligation);
        const before = obligation.plannedUntil;
        const existing = later.filter((m) => m.obligation === obligation && m.dueOn >= from);
        const plan = planMoments(scheduleOf(obligation), existing, from, horizon, Math.min(PLAN_CHUNK, room));
        const byId = new Map(existing.map((m) => [m.id, m]));
        for (const id of plan.remove) em.remove(byId.get(id)!);
        for (const dueOn of plan.create) rows.push({ id: randomUUID(), obligation: obligation.id, dueOn, createdAt: now, updatedAt: now });
        obligation.plannedUntil = plan.plannedUntil;
        room -= Math.max(1, plan.create.length);
        if (plan.plannedUntil >= horizon) done++;
        // A step covers at least one due date or reaches the horizon, so it ends later than
        // the one before and this loop ends; one that did not would be a bug, not a wait.
        if (before && obligation.plannedUntil <= before) throw new Error(`planning obligation ${obligation.id} made no progress after ${before}`);
      }
      if (rows.length) await em.insertMany(AccountabilityMoment, rows);
      // The next batch begins at the first obligation this one left behind the horizon.
      const unfinished = obligations.find((o) => !o.plannedUntil || o.plannedUntil < horizon);
      const next: Cursor | null = unfinished ? { id: { $gte: unfinished.id } } : obligations.length ? { id: { $gt: obligations.at(-1)!.id } } : null;
      return { created: rows.length, done, next, end: obligations.length < BATCH_OBLIGATIONS && !unfinished };
    });
    tally.created += batch.created;
    tally.done += batch.done;
    run.progress?.({ ...tally });
    if (run.stopped?.()) return;
    if (batch.end) {
      // Done from the start (the last look found none), or once more from the start.
      if (!cursor) return;
      cursor = null;
    } else cursor = batch.next;
  }
}
