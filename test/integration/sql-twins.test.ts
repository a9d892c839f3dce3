import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import type { EntityManager } from '@mikro-orm/core';
import { AccountabilityMoment } from '../../src/modules/accountability/accountability-moment.entity';
import {
  Application,
  applicationInForce,
  type ApplicationFacts,
  explainedSql,
  isExplained,
  momentStatus,
  MomentStatus,
  momentStatusSql,
  type MomentFacts,
  type ObligationFacts,
} from '../../src/modules/accountability/moment-status';
import { MomentService } from '../../src/modules/accountability/moment.service';
import { MomentSort } from '../../src/modules/accountability/obligation.inputs';
import { Obligation } from '../../src/modules/accountability/obligation.entity';
import { ObligationApplication } from '../../src/modules/accountability/obligation-application.entity';
import { currentOf, HIGH_SCORE, isCurrentAssessmentSql, powerInterestQuadrant, quadrantSql } from '../../src/modules/stakeholder/salience';
import { StakeholderAssessment } from '../../src/modules/stakeholder/stakeholder-assessment.entity';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { PowerInterestQuadrant } from '../../src/modules/stakeholder/stakeholder.enums';
import { StakeholderService } from '../../src/modules/stakeholder/stakeholder.service';
import { StakeholderSort } from '../../src/modules/stakeholder/stakeholder.inputs';
import { clock } from '../../src/shared/clock';
import { addDays, daysBetween, type LocalDate } from '../../src/shared/dates';
import type { PageArgs } from '../../src/shared/pagination';
import { dialectOf, selectRows, toInt } from '../../src/shared/sql';
import { ALL_IN_ONE_PAGE, Branches, expectSameAnswers, useTwinDatabase } from '../helpers/twins';

// Every rule with an SQL twin, run both ways on the same rows in a real database (SQLite, or
// PostgreSQL with TEST_DATABASE=postgres): the rows are a cross product of the edge values plus
// random ones (fast-check, fixed seed), and each twin fails unless the rows took every branch.

const ALL_PAGE = { first: ALL_IN_ONE_PAGE.maxPageSize } as PageArgs;
/** A caller who sees the whole register (portfolio scope ALL). */
const UNSCOPED = { user: { id: '00000000-0000-4000-8000-000000000001', scope: 'ALL' } };
const SEED = 20261201;

const on = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number): T[] => fc.sample(arbitrary, { seed: SEED, numRuns });

// ---- the moment status rule (and the explained rule inside it) ----

interface MomentCase {
  id: string;
  moment: MomentFacts;
  obligation: ObligationFacts & { id: string };
}

// Days around a base day: the base days cross a month end in a leap year and a year end.
const BASES: LocalDate[] = ['2024-02-29', '2025-12-31'];
const AS_OF_OFFSETS = [-1, 0, 1];
const WARNING_DAYS = [0, 1, 30];
const DUE_OFFSETS = [-1, 0, 1, 30, 31]; // from the base
const HELD_OFFSETS = [null, -1, 0, 1]; // from the due day
const WAIVED_OFFSETS = [null, -1, 0, 1]; // from the base
const EXPLAINED_OFFSETS = [null, -1, 0, 1]; // from the base; null: APPLY

const shift = (day: LocalDate, days: number | null) => (days == null ? null : addDays(day, days));

/** The edge values crossed: one obligation per (warning, application, held, waived), one moment per due day. */
function edgeMoments(): MomentCase[] {
  const cases: MomentCase[] = [];
  for (const base of BASES)
    for (const warningDays of WARNING_DAYS)
      for (const explained of EXPLAINED_OFFSETS)
        for (const held of HELD_OFFSETS)
          for (const waived of WAIVED_OFFSETS) {
            const obligation = facts(warningDays, shift(base, explained));
            for (const due of DUE_OFFSETS) {
              const dueOn = addDays(base, due);
              cases.push({ id: randomUUID(), obligation, moment: { dueOn, heldOn: shift(dueOn, held), waivedOn: shift(base, waived) } });
            }
          }
  // Per period: explained from the base day, applied again from the day after, each decided a day before or on asOf.
  for (const base of BASES)
    for (const decided of [-1, 0, 1]) {
      const obligation = {
        id: randomUUID(),
        warningDays: 30,
        applications: [
          decision(base, Application.EXPLAIN, addDays(base, decided - 1)),
          decision(addDays(base, 1), Application.APPLY, addDays(base, decided)),
        ],
      };
      for (const due of [-1, 0, 1, 2]) cases.push({ id: randomUUID(), obligation, moment: { dueOn: addDays(base, due) } });
    }
  return cases;
}

let recorded = 0;
/** One decision, recorded a second after the one before (ties are decided by the recording time). */
function decision(effectiveFrom: LocalDate, application: Application, decidedOn: LocalDate): ApplicationFacts & { id: string; createdAt: Date } {
  return { id: randomUUID(), effectiveFrom, application, decidedOn, createdAt: new Date(Date.UTC(2026, 0, 1) + 1000 * recorded++) };
}

/** An obligation explained from before any due day, decided on `explainedOn`; null: applied throughout. */
function facts(warningDays: number, explainedOn: LocalDate | null): MomentCase['obligation'] {
  return { id: randomUUID(), warningDays, applications: explainedOn ? [decision('2020-01-01', Application.EXPLAIN, explainedOn)] : [] };
}

const dayArb = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays('2023-01-01', n));

/** Random moments, each of an obligation of its own with up to three decisions, and random days to judge them on. */
function randomMoments(): { cases: MomentCase[]; days: LocalDate[] } {
  const arb = fc.record({
    dueOn: dayArb,
    heldOn: fc.option(dayArb),
    waivedOn: fc.option(dayArb),
    decisions: fc.array(fc.record({ effectiveFrom: dayArb, explain: fc.boolean(), decidedOn: dayArb }), { maxLength: 3 }),
    warningDays: fc.integer({ min: 0, max: 400 }),
  });
  const cases = on(arb, 200).map((r) => ({
    id: randomUUID(),
    obligation: {
      id: randomUUID(),
      warningDays: r.warningDays,
      applications: r.decisions.map((d) => decision(d.effectiveFrom, d.explain ? Application.EXPLAIN : Application.APPLY, d.decidedOn)),
    },
    moment: { dueOn: r.dueOn, heldOn: r.heldOn, waivedOn: r.waivedOn },
  }));
  return { cases, days: on(dayArb, 6) };
}

async function insertMoments(em: EntityManager, cases: MomentCase[]): Promise<void> {
  const obligations = new Map<string, Obligation>();
  for (const c of cases) {
    const f = c.obligation;
    if (!obligations.has(f.id)) {
      const o = Object.assign(new Obligation(), { id: f.id, title: `Twin ${f.id}`, scheduleStart: '2023-01-01', activeFrom: '2023-01-01', warningDays: f.warningDays });
      obligations.set(f.id, o);
      em.persist(o);
      for (const a of f.applications) {
        em.persist(Object.assign(new ObligationApplication(), { ...a, obligation: o, explanation: a.application === Application.EXPLAIN ? 'Uitgelegd' : null }));
      }
    }
    em.persist(Object.assign(new AccountabilityMoment(), { id: c.id, obligation: obligations.get(f.id)!, ...c.moment }));
  }
  await em.flush();
}

const STATUS_BRANCHES = [
  ...Object.values(MomentStatus),
  'MET on the due day',
  'MET_LATE the day after the due day',
  'held after asOf: not yet held',
  'WAIVED from its day',
  'waived after asOf: not yet waived',
  'EXPLAINED from its day',
  'explained after asOf: not yet explained',
  'applied again from its day',
  'OVERDUE the day after the due day',
  'DUE_SOON on the due day',
  'DUE_SOON on the last day of the warning window',
  'UPCOMING a day beyond the warning window',
];

/** The branches of `momentStatus` one case takes on `asOf`. */
function statusBranches(c: MomentCase, asOf: LocalDate, status: MomentStatus): string[] {
  const { dueOn, heldOn, waivedOn } = c.moment;
  const { applications, warningDays } = c.obligation;
  const inForce = applicationInForce(applications, dueOn, asOf);
  const ahead = daysBetween(asOf, dueOn);
  const edges: [boolean, string][] = [
    [status === MomentStatus.MET && heldOn === dueOn, 'MET on the due day'],
    [status === MomentStatus.MET_LATE && heldOn === addDays(dueOn, 1), 'MET_LATE the day after the due day'],
    [!!heldOn && heldOn > asOf, 'held after asOf: not yet held'],
    [status === MomentStatus.WAIVED && waivedOn === asOf, 'WAIVED from its day'],
    [!!waivedOn && waivedOn > asOf && status !== MomentStatus.WAIVED, 'waived after asOf: not yet waived'],
    [status === MomentStatus.EXPLAINED && inForce?.decidedOn === asOf, 'EXPLAINED from its day'],
    [applications.some((a) => a.application === Application.EXPLAIN && a.effectiveFrom <= dueOn && a.decidedOn > asOf) && status !== MomentStatus.EXPLAINED, 'explained after asOf: not yet explained'],
    [
      inForce?.application === Application.APPLY && inForce.effectiveFrom === dueOn && applications.some((a) => a.application === Application.EXPLAIN && a.effectiveFrom < dueOn && a.decidedOn <= asOf),
      'applied again from its day',
    ],
    [status === MomentStatus.OVERDUE && ahead === -1, 'OVERDUE the day after the due day'],
    [status === MomentStatus.DUE_SOON && ahead === 0, 'DUE_SOON on the due day'],
    [status === MomentStatus.DUE_SOON && ahead === warningDays, 'DUE_SOON on the last day of the warning window'],
    [status === MomentStatus.UPCOMING && ahead === warningDays + 1, 'UPCOMING a day beyond the warning window'],
  ];
  return [status, ...edges.filter(([taken]) => taken).map(([, name]) => name)];
}

const EXPLAINED_BRANCHES = ['no decision', 'APPLY in force', 'EXPLAIN in force', 'EXPLAIN decided on asOf', 'decided after asOf: not yet', 'takes effect after asOf: not yet'];

function explainedBranch(o: ObligationFacts, asOf: LocalDate): string[] {
  if (!o.applications.length) return ['no decision'];
  const inForce = applicationInForce(o.applications, asOf, asOf);
  const out = [inForce?.application === Application.EXPLAIN ? 'EXPLAIN in force' : 'APPLY in force'];
  if (inForce?.application === Application.EXPLAIN && inForce.decidedOn === asOf) out.push('EXPLAIN decided on asOf');
  if (o.applications.some((a) => a.decidedOn > asOf)) out.push('decided after asOf: not yet');
  if (o.applications.some((a) => a.effectiveFrom > asOf && a.decidedOn <= asOf)) out.push('takes effect after asOf: not yet');
  return out;
}

// ---- the quadrant and current-assessment rules ----

interface AssessmentCase {
  stakeholderId: string;
  assessments: (StakeholderAssessment & { archivedAt: Date | null })[];
}

/** An assessment: `day` in days from today, `entered` the order of entry (distinct within a stakeholder). */
type Draft = { day: number; entered: number; archived: boolean; power: number; interest: number };

const SCORES = [1, 2, 3, 4, 5];
const T0 = Date.parse('2025-01-01T00:00:00Z');

// The choice of the current assessment, one stakeholder each.
const CHOICES: Omit<Draft, 'power' | 'interest'>[][] = [
  [],
  [{ day: -1, entered: 0, archived: true }],
  [{ day: -1, entered: 0, archived: false }],
  [{ day: -1, entered: 0, archived: false }, { day: -400, entered: 1, archived: false }],
  [{ day: -1, entered: 1, archived: false }, { day: -1, entered: 0, archived: false }],
  [{ day: -1, entered: 0, archived: false }, { day: -1, entered: 1, archived: false }],
  [{ day: -400, entered: 0, archived: false }, { day: -1, entered: 1, archived: true }],
  [{ day: -1, entered: 0, archived: false }, { day: 30, entered: 1, archived: false }],
];

function assessmentDrafts(): Draft[][] {
  const grid = SCORES.flatMap((power) => SCORES.map((interest) => [{ day: 0, entered: 0, archived: false, power, interest }]));
  const choices = CHOICES.map((list, i) => list.map((d) => ({ ...d, power: SCORES[i % 5], interest: SCORES[(i * 2) % 5] })));
  const draft = (entered: number) =>
    fc.record({ day: fc.constantFrom(-400, -1, 0, 30), archived: fc.boolean(), power: fc.constantFrom(...SCORES), interest: fc.constantFrom(...SCORES) }).map((d) => ({ ...d, entered }));
  // Few days, so that ties on the day are common; distinct entry times, as in the register.
  const random = fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 4 }).chain((entered) => fc.tuple(...entered.map(draft)));
  return [...grid, ...choices, ...on(random, 150)];
}

async function insertAssessments(em: EntityManager, drafts: Draft[][]): Promise<AssessmentCase[]> {
  const category = Object.assign(new StakeholderCategory(), { key: 'twin', name: 'Twin' });
  em.persist(category);
  const today = clock.today();
  const cases = drafts.map((list, i) => {
    const stakeholder = Object.assign(new Stakeholder(), { name: `Twin ${i}`, category });
    const assessments = list.map((d) =>
      Object.assign(new StakeholderAssessment(), {
        stakeholder,
        assessedOn: addDays(today, d.day),
        createdAt: new Date(T0 + (i * 10 + d.entered) * 1000),
        archivedAt: d.archived ? new Date(T0) : null,
        power: d.power,
        interest: d.interest,
      }),
    );
    em.persist([stakeholder, ...assessments]);
    return { stakeholderId: stakeholder.id, assessments };
  });
  await em.flush();
  return cases;
}

const QUADRANT_BRANCHES = [
  ...Object.values(PowerInterestQuadrant),
  `power ${HIGH_SCORE - 1}`,
  `power ${HIGH_SCORE}`,
  `interest ${HIGH_SCORE - 1}`,
  `interest ${HIGH_SCORE}`,
];

const CURRENT_BRANCHES = [
  'never assessed',
  'only archived assessments',
  'one assessment',
  'a later day wins over a later entry',
  'the same day: the later entry wins',
  'an archived later assessment is passed over',
  'the current one is dated after today',
];

/** The branches of `currentOf` (without asOf) one stakeholder's assessments take. */
function currentBranches(list: AssessmentCase['assessments']): string[] {
  const active = list.filter((a) => !a.archivedAt);
  if (list.length === 0) return ['never assessed'];
  if (active.length === 0) return ['only archived assessments'];
  const latest = active.map((a) => a.assessedOn).sort().at(-1)!;
  const pairs = active.flatMap((a) => active.map((b) => [a, b] as const));
  const taken: [boolean, string][] = [
    [active.length === 1, 'one assessment'],
    [pairs.some(([a, b]) => a.assessedOn > b.assessedOn && a.createdAt < b.createdAt), 'a later day wins over a later entry'],
    [pairs.some(([a, b]) => a !== b && a.assessedOn === latest && b.assessedOn === latest), 'the same day: the later entry wins'],
    [list.some((a) => a.archivedAt && a.assessedOn >= latest), 'an archived later assessment is passed over'],
    [latest > clock.today(), 'the current one is dated after today'],
  ];
  return taken.filter(([t]) => t).map(([, name]) => name);
}

const NONE = 'none';

describe('SQL twins of the rules: the same answer in TypeScript and in the database, on every branch', function () {
  this.timeout(120_000);
  const db = useTwinDatabase();

  describe('moment status and explained, on the edge values and random moments', () => {
    const edges = edgeMoments();
    const random = randomMoments();
    const days = [...BASES.flatMap((base) => AS_OF_OFFSETS.map((d) => addDays(base, d))), ...random.days];
    const cases = [...edges, ...random.cases];

    before(async () => {
      await insertMoments(db.fork(), cases);
    });

    it('momentStatusSql gives the status momentStatus gives, for every moment on every day', async () => {
      const branches = new Branches('momentStatus', STATUS_BRANCHES);
      for (const asOf of days) {
        const em = db.fork();
        const rows = await selectRows<{ id: string; status: string }>(
          em,
          `select cast(m.id as text) as id, ${momentStatusSql(dialectOf(em), asOf, 'm', 'o')} as status from accountability_moment m join obligation o on o.id = m.obligation_id`,
        );
        const rule = new Map(cases.map((c) => [c.id, momentStatus(c.moment, c.obligation, asOf)]));
        for (const c of cases) branches.see(...statusBranches(c, asOf, rule.get(c.id)!));
        expectSameAnswers(`moment status on ${asOf}`, rule, new Map(rows.map((r) => [r.id, r.status as MomentStatus])));
      }
      branches.expectEvery();
    });

    it('the moment list filtered by status (momentStatusSql in the filter) lists each moment under the status of the rule', async () => {
      for (const asOf of BASES) {
        const listed = new Map<string, MomentStatus>();
        for (const status of Object.values(MomentStatus)) {
          const page = await new MomentService().list(db.fork(), { statuses: [status] }, asOf, MomentSort.DUE_ASC, ALL_PAGE, ALL_IN_ONE_PAGE);
          expect(page.pageInfo.hasNextPage).to.equal(false);
          for (const { node } of page.edges) {
            expect(listed.has(node.id), `${node.id} listed under two statuses`).to.equal(false);
            listed.set(node.id, status);
          }
        }
        expectSameAnswers(`moment filter on ${asOf}`, new Map(cases.map((c) => [c.id, momentStatus(c.moment, c.obligation, asOf)])), listed);
      }
    });

    it('explainedSql gives the answer isExplained gives, for every obligation on every day', async () => {
      const branches = new Branches('isExplained', EXPLAINED_BRANCHES);
      const obligations = [...new Map(cases.map((c) => [c.obligation.id, c.obligation])).values()];
      for (const asOf of days) {
        const rows = await selectRows<{ id: string; x: unknown }>(db.fork(), `select cast(o.id as text) as id, case when ${explainedSql(asOf, 'o')} then 1 else 0 end as x from obligation o`);
        for (const o of obligations) branches.see(...explainedBranch(o, asOf));
        expectSameAnswers(`explained on ${asOf}`, new Map(obligations.map((o) => [o.id, isExplained(o, asOf)])), new Map(rows.map((r) => [r.id, toInt(r.x) === 1])));
      }
      branches.expectEvery();
    });
  });

  describe('quadrant and current assessment, on every score and the choices of the current one', () => {
    let cases: AssessmentCase[];
    before(async () => {
      cases = await insertAssessments(db.fork(), assessmentDrafts());
    });

    it('quadrantSql puts every assessment in exactly the quadrant powerInterestQuadrant gives', async () => {
      const branches = new Branches('powerInterestQuadrant', QUADRANT_BRANCHES);
      const sql = new Map<string, string>();
      for (const quadrant of Object.values(PowerInterestQuadrant)) {
        const rows = await selectRows<{ id: string }>(db.fork(), `select cast(a.id as text) as id from stakeholder_assessment a where ${quadrantSql(quadrant, 'a')}`);
        for (const r of rows) sql.set(r.id, sql.has(r.id) ? 'in two quadrants' : quadrant);
      }
      const all = cases.flatMap((c) => c.assessments);
      for (const a of all) {
        const q = powerInterestQuadrant(a.power, a.interest);
        branches.see(q, ...[`power ${a.power}`, `interest ${a.interest}`].filter((b) => QUADRANT_BRANCHES.includes(b)));
      }
      expectSameAnswers('quadrant', new Map(all.map((a) => [a.id, powerInterestQuadrant(a.power, a.interest)])), sql);
      branches.expectEvery();
    });

    it('isCurrentAssessmentSql picks, for every stakeholder, the assessment currentOf picks', async () => {
      const branches = new Branches('currentOf', CURRENT_BRANCHES);
      const rows = await selectRows<{ k: string; id: string }>(
        db.fork(),
        `select cast(a.stakeholder_id as text) as k, cast(a.id as text) as id from stakeholder_assessment a where ${isCurrentAssessmentSql('a', 'b')}`,
      );
      const sql = new Map(cases.map((c) => [c.stakeholderId, NONE]));
      for (const r of rows) sql.set(r.k, sql.get(r.k) === NONE ? r.id : 'two current assessments');
      for (const c of cases) branches.see(...currentBranches(c.assessments));
      expectSameAnswers('current assessment', new Map(cases.map((c) => [c.stakeholderId, currentOf(c.assessments)?.id ?? NONE])), sql);
      branches.expectEvery();
    });

    it('the stakeholder list filtered by quadrant lists each stakeholder under the quadrant of its current assessment', async () => {
      const listed = new Map(cases.map((c) => [c.stakeholderId, NONE]));
      for (const quadrant of Object.values(PowerInterestQuadrant)) {
        const page = await new StakeholderService().list(db.fork(), { quadrants: [quadrant] }, StakeholderSort.NAME_ASC, ALL_PAGE, ALL_IN_ONE_PAGE, undefined, UNSCOPED);
        for (const { node } of page.edges) listed.set(node.id, listed.get(node.id) === NONE ? quadrant : 'in two quadrants');
      }
      expectSameAnswers('quadrant filter', new Map(cases.map((c) => [c.stakeholderId, currentOf(c.assessments)?.quadrant ?? NONE])), listed);
    });
  });
});
