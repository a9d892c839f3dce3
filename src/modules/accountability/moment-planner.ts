import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { lockForWrite } from '../../shared/database-faults';
import { addDays, addMonths, type LocalDate } from '../../shared/dates';
import { AccountabilityMoment } from './accountability-moment.entity';
import { planMoments, type ScheduleFacts } from './moment-schedule';
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
 * Obligations per transaction: with at most PLAN_CHUNK due dates each, one transaction holds the
 * write lock for a bounded while, so requests interleave with a long planning run.
 */
const BATCH = 20;
/** Conflicts with another process planning the same obligations that are retried before giving up. */
const CONFLICT_RETRIES = 3;
// One extension at a time per database in this process (SQLite has one writer anyway).
const running = new WeakMap<MikroORM, Promise<number>>();

export interface PlanningRun {
  /** Asked between transactions: true stops the run there (shutdown); what is committed stays. */
  stopped?: () => boolean;
  /** Told after each transaction: the moments created so far in this run. */
  progress?: (created: number) => void;
}

/**
 * Extends every active obligation's moments to `horizon` (also a restored obligation's), in
 * steps of at most PLAN_CHUNK due dates per obligation and BATCH obligations per
 * transaction, until none is behind. Cheap when there is nothing to do: one indexed query.
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
  const tally = { created: 0 };
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

async function extend(orm: MikroORM, horizon: LocalDate, tally: { created: number }, run: PlanningRun): Promise<void> {
  const behind = { archivedAt: null, $or: [{ plannedUntil: null }, { plannedUntil: { $lt: horizon } }] };
  if (!(await orm.em.fork().findOne(Obligation, behind, { fields: ['id'] }))) return;
  for (;;) {
    const batch = await orm.em.fork().transactional(async (em) => {
      await lockForWrite(em);
      const obligations = await em.find(Obligation, behind, { limit: BATCH, orderBy: { id: 'asc' }, populate: ['schedules'] });
      const fromOf = (o: Obligation) => (o.plannedUntil ? addDays(o.plannedUntil, 1) : o.activeFrom);
      // Moments already beyond the planned day (a shorter horizon planned earlier, or a
      // changed schedule's earlier step): one query.
      const earliest = obligations.map(fromOf).sort()[0];
      const later = obligations.length
        ? await em.find(AccountabilityMoment, { obligation: { $in: obligations }, dueOn: { $gte: earliest } })
        : [];
      let created = 0;
      for (const obligation of obligations) {
        const from = fromOf(obligation);
        const before = obligation.plannedUntil;
        const existing = later.filter((m) => m.obligation === obligation && m.dueOn >= from);
        created += await planObligation(em, obligation, from, horizon, existing);
        // A step covers at least one due date or reaches the horizon, so it ends later than
        // the one before and this loop ends; one that did not would be a bug, not a wait.
        if (before && obligation.plannedUntil! <= before) throw new Error(`planning obligation ${obligation.id} made no progress after ${before}`);
      }
      return { created, size: obligations.length, done: obligations.every((o) => o.plannedUntil! >= horizon) };
    });
    tally.created += batch.created;
    run.progress?.(tally.created);
    // Obligations that still have steps to go come back in the next batch.
    if ((batch.size < BATCH && batch.done) || run.stopped?.()) return;
    // Let waiting requests have the database (and the event loop) between two transactions.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
