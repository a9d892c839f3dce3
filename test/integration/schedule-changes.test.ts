import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { horizonEnd } from '../../src/modules/accountability/moment-planner';
import { ObligationSchedule } from '../../src/modules/accountability/obligation-schedule.entity';
import { occurrences } from '../../src/modules/accountability/recurrence';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { clock } from '../../src/shared/clock';
import { expectRefused } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/test-app';

// A schedule changes from a day: a board decision of March registered in May re-plans from
// March, a change "from next year" leaves this year alone, and held or waived moments are
// never touched. The history of the schedule is kept; rules that mean less than they seem to
// say so. Through the GraphQL API, with today pinned to 15 May 2026.

const TODAY = '2026-05-15';
const HISTORY = `scheduleHistory { recurrenceRule dueOn effectiveFrom effectiveUntil decidedOn supersededAt schedule }`;
const Q = {
  create: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id revision recurrenceRule scheduleWarnings { code message } ${HISTORY} } }`,
  update: `mutation ($id: ID!, $revision: Int!, $input: UpdateObligationInput!) {
    updateObligation(id: $id, revision: $revision, input: $input) { id revision recurrenceRule scheduleWarnings { code message } ${HISTORY} } }`,
  obligation: `query ($id: ID!) { obligation(id: $id) { revision recurrenceRule ${HISTORY} } }`,
  overdue: `query ($id: ID!) { accountabilityMoments(filter: { obligationIds: [$id], statuses: [OVERDUE] }, first: 100) { edges { node { dueOn } } } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`,
  waive: `mutation ($id: ID!, $reason: String!) { waiveMoment(id: $id, reason: $reason) { id } }`,
  preview: `query ($rule: String!, $start: LocalDate!, $from: LocalDate, $count: Int) {
    previewSchedule(rule: $rule, start: $start, from: $from, count: $count) { description dates warnings { code message } } }`,
};

interface Moment {
  id: string;
  dueOn: string;
  heldOn?: string | null;
  waivedOn?: string | null;
}

describe('schedule changes from a day', function () {
  this.timeout(60_000);
  let app: TestApp;
  let provisionId: string;
  let horizon: string;

  before(async () => {
    clock.setFixed(`${TODAY}T10:00:00Z`);
    app = await startTestApp();
    await loadCatalogue(app.orm.em.fork());
    provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { limit: 1, orderBy: { reference: 'asc' } }))[0].id;
    horizon = horizonEnd(TODAY, app.config.momentHorizonMonths);
  });
  after(async () => {
    clock.setFixed(null);
    await app?.close();
  });

  async function create(title: string, recurrenceRule: string, scheduleStart: string) {
    return (await app.ok(Q.create, { input: { title, provisionIds: [provisionId], recurrenceRule, scheduleStart } })).createObligation;
  }
  /** The obligation through the API, its moments (all of them, by due date) from the database. */
  async function read(id: string): Promise<{ revision: number; recurrenceRule: string; scheduleHistory: any[]; moments: Moment[] }> {
    const { obligation } = await app.ok(Q.obligation, { id });
    const rows = await app.orm.em.fork().find(AccountabilityMoment, { obligation: id }, { orderBy: { dueOn: 'asc' } });
    return { ...obligation, moments: rows.map((m) => ({ id: m.id, dueOn: m.dueOn, heldOn: m.heldOn ?? null, waivedOn: m.waivedOn ?? null })) };
  }
  /** Due dates of its OVERDUE moments today, through the API. */
  async function overdue(id: string): Promise<string[]> {
    return (await app.ok(Q.overdue, { id })).accountabilityMoments.edges.map((e: { node: { dueOn: string } }) => e.node.dueOn);
  }
  const due = (moments: Moment[]) => moments.map((m) => m.dueOn);
  const on = (moments: Moment[], day: string) => moments.find((m) => m.dueOn === day)!;

  it('a decision of March registered in May re-plans from March: the old rule\'s April moment is not left overdue', async () => {
    const o = await create('Kwartaaloverleg huurdersorganisatie', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', '2026-01-01');
    let { moments } = await read(o.id);
    expect(due(moments).slice(0, 3)).to.deep.equal(['2026-01-01', '2026-04-01', '2026-07-01']);
    await app.ok(Q.held, { id: on(moments, '2026-01-01').id, input: { heldOn: '2026-01-08', evidence: [{ title: 'Verslag', reference: 'dms://1', documentDate: '2026-01-08' }] } });
    expect(await overdue(o.id)).to.deep.equal(['2026-04-01']);

    // The board decided on 10 March: twice a year from 15 March on.
    const changed = (
      await app.ok(Q.update, {
        id: o.id,
        revision: o.revision,
        input: { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', scheduleStart: '2026-06-01', scheduleEffectiveFrom: '2026-03-15', scheduleDecidedOn: '2026-03-10' },
      })
    ).updateObligation;
    expect(changed.recurrenceRule).to.equal('FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1');
    ({ moments } = await read(o.id));
    const expected = ['2026-01-01', ...occurrences('FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', '2026-06-01', '2026-03-15', horizon)];
    expect(due(moments)).to.deep.equal(expected);
    expect(on(moments, '2026-01-01').heldOn, 'the held moment stays as it was').to.equal('2026-01-08');
    expect(await overdue(o.id)).to.deep.equal([]);

    expect(changed.scheduleHistory).to.deep.equal([
      { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', dueOn: null, effectiveFrom: '2026-01-01', effectiveUntil: '2026-03-14', decidedOn: null, supersededAt: null, schedule: 'every 3 months on the 1st' },
      { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', dueOn: null, effectiveFrom: '2026-03-15', effectiveUntil: null, decidedOn: '2026-03-10', supersededAt: null, schedule: 'every 6 months on the 1st' },
    ]);
  });

  it('without a day it takes effect today, as before: what fell due under the old rule stays due', async () => {
    const o = await create('Maandrapportage', 'FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01');
    await app.ok(Q.update, { id: o.id, revision: o.revision, input: { recurrenceRule: 'FREQ=MONTHLY;BYMONTHDAY=20' } });
    const { moments, scheduleHistory } = await read(o.id);
    const expected = [
      ...occurrences('FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01', '2026-01-01', '2026-05-14'),
      ...occurrences('FREQ=MONTHLY;BYMONTHDAY=20', '2026-01-01', TODAY, horizon),
    ];
    expect(due(moments)).to.deep.equal(expected);
    expect(await overdue(o.id)).to.deep.equal(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01']);
    expect(scheduleHistory.map((v) => [v.effectiveFrom, v.effectiveUntil])).to.deep.equal([['2026-01-01', '2026-05-14'], [TODAY, null]]);
  });

  it('a change from next year leaves this year\'s moments alone and never touches a waived one', async () => {
    const o = await create('Maandelijks bestuurlijk overleg', 'FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01');
    let { moments } = await read(o.id);
    await app.ok(Q.waive, { id: on(moments, '2027-02-01').id, reason: 'Samengevoegd met het overleg van maart' });
    await app.ok(Q.update, {
      id: o.id,
      revision: o.revision,
      input: { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', scheduleStart: '2027-01-01', scheduleEffectiveFrom: '2027-01-01', scheduleDecidedOn: TODAY },
    });
    ({ moments } = await read(o.id));
    const thisYear = occurrences('FREQ=MONTHLY;BYMONTHDAY=1', '2026-01-01', '2026-01-01', '2026-12-31');
    const fromNextYear = occurrences('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', '2027-01-01', '2027-01-01', horizon);
    expect(due(moments)).to.deep.equal([...thisYear, ...[...fromNextYear, '2027-02-01'].sort()]);
    expect(on(moments, '2027-02-01').waivedOn).to.equal(TODAY);
  });

  it('a later decision from an earlier day supersedes the versions it overtakes, which stay in the history', async () => {
    const o = await create('Jaarverslag aan de gemeente', 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1', '2025-06-01');
    const a = (await app.ok(Q.update, { id: o.id, revision: o.revision, input: { recurrenceRule: 'FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=1', scheduleEffectiveFrom: '2027-01-01' } })).updateObligation;
    const b = (await app.ok(Q.update, { id: o.id, revision: a.revision, input: { recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleEffectiveFrom: '2026-06-02' } })).updateObligation;
    expect(b.scheduleHistory.map((v: any) => [v.recurrenceRule.slice(-18), v.effectiveFrom, v.effectiveUntil, v.supersededAt != null])).to.deep.equal([
      ['BYMONTH=6;BYMONTHDAY=1'.slice(-18), '2025-06-01', '2026-06-01', false],
      ['BYMONTH=7;BYMONTHDAY=1'.slice(-18), '2026-06-02', null, false],
      ['BYMONTH=9;BYMONTHDAY=1'.slice(-18), '2027-01-01', null, true],
    ]);
    const { moments } = await read(o.id);
    expect(due(moments)).to.deep.equal(['2025-06-01', '2026-06-01', ...occurrences('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2025-06-01', '2026-06-02', horizon)]);
  });

  it('refuses what cannot be meant, and a refused change changes nothing', async () => {
    const o = await create('Halfjaarlijks', 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', '2026-01-01');
    const before = await read(o.id);
    await expectRefused(app, Q.update, { id: o.id, revision: o.revision, input: { title: 'Anders', scheduleEffectiveFrom: '2026-03-01' } }, 'BAD_USER_INPUT', 'input.scheduleEffectiveFrom');
    await expectRefused(
      app,
      Q.update,
      { id: o.id, revision: o.revision, input: { recurrenceRule: 'FREQ=YEARLY', scheduleDecidedOn: '2026-05-16' } },
      'BAD_USER_INPUT',
      'input.scheduleDecidedOn',
    );
    // A one-off moved to a day before the change takes effect would never be planned.
    await expectRefused(app, Q.update, { id: o.id, revision: o.revision, input: { recurrenceRule: null, dueOn: '2026-04-01' } }, 'BAD_USER_INPUT', 'input.dueOn');
    expect(await read(o.id)).to.deep.equal(before);
    const versions = await app.orm.em.fork().count(ObligationSchedule, { obligation: o.id });
    expect(versions).to.equal(1);
  });

  it('a one-off due date moved earlier, by a decision that says from when', async () => {
    const o = (await app.ok(Q.create, { input: { title: 'Eenmalige evaluatie', provisionIds: [provisionId], dueOn: '2026-09-01', scheduleStart: '2026-01-01' } })).createObligation;
    await app.ok(Q.update, { id: o.id, revision: o.revision, input: { dueOn: '2026-04-01', scheduleEffectiveFrom: '2026-04-01', scheduleDecidedOn: '2026-03-20' } });
    const { moments } = await read(o.id);
    expect(due(moments)).to.deep.equal(['2026-04-01']);
    expect(await overdue(o.id)).to.deep.equal(['2026-04-01']);
  });

  it('previewSchedule gives the dates and says when a rule means less than it seems, as create does', async () => {
    const preview = (await app.ok(Q.preview, { rule: 'FREQ=MONTHLY;INTERVAL=3', start: '2026-03-31', count: 4 })).previewSchedule;
    expect(preview.dates).to.deep.equal(['2026-03-31', '2026-12-31', '2027-03-31', '2027-12-31']);
    expect(preview.description).to.equal('every 3 months');
    expect(preview.warnings.map((w: any) => w.code)).to.deep.equal(['MONTHS_SKIPPED']);
    expect(preview.warnings[0].message).to.contain('June and September').and.contain('BYMONTHDAY=-1').and.contain('8 of the 16 months');
    const created = await create('Kwartaalcijfers', 'FREQ=MONTHLY;INTERVAL=3', '2026-03-31');
    expect(created.scheduleWarnings).to.deep.equal(preview.warnings);

    const fine = (await app.ok(Q.preview, { rule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', start: '2026-03-31', from: '2026-06-01', count: 3 })).previewSchedule;
    expect(fine).to.deep.equal({ description: 'every 3 months on the last', dates: ['2026-06-30', '2026-09-30', '2026-12-31'], warnings: [] });

    const ends = (await app.ok(Q.preview, { rule: 'FREQ=YEARLY;COUNT=2', start: '2026-07-01' })).previewSchedule;
    expect(ends.dates).to.deep.equal(['2026-07-01', '2027-07-01']);
    expect(ends.warnings.map((w: any) => w.code)).to.deep.equal(['ENDS_BEFORE_HORIZON']);
    const fifthMonday = (await app.ok(Q.preview, { rule: 'FREQ=MONTHLY;BYDAY=5MO', start: '2026-01-01', count: 1 })).previewSchedule;
    expect(fifthMonday.warnings.map((w: any) => w.code)).to.deep.equal(['FEWER_THAN_FREQUENCY']);

    await expectRefused(app, Q.preview, { rule: 'FREQ=SOMETIMES', start: '2026-01-01' }, 'BAD_USER_INPUT', 'rule');
    await expectRefused(app, Q.preview, { rule: 'FREQ=YEARLY', start: '2026-01-01', count: 101 }, 'BAD_USER_INPUT', 'count');
  });

  it('planning later extends by the version in force on each day', async () => {
    const o = await create('Wekelijks', 'FREQ=WEEKLY;BYDAY=MO', '2026-01-05');
    await app.ok(Q.update, { id: o.id, revision: o.revision, input: { recurrenceRule: 'FREQ=WEEKLY;BYDAY=FR', scheduleEffectiveFrom: '2026-06-01' } });
    // As if planning had only reached 31 May: the job plans the rest by the version of each day.
    const em = app.orm.em.fork();
    await em.nativeDelete(AccountabilityMoment, { obligation: o.id, dueOn: { $gt: '2026-05-31' } });
    await em.getConnection().execute(`update obligation set planned_until = '2026-05-31' where id = '${o.id}'`);
    await app.server.planning.run();
    const { moments } = await read(o.id);
    expect(due(moments)).to.deep.equal([
      ...occurrences('FREQ=WEEKLY;BYDAY=MO', '2026-01-05', '2026-01-05', '2026-05-31'),
      ...occurrences('FREQ=WEEKLY;BYDAY=FR', '2026-01-05', '2026-06-01', horizon),
    ]);
  });
});
