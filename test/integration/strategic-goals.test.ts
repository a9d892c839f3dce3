import { expect } from 'chai';
import { MISSING, expectNotFound, expectRefused, listIds, run } from '../helpers/api';
import { Q, openFilterRegister, openLinkedRegister, openBasicRegister, stakeholder } from '../helpers/register';
import type { TestApp } from '../helpers/test-app';

// Strategic goals (strategische doelen) and their KPI measurements through the GraphQL API: their
// life cycle, the stakeholders they were agreed with, the list filters, progress and health at a
// given day, and refused input.

describe('strategic goals and measurements: create, read, update, archive and restore', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;

  before(async () => ({ app, huurders, gemeente } = await openBasicRegister()));
  after(() => app.close());

  it('records a strategic goal with a KPI, changes it, and archives and restores it', async () => {
    const created = await run(app, Q.createGoal, {
      input: {
        title: 'Wachttijd woningzoekenden verkorten', periodStart: '2026-01-01', periodEnd: '2027-12-31', owner: 'Directeur Wonen',
        kpi: { indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 24 },
        stakeholderIds: [huurders, gemeente],
      },
    });
    expect(created).to.deep.include({
      title: 'Wachttijd woningzoekenden verkorten', description: null, periodStart: '2026-01-01', periodEnd: '2027-12-31',
      owner: 'Directeur Wonen', status: 'ACTIVE', archived: false,
    });
    expect(created.kpi).to.deep.equal({ indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 24 });
    expect(created.stakeholders.map((s: { name: string }) => s.name)).to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);

    const updated = await run(app, Q.updateGoal, {
      id: created.id,
      input: {
        title: 'Wachttijd onder de twee jaar', status: 'PROPOSED', periodEnd: null, owner: null, description: 'Afgesproken met gemeente',
        kpi: { indicator: 'Gemiddelde wachttijd', unit: 'maanden', baseline: 36, target: 20 }, stakeholderIds: [gemeente],
      },
    });
    expect(updated).to.deep.include({
      title: 'Wachttijd onder de twee jaar', status: 'PROPOSED', periodStart: '2026-01-01', periodEnd: null, owner: null,
      description: 'Afgesproken met gemeente',
    });
    expect(updated.kpi.target).to.equal(20);
    expect(updated.stakeholders).to.deep.equal([{ id: gemeente, name: 'Gemeente Rivierstad' }]);
    const read = (await app.ok(Q.goal, { id: created.id })).strategicGoal;
    expect(read).to.deep.include({ title: 'Wachttijd onder de twee jaar', periodEnd: null, measurements: [] });

    const goalsOf = async (id: string) =>
      (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { goals { id } } }`, { id })).stakeholder.goals.map((g: { id: string }) => g.id);
    expect(await goalsOf(gemeente)).to.deep.equal([created.id]);
    expect(await goalsOf(huurders), 'removed from the stakeholders it is no longer agreed with').to.deep.equal([]);

    const archived = await run(app, Q.archiveGoal, { id: created.id, archived: true });
    expect(archived.archived).to.equal(true);
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd' })).to.deep.equal([]);
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd', archived: 'ALL' })).to.deep.equal([created.id]);
    expect(await goalsOf(gemeente)).to.deep.equal([]);
    expect((await app.ok(Q.goal, { id: created.id })).strategicGoal.archived).to.equal(true);

    await run(app, Q.archiveGoal, { id: created.id, archived: false });
    expect(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', { text: 'wachttijd' })).to.deep.equal([created.id]);
    expect(await goalsOf(gemeente)).to.deep.equal([created.id]);
  });

  it('records, corrects, archives and restores a goal measurement', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Labelsprong sociale huur', periodStart: '2026-01-01', kpi: { indicator: 'Woningen label B', unit: '%', baseline: 40, target: 80 } },
    });
    const m = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-06-30', value: 52, note: 'Halfjaarrapportage' } });
    expect(m).to.deep.include({ measuredOn: '2026-06-30', value: 52, note: 'Halfjaarrapportage', archived: false });
    expect(m.goal).to.deep.equal({ id: goal.id, title: 'Labelsprong sociale huur' });

    const corrected = await run(app, Q.updateMeasurement, { id: m.id, input: { value: 50, note: null } });
    expect(corrected).to.deep.include({ measuredOn: '2026-06-30', value: 50, note: null });
    expect((await app.ok(Q.measurement, { id: m.id })).goalMeasurement).to.deep.equal(corrected);
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.deep.equal([{ id: m.id, measuredOn: '2026-06-30', value: 50 }]);

    await run(app, Q.archiveMeasurement, { id: m.id, archived: true });
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.deep.equal([]);
    expect((await app.ok(Q.measurement, { id: m.id })).goalMeasurement.archived).to.equal(true);
    await run(app, Q.archiveMeasurement, { id: m.id, archived: false });
    expect((await app.ok(Q.goal, { id: goal.id })).strategicGoal.measurements).to.have.length(1);
  });

  it('answers NOT_FOUND for an unknown goal or measurement id', async () => {
    await expectNotFound(app, 'strategicGoal', 'goalMeasurement');
  });
});

describe('strategic goals: linked to the stakeholders they were agreed with, both ways', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let fonds: string;
  let betaalbaar: any;
  let nieuwbouw: any;

  before(async () => ({ app, huurders, gemeente, fonds, betaalbaar, nieuwbouw } = await openLinkedRegister()));
  after(() => app.close());

  it('links goals with the stakeholders they were agreed with, in both directions', async () => {
    const data = await app.ok(
      `query ($h: ID!, $g: ID!, $f: ID!) { h: stakeholder(id: $h) { goals { id } } g: stakeholder(id: $g) { goals { id } } f: stakeholder(id: $f) { goals { id } } }`,
      { h: huurders, g: gemeente, f: fonds },
    );
    expect(data).to.deep.equal({ h: { goals: [{ id: betaalbaar.id }] }, g: { goals: [{ id: nieuwbouw.id }] }, f: { goals: [] } });
    expect(betaalbaar.stakeholders).to.deep.equal([{ id: huurders, name: 'Huurdersraad Rivierstad' }]);
  });
});

describe('strategic goals: list filters', () => {
  let app: TestApp;
  let id: Record<string, string>;
  let names: (ids: string[]) => string[];

  before(async () => ({ app, id, names } = await openFilterRegister()));
  after(() => app.close());

  it('filters strategic goals by active day, stakeholders, agreements, status and text', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'strategicGoals', 'StrategicGoalFilter', filter, 'PERIOD_START_ASC'));
    expect(await where({})).to.deep.equal(['GB', 'GA', 'GC']);
    expect(await where({ activeOn: '2024-12-31' })).to.deep.equal([]);
    expect(await where({ activeOn: '2025-12-31' }), 'the last day of a period is included').to.deep.equal(['GB']);
    expect(await where({ activeOn: '2026-01-01' }), 'the first day of a period is included').to.deep.equal(['GA']);
    expect(await where({ activeOn: '2026-06-30' })).to.deep.equal(['GA']);
    expect(await where({ activeOn: '2026-07-01' })).to.deep.equal(['GA', 'GC']);
    expect(await where({ activeOn: '2030-01-01' }), 'an open-ended goal stays active').to.deep.equal(['GC']);
    expect(await where({ stakeholderIds: [id.H] })).to.deep.equal(['GB', 'GC']);
    expect(await where({ stakeholderIds: [id.G] })).to.deep.equal(['GA', 'GC']);
    expect(await where({ stakeholderIds: [id.F] })).to.deep.equal([]);
    expect(await where({ stakeholderIds: [] }), 'an empty list matches nothing').to.deep.equal([]);
    expect(await where({ agreementIds: [id.AG1] })).to.deep.equal(['GA', 'GC']);
    expect(await where({ agreementIds: [id.AG2] })).to.deep.equal(['GB']);
    expect(await where({ agreementIds: [id.AG1, id.AG2] })).to.deep.equal(['GB', 'GA', 'GC']);
    expect(await where({ agreementIds: [id.AG3] })).to.deep.equal([]);
    expect(await where({ statuses: ['PROPOSED', 'ACHIEVED'] })).to.deep.equal(['GB', 'GC']);
    expect(await where({ text: 'HUUR' })).to.deep.equal(['GA', 'GC']);
    expect(await where({ text: 'jaarlijks' }), 'text is found in the description').to.deep.equal(['GA']);
    expect(await where({ agreementIds: [id.AG1], activeOn: '2026-03-01' })).to.deep.equal(['GA']);
  });
});

describe('strategic goals: progress and health at a given day', () => {
  let app: TestApp;

  before(async () => ({ app,  } = await openBasicRegister()));
  after(() => app.close());

  const HEALTH = `query ($id: ID!, $asOf: LocalDate!) { strategicGoal(id: $id) {
    progress(asOf: $asOf) health(asOf: $asOf) latestMeasurement(asOf: $asOf) { measuredOn value } } }`;
  const at = async (goalId: string, asOf: string) => (await app.ok(HEALTH, { id: goalId, asOf })).strategicGoal;

  it('judges goal progress and health against the share of the period that has passed', async () => {
    // 2026-01-01 .. 2026-12-31 is 364 days; 2026-07-02 is exactly half way
    const goal = await run(app, Q.createGoal, {
      input: { title: '100 woningen verduurzaamd', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Woningen verduurzaamd', unit: 'woningen', baseline: 0, target: 100 } },
    });
    for (const [measuredOn, value] of [['2026-04-01', 20], ['2026-07-02', 50], ['2026-10-01', 60]] as const) {
      await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn, value } });
    }

    expect(await at(goal.id, '2025-12-31'), 'before any measurement').to.deep.equal({ progress: null, health: 'NO_DATA', latestMeasurement: null });

    let g = await at(goal.id, '2026-04-01'); // elapsed 90/364 ≈ 0.25, progress 0.2
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-04-01', value: 20 });
    expect(g.progress).to.be.closeTo(0.2, 1e-9);
    expect(g.health).to.equal('ON_TRACK');

    g = await at(goal.id, '2026-07-01'); // the measurement of 07-02 does not count yet; elapsed ≈ 0.497
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-04-01', value: 20 });
    expect(g.progress).to.be.closeTo(0.2, 1e-9);
    expect(g.health).to.equal('OFF_TRACK');

    g = await at(goal.id, '2026-07-02'); // 50 at half way
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-07-02', value: 50 });
    expect(g.progress).to.be.closeTo(0.5, 1e-9);
    expect(g.health).to.equal('ON_TRACK');

    g = await at(goal.id, '2026-10-01'); // elapsed 273/364 = 0.75, progress 0.6: 15 points behind
    expect(g.progress).to.be.closeTo(0.6, 1e-9);
    expect(g.health).to.equal('AT_RISK');

    g = await at(goal.id, '2027-06-01'); // period over, 40 points short
    expect(g.latestMeasurement).to.deep.equal({ measuredOn: '2026-10-01', value: 60 });
    expect(g.health).to.equal('OFF_TRACK');

    await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-12-31', value: 100 } });
    g = await at(goal.id, '2027-01-01');
    expect(g.progress).to.be.closeTo(1, 1e-9);
    expect(g.health).to.equal('ACHIEVED');
    expect((await at(goal.id, '2026-10-01')).health, 'a later measurement does not change an earlier day').to.equal('AT_RISK');
  });

  it('calls a goal on track up to 10 points behind, at risk up to 25 points behind, and off track beyond', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Energielabels verbeterd', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Labelstappen', unit: 'stappen', baseline: 0, target: 100 } },
    });
    const m = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-07-02', value: 42 } });
    // half of the period has passed on 2026-07-02
    const cases: [number, string][] = [[42, 'ON_TRACK'], [38, 'AT_RISK'], [26, 'AT_RISK'], [24, 'OFF_TRACK'], [55, 'ON_TRACK'], [100, 'ACHIEVED']];
    for (const [value, health] of cases) {
      await run(app, Q.updateMeasurement, { id: m.id, input: { value } });
      const g = await at(goal.id, '2026-07-02');
      expect(g.progress, `value ${value}`).to.be.closeTo(value / 100, 1e-9);
      expect(g.health, `value ${value}`).to.equal(health);
    }
  });

  it('leaves archived measurements out of progress and follows corrected ones', async () => {
    const goal = await run(app, Q.createGoal, {
      input: { title: 'Klanttevredenheid', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Rapportcijfer', unit: 'cijfer', baseline: 6, target: 8 } },
    });
    const early = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-03-01', value: 6.5 } });
    const mid = await run(app, Q.createMeasurement, { input: { goalId: goal.id, measuredOn: '2026-07-02', value: 7 } });
    expect((await at(goal.id, '2026-08-01')).progress).to.be.closeTo(0.5, 1e-9);

    await run(app, Q.archiveMeasurement, { id: mid.id, archived: true });
    const without = await at(goal.id, '2026-08-01');
    expect(without.latestMeasurement).to.deep.equal({ measuredOn: '2026-03-01', value: 6.5 });
    expect(without.progress).to.be.closeTo(0.25, 1e-9);
    await run(app, Q.archiveMeasurement, { id: mid.id, archived: false });

    await run(app, Q.updateMeasurement, { id: mid.id, input: { measuredOn: '2026-09-01', value: 7.5 } });
    expect((await at(goal.id, '2026-08-01')).latestMeasurement, 'moved past the day asked about').to.deep.equal({ measuredOn: '2026-03-01', value: 6.5 });
    expect((await at(goal.id, '2026-09-01')).progress).to.be.closeTo(0.75, 1e-9);
    expect(early.id).to.be.a('string');
  });

  it('measures progress of a goal that lowers a value, and has no progress when target equals baseline', async () => {
    const lower = await run(app, Q.createGoal, {
      input: { title: 'Minder huurachterstanden', periodStart: '2026-01-01', kpi: { indicator: 'Huishoudens met achterstand', unit: 'huishoudens', baseline: 40, target: 20 } },
    });
    await run(app, Q.createMeasurement, { input: { goalId: lower.id, measuredOn: '2026-06-01', value: 30 } });
    const g = await at(lower.id, '2026-06-01');
    expect(g.progress).to.be.closeTo(0.5, 1e-9);
    // an open-ended goal counts its whole period as passed
    expect(g.health).to.equal('OFF_TRACK');
    await run(app, Q.createMeasurement, { input: { goalId: lower.id, measuredOn: '2026-09-01', value: 18 } });
    expect((await at(lower.id, '2026-09-01')).health).to.equal('ACHIEVED');
    expect((await at(lower.id, '2026-09-01')).progress).to.be.closeTo(1.1, 1e-9);

    const flat = await run(app, Q.createGoal, {
      input: { title: 'Aantal woningen gelijk houden', periodStart: '2026-01-01', kpi: { indicator: 'Woningen', unit: 'woningen', baseline: 500, target: 500 } },
    });
    await run(app, Q.createMeasurement, { input: { goalId: flat.id, measuredOn: '2026-06-01', value: 510 } });
    expect(await at(flat.id, '2026-06-02')).to.deep.equal({ progress: null, health: 'NO_DATA', latestMeasurement: { measuredOn: '2026-06-01', value: 510 } });
  });
});

describe('strategic goals: refused input names the field at fault and changes nothing', () => {
  let app: TestApp;
  let gemeente: string;

  before(async () => ({ app, gemeente } = await openBasicRegister()));
  after(() => app.close());

  const count = async (field: string) => (await app.ok(`{ ${field}(filter: { archived: ALL }) { totalCount } }`))[field].totalCount;

  it('refuses a goal whose period ends before it starts, on create and on update', async () => {
    const before = await count('strategicGoals');
    await expectRefused(app, Q.createGoal, { input: { title: 'Verkeerde periode', periodStart: '2026-01-01', periodEnd: '2025-12-31' } }, 'BAD_USER_INPUT', 'input.periodEnd');
    expect(await count('strategicGoals')).to.equal(before);

    const g = await run(app, Q.createGoal, { input: { title: 'Periode 2026', periodStart: '2026-01-01', periodEnd: '2026-12-31' } });
    const unchanged = (await app.ok(Q.goal, { id: g.id })).strategicGoal;
    await expectRefused(app, Q.updateGoal, { id: g.id, input: { title: 'Gewijzigd', periodEnd: '2025-12-31' } }, 'BAD_USER_INPUT', 'input.periodEnd');
    await expectRefused(app, Q.updateGoal, { id: g.id, input: { periodStart: '2027-01-01' } }, 'BAD_USER_INPUT', 'input.periodStart');
    expect((await app.ok(Q.goal, { id: g.id })).strategicGoal).to.deep.equal(unchanged);
  });

  it('refuses a measurement for a goal without a KPI, and accepts it once the goal has one', async () => {
    const g = await run(app, Q.createGoal, { input: { title: 'Goede relatie met de gemeente', periodStart: '2026-01-01' } });
    await expectRefused(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-03-01', value: 7 } }, 'BAD_USER_INPUT', 'input.goalId');
    const read = (await app.ok(`query ($id: ID!) { strategicGoal(id: $id) { kpi { unit } measurements { id } progress(asOf: "2026-03-01") health(asOf: "2026-03-01") } }`, { id: g.id })).strategicGoal;
    expect(read).to.deep.equal({ kpi: null, measurements: [], progress: null, health: 'NO_DATA' });

    await expectRefused(app, Q.createMeasurement, { input: { goalId: MISSING, measuredOn: '2026-03-01', value: 7 } }, 'NOT_FOUND', 'input.goalId');

    await run(app, Q.updateGoal, { id: g.id, input: { kpi: { indicator: 'Tevredenheid gemeente', unit: 'cijfer', baseline: 6, target: 8 } } });
    const m = await run(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-03-01', value: 7 } });
    expect(m.goal.id).to.equal(g.id);

    // removing the KPI keeps the measurements but there is nothing to measure progress against
    await run(app, Q.updateGoal, { id: g.id, input: { kpi: null } });
    const withoutKpi = (await app.ok(`query ($id: ID!) { strategicGoal(id: $id) { kpi { unit } measurements { id } progress(asOf: "2026-03-01") health(asOf: "2026-03-01") } }`, { id: g.id })).strategicGoal;
    expect(withoutKpi).to.deep.equal({ kpi: null, measurements: [{ id: m.id }], progress: null, health: 'NO_DATA' });
    await expectRefused(app, Q.createMeasurement, { input: { goalId: g.id, measuredOn: '2026-04-01', value: 7.5 } }, 'BAD_USER_INPUT', 'input.goalId');
    expect((await app.ok(Q.goal, { id: g.id })).strategicGoal.measurements).to.have.length(1);
  });
});
