import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { refusal } from '../helpers/api';

// Progress as a person reads it (a whole percentage beside the exact fraction) and status
// values with Dutch and English labels.
describe('numbers and statuses as people read them, through the API', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('gives progress as a whole percentage beside the exact fraction (70, not 0.7000000000000011)', async () => {
    const goal = (
      await app.ok(`mutation ($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { id } }`, {
        input: { title: 'Energielabel', periodStart: '2026-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Gemiddelde EI', unit: 'EI', baseline: 12.1, target: 13.1 } },
      })
    ).createStrategicGoal.id;
    const q = `query ($id: ID!, $asOf: LocalDate) { strategicGoal(id: $id) { progress(asOf: $asOf) progressPercent(asOf: $asOf) } }`;
    expect((await app.ok(q, { id: goal, asOf: '2026-06-01' })).strategicGoal).to.deep.equal({ progress: null, progressPercent: null });
    await app.ok(`mutation ($input: CreateGoalMeasurementInput!) { createGoalMeasurement(input: $input) { id } }`, { input: { goalId: goal, measuredOn: '2026-05-01', value: 12.8 } });
    expect((await app.ok(q, { id: goal, asOf: '2026-06-01' })).strategicGoal).to.deep.equal({ progress: 0.7000000000000011, progressPercent: 70 });
  });

  it('labels every status in Dutch by default and in English when asked, one type at a time or all', async () => {
    const nl = (await app.ok(`{ statusLabels(type: "GoalHealth") { type value label nl en } }`)).statusLabels;
    expect(nl.find((l: any) => l.value === 'ON_TRACK')).to.deep.equal({ type: 'GoalHealth', value: 'ON_TRACK', label: 'Op koers', nl: 'Op koers', en: 'On track' });
    const en = (await app.ok(`{ statusLabels(lang: EN) { type value label } }`)).statusLabels;
    expect(en.find((l: any) => l.type === 'MomentStatus' && l.value === 'MET_LATE').label).to.equal('Met late');
    expect(new Set(en.map((l: any) => l.type))).to.deep.equal(
      new Set(['ActionStatus', 'CommitmentStatus', 'ComplianceStatus', 'GoalHealth', 'GoalStatus', 'InterestStatus', 'MomentStatus']),
    );
  });

  it('refuses an unknown status type with the field at fault', async () => {
    const res = await app.gql(`{ statusLabels(type: "Nonsense") { value } }`);
    expect(refusal(res, 'BAD_USER_INPUT')).to.deep.equal(['type']);
  });
});
