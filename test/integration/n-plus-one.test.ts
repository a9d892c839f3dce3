import { expect } from 'chai';
import { plannedReads } from '../../src/shared/planned-read';
import { compiledReads } from '../../src/modules/stakeholder/stakeholder-read';
import { seedRegister } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

const NESTED = `query Nested($first: Int) {
  stakeholders(first: $first) {
    totalCount
    edges {
      node {
        name tags
        category { name }
        contacts(first: 5) { name role }
        currentAssessment { power interest quadrant salienceClass }
        quadrant
        interests(first: 5) { topic goals(first: 5) { title kpi { unit } latestMeasurement { value } } }
        interactions(first: 3) { occurredOn subject stakeholders(first: 5) { name } followUpActions(first: 5) { description dueOn } }
        lastInteractionOn
      }
    }
  }
}`;

describe('no N+1: nested queries load relations in batches', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    await seedRegister(app.orm.em.fork(), 100);
  });
  after(() => app.close());

  async function statementsFor(first: number): Promise<number> {
    app.statements.reset();
    const data = await app.ok(NESTED, { first });
    expect(data.stakeholders.edges).to.have.length(first);
    expect(data.stakeholders.edges[0].node.contacts).to.have.length(2);
    expect(data.stakeholders.edges[0].node.interests[0].goals).to.have.length(1);
    expect(data.stakeholders.edges[0].node.interactions).to.have.length(3);
    return app.statements.count;
  }

  it('uses the same number of SQL statements for 10 and for 100 stakeholders', async () => {
    const ten = await statementsFor(10);
    const hundred = await statementsFor(100);
    console.log(`      SQL statements: ${ten} for 10 stakeholders, ${hundred} for 100 stakeholders`);
    expect(hundred).to.equal(ten);
    expect(ten).to.be.below(20);
  });
});

// The two pages of bench:page (and bench:peer).
const STAKEHOLDER_PAGE = `query Page($first: Int) { stakeholders(first: $first) { edges { node {
  name category { name } contacts { name email } currentAssessment { power interest }
} } } }`;
const NESTED_PAGE = `query Nested($first: Int) { stakeholders(first: $first) { edges { node {
  name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject } lastInteractionOn
} } } }`;

describe('no N+1: the read path of the stakeholder pages', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    await seedRegister(app.orm.em.fork(), 60);
  });
  after(() => app.close());

  async function statements(query: string, first: number): Promise<string[]> {
    app.statements.reset();
    const data = await app.ok(query, { first });
    expect(data.stakeholders.edges).to.have.length(first);
    return [...app.statements.statements];
  }

  for (const [name, query] of [['stakeholder page', STAKEHOLDER_PAGE], ['nested page', NESTED_PAGE]]) {
    it(`${name}: the same statements for 5 and for 50 stakeholders, and no count(*) when totalCount is not selected`, async () => {
      const five = await statements(query, 5);
      const fifty = await statements(query, 50);
      console.log(`      ${name}: ${five.length} statements for 5 stakeholders, ${fifty.length} for 50`);
      expect(fifty.length).to.equal(five.length);
      // One statement: the page and what its fields read (stakeholder-read.ts).
      expect(five.length).to.equal(1);
      expect(fifty.join('\n')).not.to.match(/count\(/i);
    });
  }

  it('counts only when totalCount is selected', async () => {
    app.statements.reset();
    const data = await app.ok('{ stakeholders(first: 5) { totalCount edges { node { name } } } }');
    expect(data.stakeholders.totalCount).to.equal(60);
    expect(app.statements.statements.filter((s) => /count\(/i.test(s))).to.have.length(1);
  });

  it('limits nested first: N lists in SQL, per stakeholder: the rows fetched do not grow with the interactions per stakeholder', async () => {
    // The field resolvers' own path (what the planned and compiled reads fall back to).
    compiledReads.enabled = false;
    plannedReads.enabled = false;
    try {
      app.statements.reset();
      await app.ok(NESTED_PAGE, { first: 10 });
    } finally {
      compiledReads.enabled = true;
      plannedReads.enabled = true;
    }
    const window = app.statements.statements.filter((s) => /row_number\(\) over \(partition by/i.test(s));
    // interests, goals and interactions
    expect(window).to.have.length(3);
    // The limit is part of the statement, so no more rows than asked for leave the database.
    for (const s of window) expect(s).to.match(/rank__ <= /);
  });

  for (const planned of [true, false]) {
    it(`reads the page and its nested lists in one statement on the ${planned ? 'planned' : 'compiled'} path, each list limited in SQL`, async () => {
      plannedReads.enabled = planned;
      const answered = plannedReads.answered;
      try {
        app.statements.reset();
        await app.ok(NESTED_PAGE, { first: 10 });
      } finally {
        plannedReads.enabled = true;
      }
      expect(plannedReads.answered - answered).to.equal(planned ? 1 : 0);
      expect(app.statements.statements).to.have.length(1);
      // interests, goals and interactions: a limit per stakeholder inside the statement.
      expect(app.statements.statements[0].match(/ limit (\?|\d+)\) x\)/g)).to.have.length(3);
    });
  }
});
