import { expect } from 'chai';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

describe('the unit of work writes only what changed', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('loading records and flushing without changes sends no statement and keeps updatedAt', async () => {
    const em = app.orm.em.fork();
    const categories = await em.find(StakeholderCategory, {});
    const before = categories.map((c) => c.updatedAt.getTime());
    app.statements.reset();
    await em.flush();
    expect(app.statements.statements).to.deep.equal([]);
    const reread = await app.orm.em.fork().find(StakeholderCategory, {}, { orderBy: { id: 'asc' } });
    const byId = new Map(categories.map((c, i) => [c.id, before[i]]));
    expect(reread.every((c) => c.updatedAt.getTime() === byId.get(c.id))).to.equal(true);
  });

  it('an update through the API writes the changed stakeholder only, not its category', async () => {
    const category = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0];
    const created = await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Wijkraad Zuid", categoryId: $c }) { id } }`, { c: category.id });
    app.statements.reset();
    await app.ok(`mutation ($revision: Int!, $id: ID!) { updateStakeholder(id: $id, revision: $revision, input: { name: "Wijkraad Zuid-Oost" }) { name } }`, { id: created.createStakeholder.id });
    // The write transaction's first statement takes SQLite's write lock and changes nothing.
    const all = app.statements.statements.filter((s) => /^\s*(update|insert|delete)/i.test(s) && !/write_probe/.test(s));
    // Besides the audit trail of the change (its record, then its changed fields).
    const writes = all.filter((s) => !/audit_(record|change)/.test(s));
    expect(all.length - writes.length).to.equal(2);
    expect(writes).to.have.length(1);
    expect(writes[0]).to.match(/update [`"]stakeholder[`"]/);
    const s = await app.orm.em.fork().findOneOrFail(Stakeholder, { id: created.createStakeholder.id });
    expect(s.updatedAt.getTime()).to.be.greaterThanOrEqual(s.createdAt.getTime());
  });
});
