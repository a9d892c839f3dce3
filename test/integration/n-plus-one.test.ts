import { expect } from 'chai';
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
