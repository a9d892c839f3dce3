import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { BATCH_MOMENTS, horizonEnd } from '../../src/modules/accountability/moment-planner';
import { PLAN_CHUNK } from '../../src/modules/accountability/moment-schedule';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { GIVE_WAY_MAX_MS, PlanningScheduler, type PlanningStatus } from '../../src/modules/accountability/planning-scheduler';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { createLogger } from '../../src/logger';
import { createAppServer } from '../../src/server';
import { clock } from '../../src/shared/clock';
import { addDays, addMonths, daysBetween } from '../../src/shared/dates';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Planning the horizon is a job: at start-up, when the organisation's day changes, and after a
// mutation that writes an obligation. A query never writes, not even when planning is behind:
// it counts what is planned.

const CREATE = `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id plannedUntil } }`;
const PLANNED = `query ($id: ID!) { obligation(id: $id) { plannedUntil } }`;
const READS = [
  `{ accountabilityMoments(first: 5) { totalCount edges { node { id status } } } }`,
  `{ complianceReport(period: { from: "2020-01-01", to: "2029-12-31" }) { moments { total } } }`,
  `{ accountabilityOverview { dueNextCount } }`,
  `{ accountabilityTo(categoryKey: "huurdersorganisatie", period: { from: "2020-01-01", to: "2029-12-31" }) { moments { total } } }`,
  `{ annualReport(year: 2026) { engagedStakeholderCount } }`,
  `{ obligations(first: 5) { edges { node { plannedUntil moments(first: 5) { dueOn status } } } } }`,
];

describe('planning is a job: at start-up, daily, after obligations change; never a query', function () {
  this.timeout(120_000);
  let app: TestApp;
  let provisionId: string;

  before(async () => {
    // A short horizon: what these tests plan is the history, which stays longer than one step.
    app = await startTestApp({ MOMENT_HORIZON_MONTHS: '3' });
    await loadCatalogue(app.orm.em.fork());
    provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { limit: 1, orderBy: { reference: 'asc' } }))[0].id;
  });
  after(async () => {
    clock.setFixed(null);
    await app?.close();
  });

  const START = () => addMonths(clock.today(), -18);
  const daily = async (title: string): Promise<string> =>
    (await app.ok(CREATE, { input: { title, provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: START() } })).createObligation.id;

  /** Puts an obligation back to where its planning stood after the first step (as if the process stopped then). */
  async function setBehind(id: string): Promise<{ id: string; firstStep: string }> {
    const firstStep = addDays(START(), PLAN_CHUNK - 1);
    const em = app.orm.em.fork();
    await em.nativeDelete(AccountabilityMoment, { obligation: id, dueOn: { $gt: firstStep } });
    await em.nativeUpdate(Obligation, { id }, { plannedUntil: firstStep });
    return { id, firstStep };
  }
  /** A daily obligation whose planning stopped after its first step. */
  const behind = async (title: string) => setBehind(await daily(title));
  const plannedUntil = async (id: string) => (await app.ok(PLANNED, { id })).obligation.plannedUntil as string;

  it('a mutation that writes an obligation answers with it planned up to the horizon', async () => {
    const start = addMonths(clock.today(), -24);
    const created = (await app.ok(CREATE, { input: { title: 'Dagelijks', provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: start } })).createObligation;
    expect(created.plannedUntil).to.equal(horizonEnd(clock.today(), app.config.momentHorizonMonths));
  });

  it('no query writes, also when planning is behind: moment lists and every report count what is planned', async () => {
    const { id, firstStep } = await behind('Achter met plannen');
    for (const query of READS) {
      app.statements.reset();
      await app.ok(query);
      expect(app.statements.count, query).to.be.greaterThan(0);
      const writes = app.statements.statements.filter((s) => /^\s*(insert|update|delete|begin|savepoint)\b/i.test(s));
      expect(writes, query).to.deep.equal([]);
    }
    expect(await plannedUntil(id)).to.equal(firstStep);
  });

  it('a mutation that writes no obligation does not plan', async () => {
    const { id, firstStep } = await behind('Niet door een ander');
    const c = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
    await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Buurtvereniging", categoryId: $c }) { id } }`, { c });
    expect(await plannedUntil(id)).to.equal(firstStep);
    // Caught up again, for the tests that follow.
    await app.server.planning.run();
  });

  it('start-up plans what is behind in the background, and a stop between two transactions leaves no day claimed without its moments', async () => {
    // All made first: each create has planning catch up, the others included.
    const ids = [];
    for (let i = 0; i < 21; i++) ids.push(await daily(`Bij het opstarten ${i}`));
    const behindNow = [];
    for (const id of ids) behindNow.push(await setBehind(id));
    const horizon = horizonEnd(clock.today(), app.config.momentHorizonMonths);
    const before = await app.orm.em.fork().count(AccountabilityMoment, { obligation: { $in: ids } });
    // Stopped at once: the run ends after the transaction it is in, of at most BATCH_MOMENTS due dates.
    const job = new PlanningScheduler(app.orm, app.config.momentHorizonMonths, { info: () => undefined, warn: () => undefined });
    job.start();
    await job.stop();
    const em = app.orm.em.fork();
    let left = 0;
    for (const { id } of behindNow) {
      const o = await em.findOneOrFail(Obligation, id);
      const days = (await em.find(AccountabilityMoment, { obligation: id }, { orderBy: { dueOn: 'asc' }, fields: ['dueOn'] })).map((m) => m.dueOn);
      // Every day from the start up to plannedUntil has its moment, and none beyond.
      expect(days.at(-1)).to.equal(o.plannedUntil);
      expect(days.length).to.equal(daysBetween(days[0], o.plannedUntil!) + 1);
      if (o.plannedUntil! < horizon) left++;
    }
    const created = (await em.count(AccountabilityMoment, { obligation: { $in: ids } })) - before;
    expect(created).to.be.greaterThan(0).and.at.most(BATCH_MOMENTS);
    expect(left).to.be.greaterThan(0);

    const started = await createAppServer(app.config, app.orm);
    try {
      // Planning begins once the server listens.
      expect(started.planning.status().running).to.equal(false);
      await started.listen(0, '127.0.0.1');
      await started.planning.idle();
      for (const { id } of behindNow) expect(await plannedUntil(id)).to.equal(horizon);
      expect(started.planning.status()).to.include({ running: false, behind: 0 });
    } finally {
      await started.close();
    }
  });

  it('when the organisation\'s day changes, the job moves the horizon on by that day; on the same day it does nothing', async () => {
    const { id } = (await app.ok(CREATE, { input: { title: 'Maandelijks', provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: clock.today() } })).createObligation;
    const today = clock.today();
    expect(await app.server.planning.catchUp()).to.equal(0);
    clock.setFixed(`${addDays(today, 1)}T12:00:00Z`);
    expect(await app.server.planning.catchUp()).to.be.greaterThan(0);
    expect(await plannedUntil(id)).to.equal(horizonEnd(addDays(today, 1), app.config.momentHorizonMonths));
    expect(await app.server.planning.catchUp()).to.equal(0);
    clock.setFixed(null);
  });
});

describe('a long start-up planning gives way to requests', function () {
  this.timeout(180_000);
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ MOMENT_HORIZON_MONTHS: '3' });
    await loadCatalogue(app.orm.em.fork());
  });
  after(async () => {
    await app?.close();
  });

  it('a query is answered while it runs: it waits for at most the transaction under way, not for the run', async () => {
    const provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { limit: 1, orderBy: { reference: 'asc' } }))[0].id;
    // Daily obligations from today, planned three months ahead; a server that plans five years
    // ahead starts with some 1,700 moments each to plan: about 60 transactions.
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const input = { title: `Lange planning ${i}`, provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: clock.today() };
      ids.push((await app.ok(CREATE, { input })).createObligation.id);
    }
    const config = { ...app.config, momentHorizonMonths: 60 };
    const horizon = horizonEnd(clock.today(), config.momentHorizonMonths);
    const logs: { msg: string }[] = [];
    const started = await createAppServer(config, app.orm, createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line)) }));
    try {
      const url = await started.listen(0, '127.0.0.1');
      const { planning } = started;
      // Under way: its first transactions are committed.
      while (planning.status().created === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      // What planning had done when each query reached the server and when its answer was sent.
      const rounds: { arrived: number; answered: PlanningStatus; ms: number }[] = [];
      started.httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
        if (req.method !== 'POST') return;
        const arrived = planning.status().created;
        const at = performance.now();
        res.once('finish', () => rounds.push({ arrived, answered: planning.status(), ms: performance.now() - at }));
      });
      for (let i = 0; i < 3 && planning.status().running; i++) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${app.tokens.viewer}` },
          body: JSON.stringify({ query: '{ accountabilityMoments(first: 5) { totalCount } accountabilityOverview { dueNextCount } }' }),
        });
        expect(((await res.json()) as { errors?: unknown }).errors).to.equal(undefined);
      }
      expect(rounds.length).to.be.greaterThan(0);
      for (const { arrived, answered, ms } of rounds) {
        // Answered before planning was done, not after it.
        expect(answered.running).to.equal(true);
        // While the query was in flight, planning ran at most the transaction under way when it
        // came in, and one more for each GIVE_WAY_MAX_MS it took (a slow machine's allowance).
        const transactions = 1 + Math.floor(ms / GIVE_WAY_MAX_MS);
        expect(answered.created - arrived).to.be.at.most(transactions * BATCH_MOMENTS);
      }
      await planning.idle();
      const em = app.orm.em.fork();
      for (const id of ids) {
        const o = await em.findOneOrFail(Obligation, id);
        expect(o.plannedUntil).to.equal(horizon);
        expect(await em.count(AccountabilityMoment, { obligation: id })).to.equal(daysBetween(clock.today(), horizon) + 1);
      }
      expect(planning.status()).to.include({ running: false, behind: 0 });
      // Written as rows, read back as any moment: created now, revision 1, not held, not archived.
      const last = await em.findOneOrFail(AccountabilityMoment, { obligation: ids[0], dueOn: horizon });
      expect(last.createdAt).to.be.instanceOf(Date);
      expect(Math.abs(last.createdAt.getTime() - clock.millis())).to.be.below(10 * 60_000);
      expect(last.updatedAt.getTime()).to.equal(last.createdAt.getTime());
      expect(last).to.include({ revision: 1, heldOn: null, waivedOn: null, archivedAt: null });
      // The run said what it was doing, how far it got, and that it was done.
      const messages = logs.map((l) => l.msg);
      expect(messages).to.include('Planning accountability moments for 12 obligations behind the horizon, in the background');
      expect(messages.some((m) => /^Planning accountability moments: \d+ created so far; \d+ of 12 obligations planned up to the horizon$/.test(m))).to.equal(true);
      expect(messages.some((m) => /^Planned \d+ accountability moments up to the horizon\.$/.test(m))).to.equal(true);
    } finally {
      await started.close();
    }
  });
});
