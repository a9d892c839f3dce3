import { expect } from 'chai';
import { seedDemo } from '../../seeds/demo.seeder';
import { EXAMPLE_OPERATIONS } from '../../src/graphiql/example-operations';
import { resolveRelativeDates } from '../../src/graphiql/relative-dates';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('the demo organisation and the GraphiQL example operations', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await seedDemo(app.orm.em.fork());
  });
  after(() => app.close());

  it('holds a dozen or more stakeholders of different categories, with two years of interactions', async () => {
    const data = await app.ok(`{
      stakeholders(first: 100) { totalCount edges { node { kind category { key } contacts { name } interests { topic } } } }
      interactions(filter: { from: "2024-11-23", to: "2026-11-23" }) { totalCount }
      strategicGoals(first: 50) { edges { node { kpi { unit } measurements { value } } } }
      agreements(filter: { kinds: [PERFORMANCE_AGREEMENT] }) { totalCount }
    }`);
    const nodes = data.stakeholders.edges.map((e: { node: any }) => e.node);
    expect(data.stakeholders.totalCount).to.be.at.least(12);
    expect(new Set(nodes.map((n: any) => n.category.key)).size).to.be.at.least(8);
    expect(new Set(nodes.map((n: any) => n.kind))).to.deep.equal(new Set(['ORGANISATION', 'GROUP', 'PERSON']));
    expect(nodes.every((n: any) => n.contacts.length > 0)).to.equal(true);
    expect(data.interactions.totalCount).to.be.at.least(40);
    expect(data.strategicGoals.edges.every((e: any) => e.node.kpi && e.node.measurements.length > 1)).to.equal(true);
    expect(data.agreements.totalCount).to.be.at.least(2);
  });

  it('shows late, overdue and on-time follow-up actions depending on the as-of date', async () => {
    const overdue = async (asOf: string) => (await app.ok(`query ($d: LocalDate) { followUpActions(filter: { overdueAsOf: $d }) { totalCount } }`, { d: asOf })).followUpActions.totalCount;
    expect(await overdue('2026-11-23')).to.be.greaterThan(0);
    expect(await overdue('2024-12-01')).to.equal(0);
  });

  it('has obligations over 2023–2026 held on time, held late, one waived, one overdue and one explained', async () => {
    const q = `query ($asOf: LocalDate) {
      complianceReport(period: { from: "2023-01-01", to: "2026-12-31" }, asOf: $asOf) {
        status moments { met metLate overdue waived explained dueSoon upcoming }
        overdue { dueOn obligation { title responsible } }
        codes { code { key } } agreements { agreement { title } status }
      }
      annualReport(year: 2025, asOf: $asOf) { applyOrExplain { provision { reference } explainedCount } moments { metLate explained } }
    }`;
    const now = (await app.ok(q, { asOf: '2026-11-23' }));
    const r = now.complianceReport;
    expect(r.status).to.equal('NON_COMPLIANT');
    expect(r.moments.met).to.be.at.least(10);
    expect(r.moments.metLate).to.equal(3);
    expect(r.moments.waived).to.equal(1);
    expect(r.moments.explained).to.equal(2);
    expect(r.overdue).to.deep.equal([{ dueOn: '2026-11-01', obligation: { title: 'Monitor prestatieafspraken Rivierstad', responsible: 'Manager Wonen S. El Amrani' } }]);
    expect(r.codes.map((c: any) => c.code.key)).to.include.members(['governancecode-woningcorporaties-2020', 'woningwet']);
    expect(r.agreements[0].status).to.equal('NON_COMPLIANT');
    expect(now.annualReport.applyOrExplain.some((l: any) => l.explainedCount > 0)).to.equal(true);
    expect(now.annualReport.moments).to.deep.equal({ metLate: 2, explained: 1 });
    // A year earlier nothing was overdue and nothing explained yet.
    const before = (await app.ok(q, { asOf: '2025-06-01' })).complianceReport;
    expect(before.moments.overdue).to.equal(0);
    expect(before.moments.explained).to.equal(0);
  });

  it('every example operation runs on the demo data without errors and returns data', async () => {
    for (const op of EXAMPLE_OPERATIONS.filter((o) => !o.query.trimStart().startsWith('mutation'))) {
      // On the demo's day: relative dates ("$today", "$year") become that day's.
      const res = await app.gql(op.query, resolveRelativeDates(op.variables, '2026-11-23') as Record<string, unknown> | undefined);
      expect(res.errors, op.title).to.equal(undefined);
      expect(JSON.stringify(res.data), op.title).to.match(/"[a-z]\w*":"[^"]+"/);
    }
  });
});
