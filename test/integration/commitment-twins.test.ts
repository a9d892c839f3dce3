import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/core';
import { Commitment } from '../../src/modules/commitment/commitment.entity';
import { CommitmentSort } from '../../src/modules/commitment/commitment.inputs';
import { CommitmentService } from '../../src/modules/commitment/commitment.service';
import {
  COMMITMENT_DUE_SOON_DAYS,
  commitmentStatus,
  CommitmentStatus,
  commitmentStatusSql,
  type CommitmentFacts,
} from '../../src/modules/commitment/commitment-status';
import { summariseCommitments } from '../../src/modules/commitment/commitment-summary';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { addDays, daysBetween, type LocalDate } from '../../src/shared/dates';
import type { PageArgs } from '../../src/shared/pagination';
import { selectRows } from '../../src/shared/sql';
import { ALL_IN_ONE_PAGE, Branches, expectSameAnswers, useTwinDatabase } from '../helpers/twins';

// The commitment status rule (commitment-status.ts) and its SQL twin, run both ways on the same
// rows in a real database (SQLite, or PostgreSQL with TEST_DATABASE=postgres), as
// sql-twins.test.ts does for the other rules: the edge values crossed, plus random commitments
// (fast-check, fixed seed); the test fails unless the rows took every branch of the rule. Then
// the list's status filter and the report-facing summary, which both count by the twin.

const SEED = 20261203;
const ALL_PAGE = { first: ALL_IN_ONE_PAGE.maxPageSize } as PageArgs;
const NOT_MADE = 'not made yet';
const on = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number): T[] => fc.sample(arbitrary, { seed: SEED, numRuns });
const shift = (day: LocalDate, days: number | null) => (days == null ? null : addDays(day, days));

interface Case {
  id: string;
  facts: Required<CommitmentFacts>;
}

// Base days cross a month end in a leap year and a year end; asOf is a day either side of them.
const BASES: LocalDate[] = ['2024-02-29', '2025-12-31'];
const AS_OF_OFFSETS = [-1, 0, 1];
const MADE_OFFSETS = [-30, 0, 1]; // from the base
const W = COMMITMENT_DUE_SOON_DAYS;
const DUE_OFFSETS = [-1, 0, 1, W, W + 1, W + 2]; // from the base
const DELIVERED_OFFSETS = [null, -1, 0, 1]; // from the due day
const WITHDRAWN_OFFSETS = [null, -1, 0, 1]; // from the base

function edgeCases(): Case[] {
  const cases: Case[] = [];
  for (const base of BASES)
    for (const made of MADE_OFFSETS)
      for (const due of DUE_OFFSETS)
        for (const delivered of DELIVERED_OFFSETS)
          for (const withdrawn of WITHDRAWN_OFFSETS) {
            const dueOn = addDays(base, due);
            cases.push({ id: randomUUID(), facts: { madeOn: addDays(base, made), dueOn, deliveredOn: shift(dueOn, delivered), withdrawnOn: shift(base, withdrawn) } });
          }
  return cases;
}

const dayArb = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2023-01-01', n));

function randomCases(): { cases: Case[]; days: LocalDate[] } {
  const arb = fc
    .record({ madeOn: dayArb, dueIn: fc.integer({ min: 0, max: 120 }), deliveredIn: fc.option(fc.integer({ min: 0, max: 200 })), withdrawnIn: fc.option(fc.integer({ min: 0, max: 200 })) })
    // Delivered or withdrawn, not both (as the service keeps it); each on or after the day it was made.
    .map((r) => ({
      madeOn: r.madeOn,
      dueOn: addDays(r.madeOn, r.dueIn),
      deliveredOn: r.deliveredIn == null ? null : addDays(r.madeOn, r.deliveredIn),
      withdrawnOn: r.deliveredIn == null && r.withdrawnIn != null ? addDays(r.madeOn, r.withdrawnIn) : null,
    }));
  return { cases: on(arb, 200).map((facts) => ({ id: randomUUID(), facts })), days: on(dayArb, 6) };
}

const BRANCHES = [
  ...Object.values(CommitmentStatus),
  NOT_MADE,
  'made on asOf: counts',
  'DELIVERED_ON_TIME on the due day',
  'DELIVERED_LATE the day after the due day',
  'delivered after asOf: not yet delivered',
  'WITHDRAWN from its day',
  'withdrawn after asOf: not yet withdrawn',
  'OVERDUE the day after the due day',
  'DUE_SOON on the due day',
  'DUE_SOON on the last day of the window',
  'OPEN a day beyond the window',
];

function branchesOf(c: Case, asOf: LocalDate, status: CommitmentStatus | null): string[] {
  const { madeOn, dueOn, deliveredOn, withdrawnOn } = c.facts;
  const ahead = daysBetween(asOf, dueOn);
  const made = status !== null;
  const edges: [boolean, string][] = [
    [made && madeOn === asOf, 'made on asOf: counts'],
    [status === CommitmentStatus.DELIVERED_ON_TIME && deliveredOn === dueOn, 'DELIVERED_ON_TIME on the due day'],
    [status === CommitmentStatus.DELIVERED_LATE && deliveredOn === addDays(dueOn, 1), 'DELIVERED_LATE the day after the due day'],
    [made && !!deliveredOn && deliveredOn > asOf, 'delivered after asOf: not yet delivered'],
    [status === CommitmentStatus.WITHDRAWN && withdrawnOn === asOf, 'WITHDRAWN from its day'],
    [made && !!withdrawnOn && withdrawnOn > asOf && status !== CommitmentStatus.WITHDRAWN, 'withdrawn after asOf: not yet withdrawn'],
    [status === CommitmentStatus.OVERDUE && ahead === -1, 'OVERDUE the day after the due day'],
    [status === CommitmentStatus.DUE_SOON && ahead === 0, 'DUE_SOON on the due day'],
    [status === CommitmentStatus.DUE_SOON && ahead === W, 'DUE_SOON on the last day of the window'],
    [status === CommitmentStatus.OPEN && ahead === W + 1, 'OPEN a day beyond the window'],
  ];
  return [status ?? NOT_MADE, ...edges.filter(([taken]) => taken).map(([, name]) => name)];
}

/** Inserts the cases; each is made to one of two stakeholders, some to both, so the summary's per-stakeholder counts are tried. */
async function insert(em: EntityManager, cases: Case[]): Promise<[Stakeholder, Stakeholder]> {
  const category = Object.assign(new StakeholderCategory(), { key: 'twin-c', name: 'Twin commitments' });
  const a = Object.assign(new Stakeholder(), { name: 'Twin A', category });
  const b = Object.assign(new Stakeholder(), { name: 'Twin B', category });
  em.persist([category, a, b]);
  cases.forEach((c, i) => {
    const commitment = Object.assign(new Commitment(), { id: c.id, description: `Twin ${i}`, madeBy: 'Bestuur', ...c.facts });
    commitment.stakeholders.set(i % 3 === 0 ? [a, b] : i % 3 === 1 ? [a] : [b]);
    em.persist(commitment);
  });
  await em.flush();
  return [a, b];
}

describe('SQL twin of the commitment status: the same answer in TypeScript and in the database, on every branch', function () {
  this.timeout(120_000);
  const db = useTwinDatabase();
  const edges = edgeCases();
  const random = randomCases();
  const cases = [...edges, ...random.cases];
  const days = [...BASES.flatMap((base) => AS_OF_OFFSETS.map((d) => addDays(base, d))), ...random.days];
  const rule = (asOf: LocalDate) => new Map(cases.map((c) => [c.id, commitmentStatus(c.facts, asOf) ?? NOT_MADE]));
  let stakeholders: [Stakeholder, Stakeholder];

  before(async () => {
    stakeholders = await insert(db.fork(), cases);
  });

  it('commitmentStatusSql gives the status commitmentStatus gives, for every commitment on every day', async () => {
    const branches = new Branches('commitmentStatus', BRANCHES);
    for (const asOf of days) {
      const rows = await selectRows<{ id: string; status: string | null }>(db.fork(), `select cast(c.id as text) as id, ${commitmentStatusSql(asOf, 'c')} as status from commitment c`);
      const expected = rule(asOf);
      for (const c of cases) branches.see(...branchesOf(c, asOf, commitmentStatus(c.facts, asOf)));
      expectSameAnswers(`commitment status on ${asOf}`, expected, new Map(rows.map((r) => [r.id, r.status ?? NOT_MADE])));
    }
    branches.expectEvery();
  });

  it('the commitment list filtered by status lists each commitment made by asOf under the status of the rule, and no other', async () => {
    for (const asOf of [...BASES, random.days[0]]) {
      const listed = new Map(cases.map((c) => [c.id, NOT_MADE]));
      for (const status of Object.values(CommitmentStatus)) {
        const page = await new CommitmentService().list(db.fork(), { statuses: [status], asOf }, CommitmentSort.DUE_ASC, ALL_PAGE, ALL_IN_ONE_PAGE, asOf);
        expect(page.pageInfo.hasNextPage).to.equal(false);
        for (const { node } of page.edges) {
          expect(listed.get(node.id), `${node.id} listed under two statuses`).to.equal(NOT_MADE);
          listed.set(node.id, status);
        }
      }
      expectSameAnswers(`commitment filter on ${asOf}`, rule(asOf), listed);
      // Without a status filter: exactly those made by asOf.
      const all = await new CommitmentService().list(db.fork(), { asOf }, CommitmentSort.DUE_ASC, ALL_PAGE, ALL_IN_ONE_PAGE, asOf);
      expect(await all.totalCount).to.equal(cases.filter((c) => c.facts.madeOn <= asOf).length);
    }
  });

  it('summariseCommitments counts by the rule, overall and per stakeholder, and lists the overdue ones by due day, in five statements', async () => {
    const [a, b] = stakeholders;
    const toA = new Set(cases.filter((_, i) => i % 3 !== 2).map((c) => c.id));
    const toB = new Set(cases.filter((_, i) => i % 3 !== 1).map((c) => c.id));
    for (const asOf of BASES) {
      const count = (ids: Set<string> | null) => {
        const out = Object.fromEntries(Object.values(CommitmentStatus).map((s) => [s, 0])) as Record<CommitmentStatus, number>;
        for (const c of cases) {
          const s = commitmentStatus(c.facts, asOf);
          if (s && (!ids || ids.has(c.id))) out[s]++;
        }
        return out;
      };
      const em = db.fork();
      let statements = 0;
      const conn = em.getConnection();
      const execute = conn.execute.bind(conn);
      conn.execute = ((...args: Parameters<typeof execute>) => (statements++, execute(...args))) as typeof execute;
      const summary = await summariseCommitments(em, { asOf, listLimit: 10 });
      conn.execute = execute;
      expect(summary.counts).to.deep.equal(count(null));
      expect(summary.byStakeholder.get(a.id)).to.deep.equal(count(toA));
      expect(summary.byStakeholder.get(b.id)).to.deep.equal(count(toB));
      const overdue = cases.filter((c) => commitmentStatus(c.facts, asOf) === CommitmentStatus.OVERDUE).sort((x, y) => (x.facts.dueOn + x.id < y.facts.dueOn + y.id ? -1 : 1));
      expect(summary.listedTotal).to.equal(overdue.length);
      expect(summary.listed.map((l) => l.commitment.id)).to.deep.equal(overdue.slice(0, 10).map((c) => c.id));
      expect(summary.listed.every((l) => l.status === CommitmentStatus.OVERDUE && l.commitment.stakeholders.isInitialized())).to.equal(true);
      expect(statements, 'statements of one summary').to.be.within(4, 5);

      const onlyA = await summariseCommitments(db.fork(), { asOf, stakeholderIds: [a.id], listStatuses: [CommitmentStatus.DUE_SOON, CommitmentStatus.OVERDUE], listLimit: 1000 });
      expect(onlyA.counts).to.deep.equal(count(toA));
      expect([...onlyA.byStakeholder.keys()]).to.deep.equal([a.id]);
      expect(onlyA.listed.length).to.equal(count(toA).DUE_SOON + count(toA).OVERDUE);
      expect(onlyA.listed.every((l) => toA.has(l.commitment.id))).to.equal(true);
    }
  });
});
