import { expect } from 'chai';
import { startTestApp, type TestApp } from '../helpers/test-app';

// A small register built entirely through the GraphQL API, and every report asked at
// several as-of days. The same question must give the same answer later: recording a moment
// afterwards changes the answer only for days on or after it was held.

const COUNTS = 'met metLate overdue dueSoon upcoming waived explained total';
const MOMENT = 'dueOn heldOn obligation { title responsible }';
// Without heldOn: the record shows today's facts; the report's judgement is as of its day.
const OVERDUE = 'dueOn obligation { title responsible }';

const Q = {
  code: `mutation ($input: CreateGovernanceCodeInput!) { createGovernanceCode(input: $input) { id } }`,
  provision: `mutation ($input: CreateCodeProvisionInput!) { createCodeProvision(input: $input) { id reference } }`,
  categories: `{ stakeholderCategories { id key } }`,
  stakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`,
  agreement: `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`,
  goal: `mutation ($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { id } }`,
  measurement: `mutation ($input: CreateGoalMeasurementInput!) { createGoalMeasurement(input: $input) { id } }`,
  interest: `mutation ($input: CreateInterestInput!) { createInterest(input: $input) { id } }`,
  interaction: `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id } }`,
  obligation: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id moments { id dueOn } } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`,
  waive: `mutation ($id: ID!, $reason: String!, $waivedOn: LocalDate) { waiveMoment(id: $id, reason: $reason, waivedOn: $waivedOn) { id } }`,
  compliance: `query ($period: PeriodInput!, $asOf: LocalDate, $codeIds: [ID!], $agreementIds: [ID!]) {
    complianceReport(period: $period, asOf: $asOf, codeIds: $codeIds, agreementIds: $agreementIds) {
      asOf status moments { ${COUNTS} } overdueCount overdue { ${OVERDUE} }
      codes { code { key } status obligationCount moments { ${COUNTS} }
        provisions { provision { reference } status obligationCount moments { ${COUNTS} } overdue { ${OVERDUE} } } }
      agreements { agreement { title } status obligationCount moments { ${COUNTS} } overdue { ${OVERDUE} } } } }`,
  overview: `query ($asOf: LocalDate, $withinDays: Int) {
    accountabilityOverview(asOf: $asOf, withinDays: $withinDays) {
      period { from to } status moments { ${COUNTS} } overdueCount overdue { ${MOMENT} } dueNextCount dueNext { ${MOMENT} status(asOf: $asOf) } } }`,
  audience: `query ($stakeholderId: ID, $categoryId: ID, $period: PeriodInput!, $asOf: LocalDate) {
    accountabilityTo(stakeholderId: $stakeholderId, categoryId: $categoryId, period: $period, asOf: $asOf) {
      status moments { ${COUNTS} } obligations { obligation { title } status moments { ${COUNTS} } lastHeldOn nextDueOn } } }`,
  annual: `query ($year: Int!, $asOf: LocalDate) {
    annualReport(year: $year, asOf: $asOf) {
      year period { from to } interactionCount engagedStakeholderCount interestCount answeredInterestCount answeredInterestPercent heldCount
      engagement { category { key } stakeholderCount engagedStakeholderCount engagedPercent interactionCount }
      interests { topic response goals { title } stakeholder { name } }
      goals { title progress(asOf: $asOf) progressPercent(asOf: $asOf) }
      moments { ${COUNTS} }
      byForm { form moments { ${COUNTS} } }
      applyOrExplain { code { key } provision { reference } appliedCount explainedCount explained { title explanation explainedOn } status }
      disclosures { requirement answeredBy } } }`,
};

const zero = { met: 0, metLate: 0, overdue: 0, dueSoon: 0, upcoming: 0, waived: 0, explained: 0, total: 0 };
const counts = (c: Partial<typeof zero>) => {
  const out = { ...zero, ...c };
  out.total = Object.entries(out).reduce((n, [k, v]) => (k === 'total' ? n : n + v), 0);
  return out;
};

describe('accountability reports (scenario through the GraphQL API)', function () {
  this.timeout(60_000);
  let app: TestApp;
  const id: Record<string, string> = {};
  const moments: Record<string, { id: string; dueOn: string }[]> = {};

  const y2024 = { from: '2024-01-01', to: '2024-12-31' };
  const y2025 = { from: '2025-01-01', to: '2025-12-31' };

  before(async () => {
    app = await startTestApp();
    const cats = (await app.ok(Q.categories)).stakeholderCategories as { id: string; key: string }[];
    const cat = (key: string) => cats.find((c) => c.key === key)!.id;
    id.tenantsCategory = cat('huurdersorganisatie');
    id.municipalityCategory = cat('gemeente');

    id.code = (await app.ok(Q.code, { input: { key: 'eigen-code', title: 'Eigen governancecode', issuer: 'Woonstichting Test' } })).createGovernanceCode.id;
    for (const [ref, pos] of [['1.1', 1], ['1.2', 2], ['2.1', 3]] as const) {
      id[`p${ref}`] = (await app.ok(Q.provision, { input: { codeId: id.code, reference: ref, title: `Bepaling ${ref}`, position: pos } })).createCodeProvision.id;
    }
    id.tenants = (await app.ok(Q.stakeholder, { input: { name: 'Huurdersbelang', categoryId: id.tenantsCategory } })).createStakeholder.id;
    id.municipality = (await app.ok(Q.stakeholder, { input: { name: 'Gemeente Rivierstad', categoryId: id.municipalityCategory } })).createStakeholder.id;
    id.board = (await app.ok(Q.stakeholder, { input: { name: 'Raad van commissarissen', categoryId: cat('raad-van-toezicht') } })).createStakeholder.id;
    id.agreement = (await app.ok(Q.agreement, { input: { title: 'Prestatieafspraken 2024–2027', partyIds: [id.municipality, id.tenants], validFrom: '2024-01-01' } }))
      .createAgreement.id;
    id.goal = (
      await app.ok(Q.goal, {
        input: { title: 'Nieuwbouw sociale huur', periodStart: '2024-01-01', periodEnd: '2026-12-31', kpi: { indicator: 'Woningen', unit: 'woningen', baseline: 0, target: 300 } },
      })
    ).createStrategicGoal.id;
    await app.ok(Q.measurement, { input: { goalId: id.goal, measuredOn: '2024-12-01', value: 90 } });
    await app.ok(Q.interest, {
      input: { stakeholderId: id.tenants, topic: 'Betaalbaarheid', identifiedOn: '2024-02-01', importance: 'HIGH', response: 'Huurbevriezing 2025', respondedOn: '2024-09-01', goalIds: [id.goal] },
    });
    await app.ok(Q.interest, { input: { stakeholderId: id.municipality, topic: 'Nieuwbouw', identifiedOn: '2024-05-01', importance: 'CRITICAL' } });
    for (const day of ['2024-02-01', '2024-06-01', '2024-10-01']) {
      await app.ok(Q.interaction, { input: { occurredOn: day, subject: `Overleg huurders ${day}`, stakeholderIds: [id.tenants] } });
    }
    await app.ok(Q.interaction, { input: { occurredOn: '2024-04-01', subject: 'Bestuurlijk overleg', stakeholderIds: [id.municipality, id.tenants] } });
    await app.ok(Q.interaction, { input: { occurredOn: '2025-03-01', subject: 'Bestuurlijk overleg 2025', stakeholderIds: [id.municipality] } });

    const create = async (name: string, input: Record<string, unknown>) => {
      const o = (await app.ok(Q.obligation, { input: { responsible: `Verantwoordelijke ${name}`, ...input } })).createObligation;
      id[name] = o.id;
      moments[name] = o.moments;
    };
    await create('yearlyMeeting', {
      title: 'Jaarlijks overleg huurders', provisionIds: [id['p1.1']], audienceStakeholderIds: [id.tenants], form: 'MEETING',
      recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleStart: '2023-01-01',
    });
    await create('explained', {
      title: 'Huurdersraadpleging', provisionIds: [id['p1.2']], audienceCategoryIds: [id.tenantsCategory], form: 'CONSULTATION',
      dueOn: '2024-03-31', activeFrom: '2024-01-01', application: 'EXPLAIN', explanation: 'Raadpleging loopt via de koepel.', explainedOn: '2024-05-01',
    });
    await create('quarterly', {
      title: 'Kwartaalrapportage prestatieafspraken', agreementId: id.agreement, audienceStakeholderIds: [id.municipality], form: 'WRITTEN_REPORT',
      recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', scheduleStart: '2025-01-01', activeUntil: '2025-12-31',
    });
    await create('visitation', {
      title: 'Visitatie', provisionIds: [id['p2.1']], agreementId: id.agreement, audienceStakeholderIds: [id.municipality, id.board], form: 'VISITATION',
      recurrenceRule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=12;BYMONTHDAY=31', scheduleStart: '2024-01-01',
    });
    const m = (name: string, dueOn: string) => moments[name].find((x) => x.dueOn === dueOn)!.id;
    await app.ok(Q.held, { id: m('yearlyMeeting', '2023-07-01'), input: { heldOn: '2023-06-20' } });
    await app.ok(Q.held, { id: m('yearlyMeeting', '2024-07-01'), input: { heldOn: '2024-08-15', participantIds: [id.tenants] } });
    for (const due of ['2025-01-31', '2025-04-30', '2025-07-31']) await app.ok(Q.held, { id: m('quarterly', due), input: { heldOn: due } });
    await app.ok(Q.waive, { id: m('quarterly', '2025-10-31'), reason: 'Samengevoegd met jaarverslag', waivedOn: '2025-10-15' });
    await app.ok(Q.held, { id: m('visitation', '2024-12-31'), input: { heldOn: '2024-11-30', evidence: [{ title: 'Visitatierapport', reference: 'https://example.org/v', documentDate: '2023-01-02' }] } });
    id.late2025 = m('yearlyMeeting', '2025-07-01');
  });
  after(() => app?.close());

  it('expected moments were planned', () => {
    expect(moments.quarterly.map((m) => m.dueOn)).to.deep.equal(['2025-01-31', '2025-04-30', '2025-07-31', '2025-10-31']);
    expect(moments.visitation[0].dueOn).to.equal('2024-12-31');
  });

  it('complianceReport 2024 at year end: late, explained and met roll up per provision, code and agreement', async () => {
    const r = (await app.ok(Q.compliance, { period: y2024, asOf: '2024-12-31' })).complianceReport;
    expect(r.status).to.equal('COMPLIANT_LATE');
    expect(r.moments).to.deep.equal(counts({ metLate: 1, explained: 1, met: 1 }));
    expect(r.overdue).to.deep.equal([]);
    const [code] = r.codes;
    expect(code.code.key).to.equal('eigen-code');
    expect(code.status).to.equal('COMPLIANT_LATE');
    expect(code.obligationCount).to.equal(3);
    expect(code.provisions.map((p: any) => [p.provision.reference, p.status, p.obligationCount])).to.deep.equal([
      ['1.1', 'COMPLIANT_LATE', 1],
      ['1.2', 'EXPLAINED', 1],
      ['2.1', 'COMPLIANT', 1],
    ]);
    // The quarterly report starts in 2025: not an obligation of 2024.
    expect(r.agreements.map((a: any) => [a.agreement.title, a.status, a.obligationCount, a.moments.total])).to.deep.equal([
      ['Prestatieafspraken 2024–2027', 'COMPLIANT', 1, 1],
    ]);
  });

  it('complianceReport 2024 as it stood in April: the consultation was overdue, with who is responsible', async () => {
    const r = (await app.ok(Q.compliance, { period: y2024, asOf: '2024-04-15' })).complianceReport;
    expect(r.status).to.equal('NON_COMPLIANT');
    expect(r.moments).to.deep.equal(counts({ overdue: 1, upcoming: 2 }));
    expect(r.overdueCount).to.equal(1);
    expect(r.overdue).to.deep.equal([{ dueOn: '2024-03-31', obligation: { title: 'Huurdersraadpleging', responsible: 'Verantwoordelijke explained' } }]);
    const p12 = r.codes[0].provisions.find((p: any) => p.provision.reference === '1.2');
    expect(p12.status).to.equal('NON_COMPLIANT');
    expect(p12.overdue).to.have.length(1);
  });

  it('complianceReport 2025: the missed meeting stays overdue for 31 December even after it is held later', async () => {
    const before = (await app.ok(Q.compliance, { period: y2025, asOf: '2025-12-31' })).complianceReport;
    expect(before.status).to.equal('NON_COMPLIANT');
    expect(before.moments).to.deep.equal(counts({ overdue: 1, met: 3, waived: 1 }));
    expect(before.agreements[0].status).to.equal('COMPLIANT');
    expect(before.agreements[0].obligationCount).to.equal(2);
    expect(before.codes[0].provisions.map((p: any) => [p.provision.reference, p.status])).to.deep.equal([
      ['1.1', 'NON_COMPLIANT'],
      ['1.2', 'NOTHING_DUE'],
      ['2.1', 'NOTHING_DUE'],
    ]);
    const onlyAgreement = (await app.ok(Q.compliance, { period: y2025, asOf: '2025-12-31', agreementIds: [id.agreement] })).complianceReport;
    expect(onlyAgreement.codes).to.deep.equal([]);
    expect(onlyAgreement.status).to.equal('COMPLIANT');

    await app.ok(Q.held, { id: id.late2025, input: { heldOn: '2026-01-10' } });
    const same = (await app.ok(Q.compliance, { period: y2025, asOf: '2025-12-31' })).complianceReport;
    expect(same).to.deep.equal(before);
    const later = (await app.ok(Q.compliance, { period: y2025, asOf: '2026-02-01' })).complianceReport;
    expect(later.status).to.equal('COMPLIANT_LATE');
    expect(later.moments).to.deep.equal(counts({ metLate: 1, met: 3, waived: 1 }));
  });

  it('accountabilityOverview: counts, overdue and what falls due next, at several days', async () => {
    const mid2025 = (await app.ok(Q.overview, { asOf: '2025-07-15', withinDays: 30 })).accountabilityOverview;
    expect(mid2025.period).to.deep.equal({ from: '2025-01-01', to: '2025-08-14' });
    expect(mid2025.overdueCount).to.equal(1);
    expect(mid2025.overdue.map((m: any) => m.dueOn)).to.deep.equal(['2025-07-01']);
    expect(mid2025.dueNextCount).to.equal(1);
    expect(mid2025.dueNext).to.deep.equal([{ dueOn: '2025-07-31', heldOn: '2025-07-31', obligation: { title: 'Kwartaalrapportage prestatieafspraken', responsible: 'Verantwoordelijke quarterly' }, status: 'DUE_SOON' }]);
    expect(mid2025.moments).to.deep.equal(counts({ met: 2, overdue: 1, dueSoon: 1 }));
    expect(mid2025.status).to.equal('NON_COMPLIANT');

    const spring2024 = (await app.ok(Q.overview, { asOf: '2024-04-15', withinDays: 90 })).accountabilityOverview;
    expect(spring2024.overdue.map((m: any) => m.obligation.title)).to.deep.equal(['Huurdersraadpleging']);
    expect(spring2024.dueNext.map((m: any) => m.dueOn)).to.deep.equal(['2024-07-01']);
    const explainedLater = (await app.ok(Q.overview, { asOf: '2024-05-01', withinDays: 30 })).accountabilityOverview;
    expect(explainedLater.overdueCount).to.equal(0);
    expect(explainedLater.moments.explained).to.equal(1);
  });

  it('accountabilityTo a stakeholder (directly and through its category) and to a category', async () => {
    const tenants = (await app.ok(Q.audience, { stakeholderId: id.tenants, period: y2024, asOf: '2024-12-31' })).accountabilityTo;
    expect(tenants.status).to.equal('COMPLIANT_LATE');
    expect(tenants.obligations).to.deep.equal([
      { obligation: { title: 'Huurdersraadpleging' }, status: 'EXPLAINED', moments: counts({ explained: 1 }), lastHeldOn: null, nextDueOn: null },
      { obligation: { title: 'Jaarlijks overleg huurders' }, status: 'COMPLIANT_LATE', moments: counts({ metLate: 1 }), lastHeldOn: '2024-08-15', nextDueOn: '2025-07-01' },
    ]);
    const municipalities = (await app.ok(Q.audience, { categoryId: id.municipalityCategory, period: y2025, asOf: '2025-12-31' })).accountabilityTo;
    expect(municipalities.obligations.map((o: any) => [o.obligation.title, o.status])).to.deep.equal([
      ['Kwartaalrapportage prestatieafspraken', 'COMPLIANT'],
      ['Visitatie', 'NOTHING_DUE'],
    ]);
    const both = await app.gql(Q.audience, { stakeholderId: id.tenants, categoryId: id.tenantsCategory, period: y2024 });
    expect(both.errors![0].extensions!.code).to.equal('BAD_USER_INPUT');
  });

  it('annualReport 2024: engagement per category, interests and their answers, goals, moments and the apply-or-explain table', async () => {
    const r = (await app.ok(Q.annual, { year: 2024, asOf: '2024-12-31' })).annualReport;
    expect(r.period).to.deep.equal(y2024);
    expect(r.interactionCount).to.equal(4);
    expect(r.engagedStakeholderCount).to.equal(2);
    const engagement = Object.fromEntries(r.engagement.map((e: any) => [e.category.key, [e.stakeholderCount, e.engagedStakeholderCount, e.engagedPercent, e.interactionCount]]));
    expect(engagement).to.deep.equal({ huurdersorganisatie: [1, 1, 100, 4], gemeente: [1, 1, 100, 1], 'raad-van-toezicht': [1, 0, 0, 0] });
    expect(r.interestCount).to.equal(2);
    expect(r.answeredInterestCount).to.equal(1);
    expect(r.answeredInterestPercent).to.equal(50);
    expect(r.interests.map((i: any) => [i.topic, i.response, i.goals.map((g: any) => g.title)])).to.deep.equal([
      ['Nieuwbouw', null, []],
      ['Betaalbaarheid', 'Huurbevriezing 2025', ['Nieuwbouw sociale huur']],
    ]);
    expect(r.goals).to.deep.equal([{ title: 'Nieuwbouw sociale huur', progress: 0.3, progressPercent: 30 }]);
    expect(r.moments).to.deep.equal(counts({ metLate: 1, explained: 1, met: 1 }));
    expect(r.heldCount).to.equal(2);
    expect(r.byForm.map((f: any) => [f.form, f.moments.total])).to.deep.equal([['MEETING', 1], ['CONSULTATION', 1], ['VISITATION', 1]]);
    expect(r.applyOrExplain.map((l: any) => [l.provision.reference, l.appliedCount, l.explainedCount, l.status])).to.deep.equal([
      ['1.1', 1, 0, 'COMPLIANT_LATE'],
      ['1.2', 0, 1, 'EXPLAINED'],
      ['2.1', 1, 0, 'COMPLIANT'],
    ]);
    expect(r.applyOrExplain[1].explained).to.deep.equal([{ title: 'Huurdersraadpleging', explanation: 'Raadpleging loopt via de koepel.', explainedOn: '2024-05-01' }]);
    expect(r.disclosures.map((d: any) => d.requirement)).to.include.members(['ESRS 2 SBM-2 §45 (a)', 'ESRS 2 SBM-2 §45 (d)', 'GRI 2-29']);
  });

  it('annualReport 2024 as it stood in April: the answer and the explanation had not been given yet', async () => {
    const r = (await app.ok(Q.annual, { year: 2024, asOf: '2024-04-15' })).annualReport;
    expect(r.interactionCount).to.equal(2);
    expect(r.interestCount).to.equal(1);
    expect(r.answeredInterestCount).to.equal(0);
    expect(r.moments).to.deep.equal(counts({ overdue: 1, upcoming: 2 }));
    expect(r.applyOrExplain.map((l: any) => [l.provision.reference, l.explainedCount, l.status])).to.deep.equal([
      ['1.1', 0, 'NOTHING_DUE'],
      ['1.2', 0, 'NON_COMPLIANT'],
      ['2.1', 0, 'NOTHING_DUE'],
    ]);
  });

  it('refuses bad report arguments with the field at fault', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [Q.compliance, { period: { from: '2025-01-01', to: '2024-01-01' } }, 'period.to'],
      [Q.compliance, { period: { from: '2000-01-01', to: '2024-01-01' } }, 'period.to'],
      [Q.annual, { year: 99999 }, 'year'],
      [Q.overview, { withinDays: 1000 }, 'withinDays'],
    ];
    for (const [query, variables, path] of cases) {
      const res = await app.gql(query, variables);
      expect(res.errors?.[0].extensions?.code, path).to.equal('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields.map((f: any) => f.path), path).to.include(path);
    }
  });

  it('each report sends the same number of SQL statements whatever the number of obligations and moments', async () => {
    const measure = async () => {
      const out: number[] = [];
      for (const [query, variables] of [
        [Q.compliance, { period: y2025, asOf: '2025-12-31' }],
        [Q.overview, { asOf: '2025-07-15' }],
        [Q.annual, { year: 2025, asOf: '2025-12-31' }],
        [Q.audience, { stakeholderId: id.tenants, period: y2025, asOf: '2025-12-31' }],
      ] as const) {
        app.statements.reset();
        await app.ok(query, variables);
        out.push(app.statements.count);
      }
      return out;
    };
    const small = await measure();
    for (let i = 0; i < 12; i++) {
      await app.ok(Q.obligation, {
        input: {
          title: `Extra ${i}`, provisionIds: [id['p1.1'], id['p2.1']], agreementId: id.agreement, audienceStakeholderIds: [id.tenants],
          audienceCategoryIds: [id.municipalityCategory], recurrenceRule: 'FREQ=MONTHLY', scheduleStart: '2024-01-01', responsible: `R${i}`,
        },
      });
    }
    const large = await measure();
    expect(large).to.deep.equal(small);
  });
});
