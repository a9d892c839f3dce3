import { expect } from 'chai';
import type { EntityManager } from '@mikro-orm/core';
import { compiledReads } from '../../src/modules/stakeholder/stakeholder-read';
import { plannedReads } from '../../src/shared/planned-read';
import { ContactPerson } from '../../src/modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from '../../src/modules/stakeholder/stakeholder-assessment.entity';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { Interest } from '../../src/modules/interest/interest.entity';
import { Interaction } from '../../src/modules/interaction/interaction.entity';
import { seedRegister } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The planned read of the stakeholder list (stakeholder-plan.ts) and the compiled read
// (stakeholder-read.ts) must answer byte for byte what the field resolvers answer on their own:
// every query here runs three ways, planned, compiled and executed field by field.

const NODE = 'id name kind phase description website relationshipOwner createdAt updatedAt archivedAt';

const QUERIES: [string, string, Record<string, unknown>?][] = [
  ['the bench page', `{ stakeholders(first: 50) { edges { node { name category { name } contacts { name email } currentAssessment { power interest } } } } }`],
  ['the nested page', `{ stakeholders(first: 50) { edges { node { name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject } lastInteractionOn } } } }`],
  ['every scalar, cursors, pageInfo, totalCount', `{ stakeholders(first: 12) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { ${NODE} tags } } } }`],
  ['contacts in every archive state, first 0 and 1', `{ stakeholders(first: 100) { edges { node { name
    all: contacts(archived: ALL) { id name role email phone contactPermitted createdAt archivedAt }
    archived: contacts(archived: ARCHIVED) { id name }
    active: contacts { id name }
    none: contacts(first: 0) { id }
    one: contacts(first: 1) { id name } } } } }`],
  ['assessments: current as of days, history, derived values', `{ stakeholders(first: 100) { edges { node { name quadrant salienceClass
    currentAssessment { id assessedOn power interest quadrant salienceClass hasPower hasLegitimacy hasUrgency assessedBy note createdAt }
    past: currentAssessment(asOf: "2024-12-31") { id assessedOn }
    before: currentAssessment(asOf: "2000-01-01") { id }
    future: currentAssessment(asOf: "2099-01-01") { id assessedOn }
    assessments(archived: ALL) { id assessedOn archivedAt }
    latest: assessments(first: 1) { id } } } } }`],
  ['nested first: N lists with their arguments', `{ stakeholders(first: 100) { edges { node { name
    interests(archived: ALL, first: 1) { id topic status identifiedOn archivedAt }
    archivedInterests: interests(archived: ARCHIVED) { id }
    noInterests: interests(first: 0) { id }
    goals(first: 2) { id title kpi { unit target } }
    interactions(first: 0) { id }
    some: interactions(from: "2025-02-01", to: "2025-04-30") { id occurredOn }
    all: interactions(first: 100) { id occurredOn subject }
    lastInteractionOn } } } }`],
  ['relations of the rows read ahead', `{ stakeholders(first: 20) { edges { node { name
    category { id key name sector description createdAt stakeholders(first: 2) { name } }
    contacts(archived: ALL) { name stakeholder { name contacts { name } } interactions(first: 2) { subject } }
    currentAssessment { stakeholder { name } }
    interests(archived: ALL) { topic goals(first: 2) { title } }
    interactions(first: 2) { subject stakeholders(first: 3) { name } followUpActions { description } } } } } }`],
  ['fragments, variables and directives', `query Q($first: Int, $n: Int, $yes: Boolean!, $no: Boolean!, $day: LocalDate) {
    stakeholders(first: $first) { edges { ...E } } }
    fragment E on StakeholderEdge { node { ... on Stakeholder { name contacts(first: $n) @include(if: $yes) { name } } ...S } }
    fragment S on Stakeholder { currentAssessment(asOf: $day) { id } interests @skip(if: $no) { topic } goals @skip(if: $yes) { title } interactions(first: $n) { id } }`,
  { first: 30, n: 1, yes: true, no: false, day: '2024-07-01' }],
  ['sorted and filtered', `{ stakeholders(first: 15, sort: NAME_DESC, filter: { archived: ALL }) { edges { cursor node { name archivedAt contacts { name } } } pageInfo { endCursor hasNextPage } } }`],
  ['newest first', `{ stakeholders(first: 15, sort: CREATED_DESC, filter: { text: "1" }) { edges { cursor node { name contacts { name } lastInteractionOn } } } }`],
  ['by quadrant and category', `{ stakeholders(first: 50, filter: { quadrants: [MANAGE_CLOSELY, MONITOR] }) { edges { node { name quadrant category { key } } } } }`],
  ['filtered through the category, tags and kinds', `{ stakeholders(first: 50, filter: { categoryKeys: ["bewonerscommissie", "clientenraad"], tags: ["odd"], kinds: [ORGANISATION], phases: [DEVELOP] }) { totalCount edges { cursor node { name category { key } contacts { name } } } pageInfo { hasNextPage endCursor } } }`],
  ['an empty page', `{ stakeholders(first: 5, filter: { text: "nobody has this name" }) { totalCount edges { node { name contacts { name } } } pageInfo { hasNextPage endCursor } } }`],
  ['the whole connection, typenames and every scalar', `{ __typename stakeholders(first: 12) { __typename totalCount pageInfo { __typename hasNextPage hasPreviousPage startCursor endCursor }
    edges { __typename cursor node { __typename ${NODE} archived revision category { __typename id key sector archived } } } } }`],
  ['aliases, fragments and repeated keys', `query Two { a: stakeholders(first: 3) { edges { node { ...F name } } }
    b: stakeholders(first: 2, sort: NAME_DESC, filter: { archived: ARCHIVED }) { totalCount edges { node { id contacts { name } contacts { email } ... on Stakeholder { contacts { phone } } } } } }
    fragment F on Stakeholder { name category { key } ...F2 } fragment F2 on Stakeholder { id currentAssessment { quadrant } }`],
  ['every filter at once, and empty lists', `{ all: stakeholders(first: 50, sort: UPDATED_DESC, filter: { archived: ALL, text: "a_%", relationshipOwner: "nobody", tags: [" Odd ", "odd"], quadrants: [], kinds: [], phases: [], categoryIds: [], categoryKeys: [] }) { totalCount edges { node { name } } }
    none: stakeholders(first: 50, filter: { categoryIds: [] }) { totalCount edges { node { name } } }
    some: stakeholders(first: 50, filter: { text: "1", tags: ["ODD"], phases: [DEVELOP, RETAIN] }) { totalCount edges { node { name phase } } } }`],
  ['a filter its validation refuses', `{ stakeholders(first: 5, filter: { categoryIds: ["not-a-uuid"], text: "${'x'.repeat(300)}" }) { edges { node { name } } } }`],
  ['a page too large', `{ stakeholders(first: 101) { edges { node { name } } } }`],
  ['a nested list too long', `{ stakeholders(first: 3) { edges { node { name contacts(first: 101) { name } } } } }`],
  ['refused arguments of a nested list', `{ stakeholders(first: 3) { edges { node { name contacts(first: 1000) { name } interests(first: -1) { topic } interactions(first: 101) { id } } } } }`],
];

/** The queries above that the planned read answers itself; it gives the others to execution. */
const PLANNED = new Set([
  'the bench page',
  'the nested page',
  'contacts in every archive state, first 0 and 1',
  'assessments: current as of days, history, derived values',
  'nested first: N lists with their arguments',
  'sorted and filtered',
  'the whole connection, typenames and every scalar',
  'aliases, fragments and repeated keys',
  'newest first',
  'by quadrant and category',
  'filtered through the category, tags and kinds',
  'an empty page',
  'every filter at once, and empty lists',
]);

async function extraData(em: EntityManager): Promise<void> {
  const [category] = await em.find(StakeholderCategory, {}, { orderBy: { key: 'asc' }, limit: 1 });
  const empty = Object.assign(new Stakeholder(), { name: 'Aaa without anything', category });
  em.persist(empty);
  const mixed = Object.assign(new Stakeholder(), { name: 'Aab with every case', category });
  em.persist(mixed);
  // Names whose order differs between a byte order and a collation, and ties broken by id.
  for (const name of ['émile', 'Emile', 'Zoë', 'zoe', 'Ångström', 'Anders', 'Anders', '"quoted" \\ back', 'ß']) {
    em.persist(Object.assign(new ContactPerson(), { stakeholder: mixed, name, email: `${name.length}@x.example` }));
  }
  em.persist(Object.assign(new ContactPerson(), { stakeholder: mixed, name: 'Archived', archivedAt: new Date('2025-03-01T10:00:00.123Z') }));
  // Same-day assessments (the later entry wins), a future one and an archived later one.
  const base = { stakeholder: mixed, power: 4, interest: 2, hasPower: true, hasLegitimacy: false, hasUrgency: true };
  em.persist(Object.assign(new StakeholderAssessment(), { ...base, assessedOn: '2024-06-01', createdAt: new Date('2024-06-01T09:00:00.000Z') }));
  em.persist(Object.assign(new StakeholderAssessment(), { ...base, power: 1, assessedOn: '2024-06-01', createdAt: new Date('2024-06-01T10:00:00.000Z') }));
  em.persist(Object.assign(new StakeholderAssessment(), { ...base, interest: 5, assessedOn: '2098-01-01' }));
  em.persist(Object.assign(new StakeholderAssessment(), { ...base, interest: 4, assessedOn: '2025-01-01', archivedAt: new Date() }));
  em.persist(Object.assign(new Interest(), { stakeholder: mixed, topic: 'Archived interest', identifiedOn: '2025-02-01', archivedAt: new Date() }));
  em.persist(Object.assign(new Interest(), { stakeholder: mixed, topic: 'Tie a', identifiedOn: '2025-02-01' }));
  const archivedInteraction = Object.assign(new Interaction(), { occurredOn: '2026-01-01', subject: 'Archived', archivedAt: new Date() });
  archivedInteraction.stakeholders.add(mixed);
  em.persist(archivedInteraction);
  em.persist(Object.assign(new Stakeholder(), { name: 'Archived stakeholder', category, archivedAt: new Date() }));
  await em.flush();
}

describe('the compiled read of the stakeholder list answers as the field resolvers do', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    await seedRegister(app.orm.em.fork(), 40);
    await extraData(app.orm.em.fork());
  });
  after(async () => {
    compiledReads.enabled = true;
    plannedReads.enabled = true;
    await app.close();
  });

  /** Whether the plan answered the last query (rather than giving up and executing it). */
  let answeredByPlan = false;

  /** The answers planned, compiled and executed field by field; the test expects all three equal. */
  async function all(query: string, variables?: Record<string, unknown>): Promise<[string, string, string]> {
    const answer = async (planned: boolean, compiled: boolean) => {
      plannedReads.enabled = planned;
      compiledReads.enabled = compiled;
      try {
        const before = plannedReads.answered;
        const text = JSON.stringify(await app.gql(query, variables));
        if (planned) answeredByPlan = plannedReads.answered > before;
        return text;
      } finally {
        plannedReads.enabled = true;
        compiledReads.enabled = true;
      }
    };
    return [await answer(true, true), await answer(false, true), await answer(false, false)];
  }

  async function both(query: string, variables?: Record<string, unknown>): Promise<[string, string]> {
    const [planned, compiled, resolvers] = await all(query, variables);
    expect(planned).to.equal(resolvers);
    return [compiled, resolvers];
  }

  for (const [name, query, variables] of QUERIES) {
    it(name, async () => {
      const [planned, compiled, resolvers] = await all(query, variables);
      expect(compiled).to.equal(resolvers);
      expect(planned).to.equal(resolvers);
      expect(compiled).to.match(/"edges"|"errors"/);
      expect(answeredByPlan, `answered by the plan (last reason: ${plannedReads.lastReason})`).to.equal(PLANNED.has(name));
    });
  }

  it('pages with after the same way, to the end of the list', async () => {
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const query = `query P($after: String) { stakeholders(first: 7, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { name contacts { name } currentAssessment { id } } } } }`;
      const [compiled, resolvers] = await both(query, { after });
      expect(compiled).to.equal(resolvers);
      const page = JSON.parse(compiled).data.stakeholders;
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).to.equal(6); // 42 active stakeholders
  });

  for (const sort of ['NAME_ASC', 'NAME_DESC', 'CREATED_DESC', 'UPDATED_DESC']) {
    it(`pages with after in the order ${sort}, planned`, async () => {
      let after: string | null = null;
      let pages = 0;
      const query = `query P($after: String) { stakeholders(first: 9, sort: ${sort}, after: $after, filter: { archived: ALL }) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { name createdAt } } } }`;
      for (;;) {
        const [planned, , resolvers] = await all(query, { after });
        expect(planned).to.equal(resolvers);
        expect(answeredByPlan, plannedReads.lastReason).to.equal(true);
        const page = JSON.parse(planned).data.stakeholders;
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).to.equal(5); // 43 stakeholders, archived one included
    });
  }

  it('refuses a forged cursor as before', async () => {
    const [compiled, resolvers] = await both(`{ stakeholders(first: 2, after: "WyJ4Il0=") { edges { node { name contacts { name } } } } }`);
    expect(compiled).to.equal(resolvers);
    expect(JSON.parse(compiled).errors[0].extensions.code).to.equal('BAD_USER_INPUT');
  });

  it('sends one statement for the page and what it reads, whatever the number of rows', async () => {
    for (const query of QUERIES.slice(0, 2).map((q) => q[1])) {
      const counts: number[] = [];
      for (const first of [5, 50]) {
        app.statements.reset();
        await app.ok(query.replace('first: 50', `first: ${first}`));
        counts.push(app.statements.count);
      }
      expect(counts).to.deep.equal([1, 1]);
    }
  });
});
