import { expect } from 'chai';
import { Interaction } from '../../src/modules/interaction/interaction.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { MISSING } from '../helpers/api';

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name tags } }`;
const UPDATE = `mutation ($revision: Int!, $id: ID!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { id name tags category { key } } }`;

describe('errors: clear codes, the fields at fault, nothing written', () => {
  let app: TestApp;
  let categoryId: string;

  before(async () => {
    app = await startTestApp();
    const data = await app.ok(`{ stakeholderCategories { id key } }`);
    categoryId = data.stakeholderCategories[0].id;
  });
  after(() => app.close());

  const count = (entity: typeof Stakeholder | typeof Interaction) => app.orm.em.fork().count(entity, {});

  it('BAD_USER_INPUT names each field at fault with its path', async () => {
    const res = await app.gql(CREATE, { input: { name: ' ', categoryId: 'not-a-uuid', website: 'ftp:/nope', tags: ['ok', '#bad'] } });
    expect(res.errors).to.have.length(1);
    const error = res.errors![0];
    expect(error.extensions?.code).to.equal('BAD_USER_INPUT');
    const paths = error.extensions!.fields.map((f: { path: string }) => f.path);
    expect(paths).to.include.members(['input.name', 'input.categoryId', 'input.website', 'input.tags']);
    expect(await count(Stakeholder)).to.equal(0);
  });

  it('an explicit null for a required field is refused, not stored', async () => {
    const created = await app.ok(CREATE, { input: { name: 'Huurdersvereniging Noord', categoryId } });
    const res = await app.gql(UPDATE, { id: created.createStakeholder.id, input: { name: null } });
    expect(res.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields[0].path).to.equal('input.name');
    const after = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { name } }`, { id: created.createStakeholder.id });
    expect(after.stakeholder.name).to.equal('Huurdersvereniging Noord');
  });

  it('an unknown id gives NOT_FOUND, for queries and for referenced ids in inputs', async () => {
    for (const id of [MISSING, 'abc']) {
      const res = await app.gql(`query ($id: ID!) { stakeholder(id: $id) { id } }`, { id });
      expect(res.errors![0].extensions?.code).to.equal('NOT_FOUND');
      expect(res.data).to.equal(null);
    }
    const res = await app.gql(CREATE, { input: { name: 'Gemeente Rivierstad', categoryId: MISSING } });
    expect(res.errors![0].extensions?.code).to.equal('NOT_FOUND');
    expect(res.errors![0].extensions!.fields[0].path).to.equal('input.categoryId');
  });

  it('a failed update writes nothing, not even the parts that were valid', async () => {
    const created = await app.ok(CREATE, { input: { name: 'Woonbond afdeling Oost', categoryId, tags: ['oost'] } });
    const id = created.createStakeholder.id;
    const res = await app.gql(UPDATE, { id, input: { name: 'Renamed', tags: ['changed'], categoryId: MISSING } });
    expect(res.errors![0].extensions?.code).to.equal('NOT_FOUND');
    const after = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { name tags } }`, { id });
    expect(after.stakeholder).to.deep.equal({ name: 'Woonbond afdeling Oost', tags: ['oost'] });
  });

  it('a failed create with nested follow-up actions writes no interaction and no action', async () => {
    const s = await app.ok(CREATE, { input: { name: 'Politie basisteam', categoryId } });
    const before = await count(Interaction);
    const res = await app.gql(
      `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id } }`,
      {
        input: {
          occurredOn: '2026-01-15', kind: 'MEETING', subject: 'Overleg woonoverlast',
          stakeholderIds: [s.createStakeholder.id], goalIds: [MISSING],
          followUpActions: [{ description: 'Verslag rondsturen', dueOn: '2026-01-31' }],
        },
      },
    );
    expect(res.errors![0].extensions?.code).to.equal('NOT_FOUND');
    expect(await count(Interaction)).to.equal(before);
    const actions = await app.orm.em.fork().getConnection().execute('select count(*) as n from follow_up_action');
    expect(Number(actions[0].n)).to.equal(0);
  });

  it('page size, cursors and dates are checked', async () => {
    const tooMany = await app.gql(`{ stakeholders(first: 1000) { totalCount } }`);
    expect(tooMany.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');
    expect(tooMany.errors![0].extensions!.fields[0].path).to.equal('first');
    const badCursor = await app.gql(`{ stakeholders(after: "garbage") { totalCount } }`);
    expect(badCursor.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');
    expect(badCursor.errors![0].extensions!.fields[0].path).to.equal('after');
    const badDate = await app.gql(`query ($d: LocalDate!) { interactions(filter: { from: $d }) { totalCount } }`, { d: '2025-02-30' });
    expect(badDate.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');
  });

  it('no stack trace or SQL reaches a client: not for a bug, and not when the database is gone', async () => {
    const broken = await startTestApp();
    try {
      // A bug (here a table that is missing) is an internal error without detail.
      const c = (await broken.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
      await broken.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "A", categoryId: $c }) { id } }`, { c });
      await broken.orm.em.getConnection().execute('drop table stakeholder_tag');
      const bug = await broken.gql(`{ stakeholders { edges { node { tags } } } }`);
      expect(bug.errors![0].extensions?.code).to.equal('INTERNAL_SERVER_ERROR');
      expect(bug.errors![0].message).to.equal('Internal server error');
      expect(JSON.stringify(bug)).not.to.match(/stacktrace|select |sqlite|knex|stakeholder_tag|at .*\.js/i);
      // A database that is gone is a fault of the moment: SERVICE_UNAVAILABLE, still without detail.
      await broken.orm.close(true);
      const res = await broken.gql(`{ stakeholders { totalCount } }`);
      expect(res.errors![0].extensions?.code).to.equal('SERVICE_UNAVAILABLE');
      expect(res.errors![0].extensions?.reason).to.equal('DATABASE_UNAVAILABLE');
      const text = JSON.stringify(res);
      expect(text).not.to.match(/stacktrace|select |sqlite|knex|at .*\.js/i);
    } finally {
      await broken.server.close();
      await broken.db.drop();
    }
  });

  it('a malformed request body gets a JSON error, not an HTML stack trace', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(res.status).to.equal(400);
    const body = await res.text();
    expect(body).not.to.match(/<html|at .*\.js/i);
    expect(JSON.parse(body).errors[0].extensions.code).to.equal('BAD_REQUEST');
  });
});
