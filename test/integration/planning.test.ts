import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { horizonEnd } from '../../src/modules/accountability/moment-planner';
import { PLAN_CHUNK } from '../../src/modules/accountability/moment-schedule';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { PlanningScheduler } from '../../src/modules/accountability/planning-scheduler';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
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
    // Stopped at once: the run ends after the transaction it is in, of 20 obligations.
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
    expect(left).to.equal(1);

    const started = await createAppServer(app.config, app.orm);
    try {
      await started.planning.idle();
      for (const { id } of behindNow) expect(await plannedUntil(id)).to.equal(horizon);
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
