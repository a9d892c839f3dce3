import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The four situations of "accountability as it really happens", built through the API and read
// back through every report at several as-of dates (SQLite, or PostgreSQL with
// TEST_DATABASE=postgres): a provision explained for some years and then applied again; a
// schedule changed by a decision registered late; a moment held without evidence, documented
// later; a promise to the tenants delivered late.

const Q = {
  code: `mutation ($input: CreateGovernanceCodeInput!) { createGovernanceCode(input: $input) { id } }`,
  provision: `mutation ($input: CreateCodeProvisionInput!) { createCodeProvision(input: $input) { id } }`,
  categories: `{ stakeholderCategories { id key } }`,
  stakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`,
  obligation: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id revision moments { id dueOn } } }`,
  update: `mutation ($id: ID!, $revision: Int!, $input: UpdateObligationInput!) { updateObligation(id: $id, revision: $revision, input: $input) { id } }`,
  decide: `mutation ($id: ID!, $input: ApplicationDecisionInput!) { decideApplication(obligationId: $id, input: $input) { id } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`,
  evidence: `mutation ($id: ID!, $evidence: [EvidenceInput!]!) { addMomentEvidence(momentId: $id, evidence: $evidence) { id } }`,
  commitment: `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`,
  deliver: `mutation ($id: ID!, $input: DeliverCommitmentInput!) { deliverCommitment(id: $id, input: $input) { id } }`,
  compliance: `query ($period: PeriodInput!, $asOf: LocalDate, $codeIds: [ID!]) { complianceReport(period: $period, asOf: $asOf, codeIds: $codeIds) {
    moments { overdue explained }
    applyOrExplain { year provision { reference } application obligationCount explanations { obligation { title } decision { explanation decidedBy decidedOn effectiveFrom } } }
    heldNotDocumentedCount heldNotDocumented { dueOn obligation { title } } } }`,
  overview: `query ($asOf: LocalDate) { accountabilityOverview(asOf: $asOf, from: "2023-01-01") {
    heldNotDocumentedCount explanationsToReviewCount explanationsToReview { obligation { title } decision { reviewOn } }
    commitments { counts { overdue deliveredLate total } listed { status commitment { description } } listedTotal } } }`,
  audience: `query ($id: ID!, $asOf: LocalDate) { accountabilityTo(stakeholderId: $id, period: { from: "2025-01-01", to: "2025-12-31" }, asOf: $asOf) {
    commitments { counts { open dueSoon overdue deliveredOnTime deliveredLate withdrawn total } listed { status commitment { description } } } } }`,
  annual: `query ($year: Int!, $asOf: LocalDate) { annualReport(year: $year, asOf: $asOf) {
    applyOrExplain { provision { reference } appliedCount explainedCount }
    applyOrExplainTable { year provision { reference } application explanations { decision { explanation } } }
    commitments { counts { overdue deliveredLate total } listed { status } } } }`,
  moments: `query ($id: ID!, $asOf: LocalDate) { accountabilityMoments(filter: { obligationIds: [$id] }, asOf: $asOf, first: 50) { edges { node { dueOn status(asOf: $asOf) } } } }`,
};

describe('accountability as it really happens: the four situations in every report', function () {
  this.timeout(60_000);
  let app: TestApp;
  const id: Record<string, string> = {};

  before(async () => {
    app = await startTestApp();
    const cats = (await app.ok(Q.categories)).stakeholderCategories as { id: string; key: string }[];
    id.tenants = (await app.ok(Q.stakeholder, { input: { name: 'Huurdersbelang', categoryId: cats.find((c) => c.key === 'huurdersorganisatie')!.id } })).createStakeholder.id;
    id.code = (await app.ok(Q.code, { input: { key: 'eigen-code', title: 'Eigen governancecode', issuer: 'Woonstichting Test' } })).createGovernanceCode.id;
    id.p1 = (await app.ok(Q.provision, { input: { codeId: id.code, reference: '1', title: 'Raadplegen van huurders', position: 1 } })).createCodeProvision.id;
    id.p2 = (await app.ok(Q.provision, { input: { codeId: id.code, reference: '2', title: 'Verantwoording', position: 2 } })).createCodeProvision.id;

    // 1. Explained for 2024 and 2025 (decided 1 February 2024, to be reviewed by 1 June 2025), applied again from 2026 (decided 15 November 2025).
    const survey = (await app.ok(Q.obligation, {
      input: { title: 'Huurdersraadpleging', provisionIds: [id.p1], audienceStakeholderIds: [id.tenants], recurrenceRule: 'FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1', scheduleStart: '2023-01-01' },
    })).createObligation;
    id.survey = survey.id;
    await app.ok(Q.decide, { id: id.survey, input: { effectiveFrom: '2024-01-01', application: 'EXPLAIN', explanation: 'Vervangen door wijkrondes.', decidedBy: 'Raad van bestuur', decidedOn: '2024-02-01', reviewOn: '2025-06-01' } });
    await app.ok(Q.decide, { id: id.survey, input: { effectiveFrom: '2026-01-01', application: 'APPLY', decidedBy: 'Raad van bestuur', decidedOn: '2025-11-15' } });

    // 2. Quarterly from 2025; on 10 March 2025 the board decided twice a year from 15 March on, registered in May.
    const quarterly = (await app.ok(Q.obligation, {
      input: { title: 'Kwartaaloverleg', provisionIds: [id.p2], recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1', scheduleStart: '2025-01-01' },
    })).createObligation;
    id.quarterly = quarterly.id;
    await app.ok(Q.held, { id: quarterly.moments.find((m: { dueOn: string }) => m.dueOn === '2025-01-01').id, input: { heldOn: '2025-01-01', evidence: [{ title: 'Verslag', reference: 'DMS-1', kind: 'MINUTES', documentDate: '2025-01-02' }] } });
    await app.ok(Q.update, {
      id: id.quarterly,
      revision: quarterly.revision,
      input: { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', scheduleStart: '2025-07-01', scheduleEffectiveFrom: '2025-03-15', scheduleDecidedOn: '2025-03-10' },
    });

    // 3. Held on 20 June 2025 without evidence; the minutes, dated 15 July, added later.
    const once = (await app.ok(Q.obligation, { input: { title: 'Evaluatie', provisionIds: [id.p2], dueOn: '2025-06-30', scheduleStart: '2025-01-01' } })).createObligation;
    id.onceMoment = once.moments[0].id;
    await app.ok(Q.held, { id: id.onceMoment, input: { heldOn: '2025-06-20' } });
    await app.ok(Q.evidence, { id: id.onceMoment, evidence: [{ title: 'Verslag evaluatie', reference: 'DMS-2', kind: 'MINUTES', documentDate: '2025-07-15' }] });

    // 4. Promised on 1 March 2025 to come back before 1 June; delivered on 1 August.
    id.promise = (await app.ok(Q.commitment, {
      input: { description: 'Terugkoppeling over de huurverhoging', madeBy: 'Directeur-bestuurder', madeOn: '2025-03-01', dueOn: '2025-06-01', stakeholderIds: [id.tenants] },
    })).createCommitment.id;
    await app.ok(Q.deliver, { id: id.promise, input: { deliveredOn: '2025-08-01', evidence: 'https://dms.example/brief-42' } });
  });
  after(() => app?.close());

  const compliance = async (asOf: string) =>
    (await app.ok(Q.compliance, { period: { from: '2023-01-01', to: '2026-12-31' }, asOf, codeIds: [id.code] })).complianceReport;
  const table = (rows: any[], reference: string) =>
    rows.filter((r) => r.provision.reference === reference).map((r) => [r.year, r.application, r.explanations.map((e: any) => e.decision.explanation)]);

  it('1. explained for some years, then applied again: the apply-or-explain table per provision and year, at each as-of date', async () => {
    const now = await compliance('2026-11-30');
    expect(table(now.applyOrExplain, '1')).to.deep.equal([
      [2023, 'APPLY', []],
      [2024, 'EXPLAIN', ['Vervangen door wijkrondes.']],
      [2025, 'EXPLAIN', ['Vervangen door wijkrondes.']],
      [2026, 'APPLY', []],
    ]);
    expect(now.applyOrExplain.find((r: any) => r.year === 2024 && r.provision.reference === '1').explanations[0]).to.deep.equal({
      obligation: { title: 'Huurdersraadpleging' },
      decision: { explanation: 'Vervangen door wijkrondes.', decidedBy: 'Raad van bestuur', decidedOn: '2024-02-01', effectiveFrom: '2024-01-01' },
    });
    // Before the board decided to apply it again, 2026 was still to be explained; before the explanation, nothing was.
    expect(table((await compliance('2025-11-14')).applyOrExplain, '1')).to.deep.equal([
      [2023, 'APPLY', []],
      [2024, 'EXPLAIN', ['Vervangen door wijkrondes.']],
      [2025, 'EXPLAIN', ['Vervangen door wijkrondes.']],
    ]);
    expect(table((await compliance('2024-01-31')).applyOrExplain, '1')).to.deep.equal([[2023, 'APPLY', []], [2024, 'APPLY', []]]);

    const statuses = async (asOf: string) =>
      (await app.ok(Q.moments, { id: id.survey, asOf })).accountabilityMoments.edges.map((e: any) => [e.node.dueOn, e.node.status]).filter(([d]: string[]) => d <= '2026-12-31');
    expect(await statuses('2026-11-30')).to.deep.equal([['2023-10-01', 'OVERDUE'], ['2024-10-01', 'EXPLAINED'], ['2025-10-01', 'EXPLAINED'], ['2026-10-01', 'OVERDUE']]);
    expect(await statuses('2025-11-14')).to.deep.equal([['2023-10-01', 'OVERDUE'], ['2024-10-01', 'EXPLAINED'], ['2025-10-01', 'EXPLAINED'], ['2026-10-01', 'EXPLAINED']]);

    const annual = async (year: number, asOf: string) => (await app.ok(Q.annual, { year, asOf })).annualReport;
    const line = (r: any) => r.applyOrExplain.find((l: any) => l.provision.reference === '1');
    expect(line(await annual(2025, '2026-11-30'))).to.deep.include({ appliedCount: 0, explainedCount: 1 });
    expect(line(await annual(2026, '2026-11-30'))).to.deep.include({ appliedCount: 1, explainedCount: 0 });
    expect(line(await annual(2026, '2025-11-14')), 'as things stood before APPLY was decided').to.deep.include({ appliedCount: 0, explainedCount: 1 });
    expect(table((await annual(2025, '2026-11-30')).applyOrExplainTable, '1')).to.deep.equal([[2025, 'EXPLAIN', ['Vervangen door wijkrondes.']]]);

    // Past its review date while in force: in the overview; once APPLY is in force, not any more.
    const review = async (asOf: string) => (await app.ok(Q.overview, { asOf })).accountabilityOverview;
    expect((await review('2025-07-01')).explanationsToReview).to.deep.equal([{ obligation: { title: 'Huurdersraadpleging' }, decision: { reviewOn: '2025-06-01' } }]);
    expect((await review('2025-05-31')).explanationsToReviewCount).to.equal(0);
    expect((await review('2026-11-30')).explanationsToReviewCount).to.equal(0);
  });

  it('2. a schedule changed by a decision registered late: the old rule leaves nothing overdue after the change', async () => {
    const due = async (asOf: string) => (await app.ok(Q.moments, { id: id.quarterly, asOf })).accountabilityMoments.edges.map((e: any) => [e.node.dueOn, e.node.status]);
    const moments = await due('2025-12-31');
    expect(moments.slice(0, 3)).to.deep.equal([['2025-01-01', 'MET'], ['2025-07-01', 'OVERDUE'], ['2026-01-01', 'DUE_SOON']]);
    expect(moments.map((m: string[]) => m[0])).to.not.include('2025-04-01');
  });

  it('3. held without evidence: counted apart ("held, not documented") until the evidence is dated', async () => {
    const at = async (asOf: string) => {
      const r = await compliance(asOf);
      return [r.heldNotDocumentedCount, r.heldNotDocumented.map((m: any) => m.obligation.title)];
    };
    expect(await at('2025-07-01')).to.deep.equal([1, ['Evaluatie']]);
    expect(await at('2025-07-15')).to.deep.equal([0, []]);
    expect((await app.ok(Q.overview, { asOf: '2025-07-01' })).accountabilityOverview.heldNotDocumentedCount).to.equal(1);
    expect((await app.ok(Q.overview, { asOf: '2025-12-31' })).accountabilityOverview.heldNotDocumentedCount).to.equal(0);
  });

  it('4. a commitment delivered late: overdue in the overview and to the tenants before, delivered late after, and in the annual report', async () => {
    const overview = async (asOf: string) => (await app.ok(Q.overview, { asOf })).accountabilityOverview.commitments;
    expect(await overview('2025-07-01')).to.deep.equal({
      counts: { overdue: 1, deliveredLate: 0, total: 1 },
      listed: [{ status: 'OVERDUE', commitment: { description: 'Terugkoppeling over de huurverhoging' } }],
      listedTotal: 1,
    });
    expect(await overview('2025-08-01')).to.deep.equal({ counts: { overdue: 0, deliveredLate: 1, total: 1 }, listed: [], listedTotal: 0 });
    expect(await overview('2025-02-28'), 'not yet made').to.deep.equal({ counts: { overdue: 0, deliveredLate: 0, total: 0 }, listed: [], listedTotal: 0 });

    const toTenants = async (asOf: string) => (await app.ok(Q.audience, { id: id.tenants, asOf })).accountabilityTo.commitments;
    expect((await toTenants('2025-05-20')).listed).to.deep.equal([{ status: 'DUE_SOON', commitment: { description: 'Terugkoppeling over de huurverhoging' } }]);
    expect((await toTenants('2025-12-31')).counts).to.deep.equal({ open: 0, dueSoon: 0, overdue: 0, deliveredOnTime: 0, deliveredLate: 1, withdrawn: 0, total: 1 });

    const annual = async (year: number, asOf: string) => (await app.ok(Q.annual, { year, asOf })).annualReport.commitments;
    expect(await annual(2025, '2026-11-30')).to.deep.equal({ counts: { overdue: 0, deliveredLate: 1, total: 1 }, listed: [{ status: 'DELIVERED_LATE' }] });
    expect((await annual(2025, '2025-07-01')).counts, 'as things stood on 1 July').to.deep.equal({ overdue: 1, deliveredLate: 0, total: 1 });
    expect((await annual(2024, '2026-11-30')).counts).to.deep.equal({ overdue: 0, deliveredLate: 0, total: 0 });
  });

  it('the new report fields take a fixed number of statements, whatever the number of obligations', async () => {
    const count = async () => {
      app.statements.reset();
      await compliance('2026-11-30');
      await app.ok(Q.overview, { asOf: '2025-07-01' });
      return app.statements.count;
    };
    const before = await count();
    for (let i = 0; i < 3; i++) {
      const o = (await app.ok(Q.obligation, { input: { title: `Extra ${i}`, provisionIds: [id.p1], recurrenceRule: 'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1', scheduleStart: '2023-01-01' } })).createObligation;
      await app.ok(Q.decide, { id: o.id, input: { effectiveFrom: '2024-01-01', application: 'EXPLAIN', explanation: `Uitleg ${i}`, decidedOn: '2024-03-01', reviewOn: '2025-01-01' } });
      await app.ok(Q.held, { id: o.moments[0].id, input: { heldOn: o.moments[0].dueOn } });
    }
    expect(await count()).to.equal(before);
  });
});
