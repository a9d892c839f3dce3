import { expect } from 'chai';
import { seedDemo } from '../../seeds/demo.seeder';
import { ensureExampleOperations, exampleSavedOperations } from '../../seeds/saved-operations.seeder';
import { buildAppSchema } from '../../src/schema';
import { SavedOperation } from '../../src/modules/saved-operation/saved-operation.entity';
import { reportBrokenSavedOperations } from '../../src/modules/saved-operation/saved-operation.router';
import { refusal } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Saved operations (opgeslagen selecties): saved, checked against the schema, run by name with
// the caller's own rights (GraphQL and GET /saved/<name>), seeded with the example reports.

const FIELDS = 'id name title description document defaultVariables variablesToday shared mine archived revision broken ownerName';
const CREATE = `mutation ($input: CreateSavedOperationInput!) { createSavedOperation(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateSavedOperationInput!, $revision: Int!) { updateSavedOperation(id: $id, input: $input, revision: $revision) { ${FIELDS} } }`;
const ARCHIVE = `mutation ($id: ID!, $archived: Boolean) { archiveSavedOperation(id: $id, archived: $archived) { id archived } }`;
const RUN = `query ($name: String!, $variables: JSONObject) { runSavedOperation(name: $name, variables: $variables) { name data errors { message code path } } }`;
const LIST = `{ savedOperations { name shared mine } }`;

const CATEGORIES = `query Categories($sector: Sector) { stakeholderCategories(sector: $sector) { key } }`;

describe('saved operations (opgeslagen selecties)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    await seedDemo(app.orm.em.fork());
  });
  after(() => app.close());

  it('seeds the example reports as shared saved operations, once, and each runs by name without errors', async () => {
    const list = (await app.ok(`{ savedOperations { name title shared ownerName broken } }`)).savedOperations;
    const expected = exampleSavedOperations().map((o) => o.name);
    expect(list.map((o: any) => o.name).sort()).to.deep.equal([...expected].sort());
    expect(list.every((o: any) => o.shared && o.ownerName === null && o.broken.length === 0)).to.equal(true);
    expect(await ensureExampleOperations(app.orm.em.fork())).to.equal(0);
    for (const name of expected) {
      const run = (await app.ok(RUN, { name }, app.tokens.viewer)).runSavedOperation;
      expect(run.errors, name).to.deep.equal([]);
      expect(run.data, name).to.be.an('object');
    }
  });

  it('fills relative dates in the default variables with today, and lets variables override them', async () => {
    const op = (await app.ok(`{ savedOperation(name: "acties-over-tijd") { defaultVariables variablesToday } }`)).savedOperation;
    expect(op.defaultVariables).to.deep.equal({ asOf: '$today' });
    expect(op.variablesToday.asOf).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const early = (await app.ok(RUN, { name: 'acties-over-tijd', variables: { asOf: '2024-12-01' } })).runSavedOperation;
    expect(early.data.followUpActions.totalCount).to.equal(0);
  });

  it('saves a personal query for its owner only, checked against the schema, with an audit trail', async () => {
    const created = (
      await app.ok(
        CREATE,
        { input: { name: 'mijn-categorieen', title: 'Mijn categorieën', document: CATEGORIES, defaultVariables: { sector: 'HOUSING' } } },
        app.tokens.editor,
      )
    ).createSavedOperation;
    expect(created).to.include({ name: 'mijn-categorieen', shared: false, mine: true, archived: false, revision: 1, ownerName: 'Test Editor' });
    expect(created.broken).to.deep.equal([]);
    const run = (await app.ok(RUN, { name: 'mijn-categorieen' }, app.tokens.editor)).runSavedOperation;
    expect(run.data.stakeholderCategories.map((c: any) => c.key)).to.include('huurdersorganisatie');
    // Personal: not listed, not found and not run for anyone else, an administrator included.
    expect((await app.ok(LIST)).savedOperations.map((o: any) => o.name)).not.to.include('mijn-categorieen');
    expect(refusal(await app.gql(RUN, { name: 'mijn-categorieen' }), 'NOT_FOUND')).to.deep.equal(['name']);
    expect(refusal(await app.gql(ARCHIVE, { id: created.id }), 'NOT_FOUND')).to.deep.equal(['id']);
    const audit = (await app.ok(`query ($f: AuditFilter) { auditTrail(filter: $f) { edges { node { operation changes { field after } } } } }`, { f: { entityType: 'SavedOperation', entityId: created.id } })).auditTrail;
    expect(audit.edges[0].node.operation).to.equal('createSavedOperation');
    expect(audit.edges[0].node.changes.map((c: any) => c.field)).to.include.members(['name', 'document', 'shared']);
  });

  it('refuses a document that is not one valid query, with the GraphQL errors, and saves nothing', async () => {
    const before = await app.orm.em.fork().count(SavedOperation, {});
    const cases: [string, RegExp][] = [
      ['{ stakeholders { edges { node { nonsense } } } }', /Cannot query field "nonsense" on type "Stakeholder"/],
      ['{ stakeholders { ', /Syntax Error/],
      ['mutation { archiveStakeholder(id: "x") { id } }', /only queries can be saved/],
      ['query A { me { name } } query B { me { name } }', /exactly one operation/],
      ['{ runSavedOperation(name: "register") { name } }', /cannot run another saved operation/],
    ];
    for (const [document, message] of cases) {
      const res = await app.gql(CREATE, { input: { name: 'fout', title: 'Fout', document } });
      expect(refusal(res, 'BAD_USER_INPUT'), document).to.include('input.document');
      expect((res.errors![0].extensions!.fields as any[]).map((f) => f.message).join(' '), document).to.match(message);
    }
    expect(refusal(await app.gql(CREATE, { input: { name: 'Met Spaties', title: 'x', document: CATEGORIES } }), 'BAD_USER_INPUT')).to.deep.equal(['input.name']);
    expect(refusal(await app.gql(CREATE, { input: { name: 'register', title: 'x', document: CATEGORIES } }), 'CONFLICT')).to.deep.equal(['input.name']);
    expect(refusal(await app.gql(CREATE, { input: { name: 'mag-niet', title: 'x', document: CATEGORIES } }, app.tokens.viewer), 'FORBIDDEN')).to.deep.equal([]);
    expect(await app.orm.em.fork().count(SavedOperation, {})).to.equal(before);
  });

  it('runs with the caller\'s own rights and the usual query limits', async () => {
    await app.ok(CREATE, { input: { name: 'gebruikers', title: 'Gebruikers', document: '{ users { name role } }', shared: true } });
    expect((await app.ok(RUN, { name: 'gebruikers' })).runSavedOperation.data.users.length).to.be.greaterThan(0);
    const asEditor = (await app.ok(RUN, { name: 'gebruikers' }, app.tokens.editor)).runSavedOperation;
    expect(asEditor.errors.map((e: any) => [e.code, e.path])).to.deep.equal([['FORBIDDEN', 'users']]);
    // The page size limit holds inside a saved operation as in a request of its own.
    const tooMany = (await app.ok(RUN, { name: 'register', variables: { first: 100_000 } })).runSavedOperation;
    expect([tooMany.data, tooMany.errors.map((e: any) => [e.code, e.path])]).to.deep.equal([null, [['BAD_USER_INPUT', 'stakeholders']]]);
    expect(tooMany.errors[0].message).to.match(/MAX_PAGE_SIZE/);
  });

  it('changes a shared one with its revision, archives and restores it; an archived one does not run', async () => {
    const op = (await app.ok(`{ savedOperation(name: "governancecodes") { id revision } }`)).savedOperation;
    const updated = (await app.ok(UPDATE, { id: op.id, revision: op.revision, input: { title: 'Codes en bepalingen' } }, app.tokens.editor)).updateSavedOperation;
    expect([updated.title, updated.revision]).to.deep.equal(['Codes en bepalingen', op.revision + 1]);
    expect(refusal(await app.gql(UPDATE, { id: op.id, revision: op.revision, input: { title: 'x' } }), 'CONFLICT')).to.deep.equal(['revision']);
    const broken = await app.gql(UPDATE, { id: op.id, revision: updated.revision, input: { document: '{ nothing }' } });
    expect(refusal(broken, 'BAD_USER_INPUT')).to.deep.equal(['input.document']);
    await app.ok(ARCHIVE, { id: op.id });
    expect(refusal(await app.gql(RUN, { name: 'governancecodes' }), 'NOT_FOUND')).to.deep.equal(['name']);
    expect((await app.ok(`{ savedOperations(archived: ARCHIVED) { name } }`)).savedOperations.map((o: any) => o.name)).to.include('governancecodes');
    await app.ok(ARCHIVE, { id: op.id, archived: false });
    expect((await app.ok(RUN, { name: 'governancecodes' })).runSavedOperation.errors).to.deep.equal([]);
  });

  it('answers GET /saved/<name> with the operation\'s own data, with the token, and clear errors without', async () => {
    const get = (path: string, token: string | null = app.tokens.viewer) =>
      fetch(`${app.url}saved/${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const ok = await get(`acties-over-tijd?variables=${encodeURIComponent(JSON.stringify({ asOf: '2026-11-23' }))}`);
    expect(ok.status).to.equal(200);
    const body = (await ok.json()) as any;
    expect(body.data.followUpActions.totalCount).to.be.greaterThan(0);
    expect(body.errors).to.equal(undefined);
    expect((await get('acties-over-tijd', null)).status).to.equal(401);
    const missing = await get('bestaat-niet');
    expect([missing.status, ((await missing.json()) as any).errors[0].extensions.code]).to.deep.equal([404, 'NOT_FOUND']);
    const bad = await get('acties-over-tijd?variables=%7Bnope');
    expect([bad.status, ((await bad.json()) as any).errors[0].extensions.fields[0].path]).to.deep.equal([400, 'variables']);
  });

  it('names a saved operation that a schema change broke: its `broken` field and the start-up log', async () => {
    const em = app.orm.em.fork();
    const op = new SavedOperation();
    Object.assign(op, { name: 'oud-rapport', title: 'Oud rapport', document: '{ stakeholders { edges { node { removedField } } } }', shared: true });
    await em.persist(op).flush();
    const listed = (await app.ok(`{ savedOperation(name: "oud-rapport") { broken } }`)).savedOperation;
    expect(listed.broken[0]).to.match(/Cannot query field "removedField"/);
    const warnings: string[] = [];
    const logger = { warn: (_o: unknown, message: string) => warnings.push(message) } as never;
    const schema = await buildAppSchema();
    const limits = { ...app.config.limits, defaultPageSize: app.config.defaultPageSize, maxPageSize: app.config.maxPageSize };
    expect(await reportBrokenSavedOperations(app.orm, schema, limits, logger)).to.deep.equal(['oud-rapport']);
    expect(warnings).to.deep.equal(['saved operation "oud-rapport" no longer fits the schema']);
    expect(refusal(await app.gql(RUN, { name: 'oud-rapport' }), 'BAD_USER_INPUT')).to.deep.equal(['name']);
  });
});
