import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { extendPlanning, horizonEnd } from '../../src/modules/accountability/moment-planner';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { PLAN_CHUNK } from '../../src/modules/accountability/moment-schedule';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { addDays, addMonths, daysBetween } from '../../src/shared/dates';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { clock } from '../../src/shared/clock';

// Planning never stops short: an obligation with more moments than one plan creates at once
// (a daily one over the longest horizon) gets every one of them, and `plannedUntil` never
// claims a day that has no moments yet. Through the GraphQL API, with MOMENT_HORIZON_MONTHS
// at its maximum of 120.

const Q = {
  create: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id plannedUntil moments { dueOn } } }`,
  update: `mutation ($revision: Int!, $id: ID!, $input: UpdateObligationInput!) { updateObligation(id: $id, revision: $revision, input: $input) { id plannedUntil } }`,
  obligation: `query ($id: ID!) { obligation(id: $id) { id plannedUntil moments { dueOn } } }`,
  moments: `query ($filter: MomentFilter, $sort: MomentSort) {
    accountabilityMoments(filter: $filter, sort: $sort, first: 1) { totalCount edges { node { dueOn } } } }`,
};

/** Every day from `from` to `to` inclusive. */
function everyDay(from: string, to: string): string[] {
  return Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));
}

describe('planning over a long horizon (MOMENT_HORIZON_MONTHS=120)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let provisionId: string;
  let horizon: string;

  before(async () => {
    app = await startTestApp({ MOMENT_HORIZON_MONTHS: '120' });
    await loadCatalogue(app.orm.em.fork());
    provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { orderBy: { reference: 'asc' }, limit: 1 }))[0].id;
    horizon = horizonEnd(clock.today(), 120);
  });
  after(() => app?.close());

  async function daily(title: string, start: string) {
    return (
      await app.ok(Q.create, { input: { title, provisionIds: [provisionId], recurrenceRule: 'FREQ=DAILY', scheduleStart: start } })
    ).createObligation;
  }

  /** The due dates stored for an obligation, ascending (straight from the database). */
  async function stored(id: string): Promise<string[]> {
    const moments = await app.orm.em.fork().find(AccountabilityMoment, { obligation: id }, { orderBy: { dueOn: 'asc' }, fields: ['dueOn'] });
    return moments.map((m) => m.dueOn);
  }

  /** As if the process stopped after the mutation's first step of planning: moments up to its first PLAN_CHUNK due dates only. */
  async function stoppedAfterFirstStep(id: string, start: string): Promise<string> {
    const firstStep = addDays(start, PLAN_CHUNK - 1);
    const em = app.orm.em.fork();
    await em.nativeDelete(AccountabilityMoment, { obligation: id, dueOn: { $gt: firstStep } });
    await em.nativeUpdate(Obligation, { id }, { plannedUntil: firstStep });
    return firstStep;
  }

  it('a daily obligation gets every moment up to the horizon before its mutation answers', async () => {
    const start = '2024-01-01';
    const expected = everyDay(start, horizon);
    expect(expected.length).to.be.greaterThan(4000);

    // The mutation plans its first PLAN_CHUNK due dates in its own transaction; the planning job
    // takes it to the horizon as soon as that is committed, before the mutation answers.
    const created = await daily('Dagelijkse controle', start);
    expect(created.plannedUntil).to.equal(horizon);
    expect(created.moments.map((m: { dueOn: string }) => m.dueOn)).to.deep.equal(everyDay(start, horizon).slice(0, 20));
    expect(await stored(created.id)).to.deep.equal(expected);

    const filter = { obligationIds: [created.id] };
    const first = (await app.ok(Q.moments, { filter, sort: 'DUE_ASC' })).accountabilityMoments;
    const last = (await app.ok(Q.moments, { filter, sort: 'DUE_DESC' })).accountabilityMoments;
    expect(first.totalCount).to.equal(expected.length);
    expect(first.edges[0].node.dueOn).to.equal(start);
    expect(last.edges[0].node.dueOn).to.equal(horizon);
    // Nothing is left to do.
    expect(await extendPlanning(app.orm, horizon)).to.equal(0);
  });

  it('planning that stopped after the first step is taken up where it stopped, and plannedUntil never claims a day without its moments', async () => {
    const start = addMonths(clock.today(), -30);
    const o = await daily('Onderbroken planning', start);
    const firstStep = await stoppedAfterFirstStep(o.id, start);
    expect((await app.ok(Q.obligation, { id: o.id })).obligation.plannedUntil).to.equal(firstStep);
    expect(await stored(o.id)).to.deep.equal(everyDay(start, firstStep));
    expect(await app.server.planning.run()).to.equal(everyDay(addDays(firstStep, 1), horizon).length);
    expect(await stored(o.id)).to.deep.equal(everyDay(start, horizon));
  });

  it('a changed schedule is planned from today to the horizon, replacing what the old one planned, however many', async () => {
    const start = addMonths(clock.today(), -6);
    const o = await daily('Dagelijks, daarna om de dag', start);
    await extendPlanning(app.orm, horizon);
    const day = clock.today();
    const changed = (await app.ok(Q.update, { id: o.id, input: { recurrenceRule: 'FREQ=DAILY;INTERVAL=2' } })).updateObligation;
    expect(changed.plannedUntil >= day && changed.plannedUntil <= horizon).to.equal(true);
    await extendPlanning(app.orm, horizon);

    const everyOther = everyDay(start, horizon).filter((d) => d >= day && daysBetween(start, d) % 2 === 0);
    expect(everyOther.length).to.be.greaterThan(1500);
    expect(await stored(o.id)).to.deep.equal([...everyDay(start, addDays(day, -1)), ...everyOther]);
    expect((await app.ok(Q.obligation, { id: o.id })).obligation.plannedUntil).to.equal(horizon);
  });

  it('a schedule changed before planning caught up leaves no gap: the days before today follow the old rule', async () => {
    // Started four years ago: the first plan cannot reach today.
    const start = addMonths(clock.today(), -48);
    const o = await daily('Vier jaar geleden begonnen', start);
    const firstStep = await stoppedAfterFirstStep(o.id, start);
    expect(firstStep < clock.today()).to.equal(true);
    const day = clock.today();
    const changed = (await app.ok(Q.update, { id: o.id, input: { recurrenceRule: 'FREQ=WEEKLY;BYDAY=MO' } })).updateObligation;
    // Whatever the update planned, the days up to its plannedUntil have their moments.
    const upTo = (await stored(o.id)).filter((d) => d <= changed.plannedUntil);
    const mondays = (to: string) => everyDay(day, to).filter((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1);
    expect(upTo).to.deep.equal([...everyDay(start, addDays(day, -1)), ...mondays(changed.plannedUntil)]);

    await extendPlanning(app.orm, horizon);
    expect(await stored(o.id)).to.deep.equal([...everyDay(start, addDays(day, -1)), ...mondays(horizon)]);
    expect((await app.ok(Q.obligation, { id: o.id })).obligation.plannedUntil).to.equal(horizon);
  });
});
