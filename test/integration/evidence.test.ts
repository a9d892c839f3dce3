import { expect } from 'chai';
import { loadCatalogue } from '../../seeds/catalogue.seeder';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import { EvidenceDocument } from '../../src/modules/accountability/evidence-document.entity';
import { documentedSql, isDocumented, type EvidenceFacts } from '../../src/modules/accountability/evidence-status';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { addDays, type LocalDate } from '../../src/shared/dates';
import { selectRows } from '../../src/shared/sql';
import { expectRefused } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { Branches, expectSameAnswers, useTwinDatabase } from '../helpers/twins';

// Evidence has its own date, the period it covers and a kind; it is add-only, corrected by
// new entries that supersede old ones; a moment is documented on a day when evidence that
// existed by then, and was not corrected by then, says so. Through the API, and the rule
// against its SQL twin.

const EVIDENCE = 'id title reference kind documentDate periodFrom periodTo supersedes { id } supersededBy { id }';
const Q = {
  create: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id moments(first: 10) { id dueOn } } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id evidence { ${EVIDENCE} } } }`,
  add: `mutation ($id: ID!, $evidence: [EvidenceInput!]!) { addMomentEvidence(momentId: $id, evidence: $evidence) { id evidence { ${EVIDENCE} } } }`,
  moment: `query ($id: ID!, $asOf: LocalDate) { accountabilityMoment(id: $id) {
    documented(asOf: $asOf) current: evidence(asOf: $asOf) { title } all: evidence(includeSuperseded: true) { ${EVIDENCE} } } }`,
};

describe('dated and typed evidence, corrected by superseding entries', function () {
  this.timeout(60_000);
  let app: TestApp;
  let provisionId: string;

  before(async () => {
    app = await startTestApp();
    await loadCatalogue(app.orm.em.fork());
    provisionId = (await app.orm.em.fork().find(CodeProvision, {}, { limit: 1, orderBy: { reference: 'asc' } }))[0].id;
  });
  after(() => app?.close());

  async function momentsOf(title: string): Promise<{ id: string; dueOn: string }[]> {
    return (await app.ok(Q.create, { input: { title, provisionIds: [provisionId], recurrenceRule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31', scheduleStart: '2023-01-01' } })).createObligation.moments;
  }
  const count = () => app.orm.em.fork().count(EvidenceDocument, {});

  it('keeps kind, the document date and the period, and documents the moment from the document date on', async () => {
    const [m] = await momentsOf('Jaarverslag');
    const held = (
      await app.ok(Q.held, {
        id: m.id,
        input: { heldOn: '2023-03-30', evidence: [{ title: 'Jaarverslag 2022', reference: 'https://example.org/jv2022.pdf', kind: 'REPORT', documentDate: '2023-04-12', periodFrom: '2022-01-01', periodTo: '2022-12-31' }] },
      })
    ).recordMomentHeld;
    expect(held.evidence).to.deep.include.members([
      { id: held.evidence[0].id, title: 'Jaarverslag 2022', reference: 'https://example.org/jv2022.pdf', kind: 'REPORT', documentDate: '2023-04-12', periodFrom: '2022-01-01', periodTo: '2022-12-31', supersedes: null, supersededBy: null },
    ]);
    // Held on 30 March, but the report is dated 12 April: documented from then on.
    expect((await app.ok(Q.moment, { id: m.id, asOf: '2023-04-11' })).accountabilityMoment).to.deep.include({ documented: false, current: [] });
    expect((await app.ok(Q.moment, { id: m.id, asOf: '2023-04-12' })).accountabilityMoment).to.deep.include({ documented: true, current: [{ title: 'Jaarverslag 2022' }] });
    // Kind is OTHER when left out.
    const more = (await app.ok(Q.add, { id: m.id, evidence: [{ title: 'Presentielijst', reference: 'DMS-9', documentDate: '2023-03-30' }] })).addMomentEvidence;
    expect(more.evidence.map((e: { kind: string }) => e.kind)).to.deep.equal(['REPORT', 'OTHER']);
  });

  it('a correction supersedes an entry of the same moment, once; the old entry stays in the history', async () => {
    const [m, other] = await momentsOf('Verslag overleg');
    await app.ok(Q.held, { id: other.id, input: { heldOn: '2024-03-28', evidence: [{ title: 'Ander verslag', reference: 'DMS-2', kind: 'MINUTES', documentDate: '2024-03-28' }] } });
    const otherEvidence = (await app.ok(Q.moment, { id: other.id })).accountabilityMoment.all[0].id;
    const first = (await app.ok(Q.held, { id: m.id, input: { heldOn: '2023-03-28', evidence: [{ title: 'Verslag (concept)', reference: 'DMS-1', kind: 'MINUTES', documentDate: '2023-03-28' }] } })).recordMomentHeld.evidence[0];
    const corrected = (await app.ok(Q.add, { id: m.id, evidence: [{ title: 'Verslag (vastgesteld)', reference: 'DMS-1b', kind: 'MINUTES', documentDate: '2023-05-10', supersedesId: first.id }] })).addMomentEvidence;
    const [old, fix] = corrected.evidence.length === 1 ? [null, corrected.evidence[0]] : corrected.evidence;
    expect(old, 'the moment lists the entries that count now').to.equal(null);
    expect(fix).to.deep.include({ title: 'Verslag (vastgesteld)', supersedes: { id: first.id }, supersededBy: null });

    const before = (await app.ok(Q.moment, { id: m.id, asOf: '2023-05-09' })).accountabilityMoment;
    expect(before.current, 'before the correction was dated, the first entry counts').to.deep.equal([{ title: 'Verslag (concept)' }]);
    const after = (await app.ok(Q.moment, { id: m.id, asOf: '2023-05-10' })).accountabilityMoment;
    expect(after.current).to.deep.equal([{ title: 'Verslag (vastgesteld)' }]);
    expect(after.all.map((e: { title: string; supersededBy: { id: string } | null }) => [e.title, e.supersededBy?.id ?? null])).to.deep.equal([
      ['Verslag (concept)', fix.id],
      ['Verslag (vastgesteld)', null],
    ]);

    const n = await count();
    await expectRefused(app, Q.add, { id: m.id, evidence: [{ title: 'Nog een', reference: 'x', documentDate: '2023-06-01', supersedesId: first.id }] }, 'CONFLICT', 'evidence.0.supersedesId');
    await expectRefused(app, Q.add, { id: m.id, evidence: [{ title: 'Verkeerd', reference: 'x', documentDate: '2023-06-01', supersedesId: otherEvidence }] }, 'BAD_USER_INPUT', 'evidence.0.supersedesId');
    await expectRefused(
      app,
      Q.add,
      { id: m.id, evidence: [{ title: 'Goed', reference: 'x', documentDate: '2023-06-01' }, { title: 'Morgen', reference: 'y', documentDate: addDays(new Date().toISOString().slice(0, 10), 2) }] },
      'BAD_USER_INPUT',
      'evidence.1.documentDate',
    );
    await expectRefused(
      app,
      Q.held,
      { id: m.id, input: { heldOn: '2023-03-28', evidence: [{ title: 'Periode', reference: 'x', documentDate: '2023-06-01', periodFrom: '2023-01-01', periodTo: '2022-12-31' }] } },
      'BAD_USER_INPUT',
      'input.evidence.0.periodTo',
    );
    const undated = await app.gql(Q.held, { id: m.id, input: { heldOn: '2023-03-28', evidence: [{ title: 'Zonder datum', reference: 'x' }] } });
    expect(undated.errors?.[0].message).to.contain('documentDate');
    expect(await count(), 'a refused call adds nothing, not even its valid entries').to.equal(n);
  });

  it('lists evidence, its corrections and documented for many moments in the same number of statements', async () => {
    const moments = await momentsOf('Veel bewijs');
    for (const m of moments.slice(0, 3)) {
      const e = (await app.ok(Q.held, { id: m.id, input: { heldOn: m.dueOn, evidence: [{ title: 'A', reference: 'a', documentDate: m.dueOn }] } })).recordMomentHeld.evidence[0];
      await app.ok(Q.add, { id: m.id, evidence: [{ title: 'B', reference: 'b', documentDate: m.dueOn, supersedesId: e.id }] });
    }
    const q = `query ($first: Int) { accountabilityMoments(first: $first, sort: DUE_ASC) { edges { node { documented evidence(includeSuperseded: true) { title supersedes { title } supersededBy { title } } } } } }`;
    const statements = async (first: number) => {
      app.statements.reset();
      await app.ok(q, { first });
      return app.statements.count;
    };
    expect(await statements(20)).to.equal(await statements(2));
  });
});

describe('SQL twin: documentedSql against isDocumented', () => {
  const db = useTwinDatabase();
  const DAYS: LocalDate[] = ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01'];
  const BRANCHES = ['no evidence', 'undated counts', 'dated later', 'dated by then', 'corrected by then', 'correction dated later'];

  it('documentedSql gives the answer isDocumented gives, for every moment on every day', async () => {
    const em = db.fork();
    const obligation = Object.assign(new Obligation(), { title: 'Twin', scheduleStart: '2024-01-01', activeFrom: '2024-01-01', dueOn: '2024-01-31' });
    em.persist(obligation);
    const make = <T extends object>(entity: T, values: Partial<T>): T => {
      em.persist(Object.assign(entity, values));
      return entity;
    };
    const cases = new Map<string, EvidenceFacts[]>();
    // Every combination of up to two entries, each undated or dated on one of three days, the second maybe correcting the first.
    const dates = [null, '2024-01-15', '2024-02-15', '2024-03-15'];
    let i = 0;
    for (const a of [undefined, ...dates]) {
      for (const b of [undefined, ...dates]) {
        for (const corrects of [false, true]) {
          if (a === undefined && (b !== undefined || corrects)) continue;
          if (b === undefined && corrects) continue;
          const moment = make(new AccountabilityMoment(), { obligation, dueOn: addDays('2020-01-01', i++) });
          const facts: EvidenceFacts[] = [];
          if (a !== undefined) {
            const first = make(new EvidenceDocument(), { moment, title: 'a', reference: 'a', documentDate: a });
            facts.push({ id: first.id, documentDate: a });
            if (b !== undefined) {
              const second = make(new EvidenceDocument(), { moment, title: 'b', reference: 'b', documentDate: b, supersedesId: corrects ? first.id : null });
              facts.push({ id: second.id, documentDate: b, supersedesId: corrects ? first.id : null });
            }
          }
          cases.set(moment.id, facts);
        }
      }
    }
    await em.flush();
    const branches = new Branches('isDocumented', BRANCHES);
    for (const asOf of DAYS) {
      const rows = await selectRows<{ id: string; x: unknown }>(db.fork(), `select cast(m.id as text) as id, case when ${documentedSql(asOf, 'm')} then 1 else 0 end as x from accountability_moment m`);
      const rule = new Map([...cases].map(([id, facts]) => [id, isDocumented(facts, asOf)]));
      for (const facts of cases.values()) {
        if (!facts.length) branches.see('no evidence');
        for (const f of facts) {
          if (!f.documentDate) branches.see('undated counts');
          else branches.see(f.documentDate <= asOf ? 'dated by then' : 'dated later');
          if (f.supersedesId) branches.see(!f.documentDate || f.documentDate <= asOf ? 'corrected by then' : 'correction dated later');
        }
      }
      expectSameAnswers(`documented on ${asOf}`, rule, new Map(rows.map((r) => [r.id, Number(r.x) === 1])));
    }
    branches.expectEvery();
  });
});
