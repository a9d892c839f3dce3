import { UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { addDays, addMonths, type LocalDate } from '../../shared/dates';
import { AccountabilityMoment } from './accountability-moment.entity';
import { planMoments } from './moment-schedule';
import { Obligation } from './obligation.entity';

// Keeps accountability moments in the database in line with the obligations' schedules: a
// new or changed obligation is planned at once, and as time passes the horizon is extended
// for all of them. The rules themselves are pure (moment-schedule.ts); this file only loads
// and stores.

export function horizonEnd(today: LocalDate, months: number): LocalDate {
  return addMonths(today, months);
}

/**
 * Plans one obligation's moments from `from` up to `horizon` inside the caller's unit of
 * work: creates the missing due dates, removes future generated moments the schedule no
 * longer asks for (never held or waived ones, never ones before `from`). `existing` are its
 * moments due on or after `from`; left out, they are loaded. Returns how many were created.
 */
export async function planObligation(
  em: EntityManager,
  obligation: Obligation,
  from: LocalDate,
  horizon: LocalDate,
  existing?: AccountabilityMoment[],
): Promise<number> {
  const current = existing ?? (await em.find(AccountabilityMoment, { obligation, dueOn: { $gte: from } }));
  const plan = planMoments(obligation, current, from, horizon);
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const id of plan.remove) em.remove(byId.get(id)!);
  for (const dueOn of plan.create) {
    const moment = new AccountabilityMoment();
    moment.obligation = obligation;
    moment.dueOn = dueOn;
    em.persist(moment);
  }
  obligation.plannedUntil = horizon;
  return plan.create.length;
}

const BATCH = 200;
// One extension at a time per database in this process (SQLite has one writer anyway).
const running = new WeakMap<MikroORM, Promise<number>>();

/**
 * Extends every active obligation's moments to `horizon` (also a restored obligation's).
 * Cheap when there is nothing to do: one indexed query. Returns the number of moments created.
 */
export async function extendPlanning(orm: MikroORM, horizon: LocalDate): Promise<number> {
  const busy = running.get(orm);
  if (busy) {
    await busy.catch(() => undefined);
    return extendPlanning(orm, horizon);
  }
  const work = extend(orm, horizon)
    // Another process planned the same moments first: they exist, which is all we wanted.
    .catch((error) => {
      if (error instanceof UniqueConstraintViolationException) return 0;
      throw error;
    })
    .finally(() => running.delete(orm));
  running.set(orm, work);
  return work;
}

async function extend(orm: MikroORM, horizon: LocalDate): Promise<number> {
  const behind = { archivedAt: null, $or: [{ plannedUntil: null }, { plannedUntil: { $lt: horizon } }] };
  if (!(await orm.em.fork().findOne(Obligation, behind, { fields: ['id'] }))) return 0;
  let created = 0;
  for (;;) {
    const batch = await orm.em.fork().transactional(async (em) => {
      const obligations = await em.find(
        Obligation,
        behind,
        { limit: BATCH, orderBy: { id: 'asc' } },
      );
      const fromOf = (o: Obligation) => (o.plannedUntil ? addDays(o.plannedUntil, 1) : o.activeFrom);
      // Moments already beyond the planned day (a shorter horizon planned earlier): one query.
      const earliest = obligations.map(fromOf).sort()[0];
      const later = obligations.length
        ? await em.find(AccountabilityMoment, { obligation: { $in: obligations }, dueOn: { $gte: earliest } })
        : [];
      for (const obligation of obligations) {
        const from = fromOf(obligation);
        const existing = later.filter((m) => m.obligation === obligation && m.dueOn >= from);
        created += await planObligation(em, obligation, from, horizon, existing);
      }
      return obligations.length;
    });
    if (batch < BATCH) return created;
  }
}
