import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { extendPlanning, horizonEnd } from '../../src/modules/accountability/moment-planner';
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

  it('a daily obligation gets every moment up to the horizon, and plannedUntil tells the truth at every step', async () => {
    const start = '2024-01-01';
    const expected = everyDay(start, horizon);
    expect(expected.length).to.be.greaterThan(4000);

    const created = await daily('Dagelijkse controle', start);
    // The mutation plans what it plans, and says how far that is: every day up to plannedUntil, none after.
    expect(created.plannedUntil <= horizon).to.equal(true);
    expect(await stored(created.id)).to.deep.equal(everyDay(start, created.plannedUntil));
    expect(created.moments.map((m: { dueOn: string }) => m.dueOn)).to.deep.equal(everyDay(start, created.plannedUntil).slice(0, 20));

    // A moment list brings planning up to the horizon first; so does a report, and start-up.
    const filter = { obligationIds: [created.id] };
    const first = (await app.ok(Q.moments, { filter, sort: 'DUE_ASC' })).accountabilityMoments;
    const last = (await app.ok(Q.moments, { filter, sort: 'DUE_DESC' })).accountabilityMoments;
    expect(first.totalCount).to.equal(expected.length);
    expect(first.edges[0].node.dueOn).to.equal(start);
    expect(last.edges[0].node.dueOn).to.equal(horizon);
    expect((await app.ok(Q.obligation, { id: created.id })).obligation.plannedUntil).to.equal(horizon);
    expect(await stored(created.id)).to.deep.equal(expected);
    // Nothing is left to do.
    expect(await extendPlanning(app.orm, horizon)).to.equal(0);
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
    expect(o.plannedUntil < clock.today()).to.equal(true);
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
