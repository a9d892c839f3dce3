import { expect } from 'chai';
import { isObjectType } from 'graphql';
import { AuditRecord } from '../../src/modules/audit/audit.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { buildAppSchema } from '../../src/schema';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Every argument is checked before anything runs, so what a client is told matches what was
// saved: a mutation whose selection asks for a bad nested argument is refused before it
// commits, text with control characters or invalid Unicode is BAD_USER_INPUT naming the field,
// and a forged cursor is BAD_USER_INPUT on `after`.

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name } }`;

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('input checks before execution: nested arguments, text and cursors', () => {
  let app: TestApp;
  let categoryId: string;

  before(async () => {
    app = await startTestApp();
    categoryId = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
  });
  after(() => app?.close());

  const counts = async () => {
    const em = app.orm.em.fork();
    return { stakeholders: await em.count(Stakeholder, {}), audit: await em.count(AuditRecord, {}) };
  };

  it('refuses a mutation whose selection has a bad nested argument before it runs: nothing is written', async () => {
    const before = await counts();
    for (const selection of ['history(last: 0) { id }', 'history(last: 101) { id }', 'contacts(first: -1) { id }', 'interactions(first: 101) { id }']) {
      const res = await app.gql(`mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id ${selection} } }`, {
        input: { name: 'Huurdersraad Zuid', categoryId },
      });
      expect(res.data ?? null, selection).to.equal(null);
      expect(res.errors?.[0].extensions?.code, selection).to.equal('BAD_USER_INPUT');
      expect(res.errors?.[0].path, selection).to.deep.equal(['createStakeholder', selection.split('(')[0]]);
      expect(res.errors?.[0].extensions?.fields[0].path, selection).to.equal(selection.split('(')[1].split(':')[0]);
    }
    expect(await counts()).to.deep.equal(before);
    // The same selection with good arguments answers with what was written.
    const ok = await app.ok(`mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id history(last: 1) { operation } } }`, {
      input: { name: 'Huurdersraad Zuid', categoryId },
    });
    expect(ok.createStakeholder.history).to.deep.equal([{ operation: 'createStakeholder' }]);
  });

  it('lets nested fields take only arguments that are checked before execution', async () => {
    // first/last are range-checked by the pre-execution walk; the others are fully checked by
    // GraphQL's own coercion (enums and scalars). A new nested argument with a rule of its own
    // in a resolver would be checked only after a mutation committed: add it here and to the walk.
    const checkedBeforeExecution = new Set(['first: Int', 'last: Int!', 'asOf: LocalDate', 'entityId: ID', 'archived: ArchiveFilter!', 'dueFrom: LocalDate', 'dueTo: LocalDate', 'from: LocalDate', 'to: LocalDate', 'includeSuperseded: Boolean!']);
    const schema = await buildAppSchema();
    const others: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType() || type === schema.getMutationType()) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) if (!checkedBeforeExecution.has(`${arg.name}: ${arg.type}`)) others.push(`${type.name}.${field.name}(${arg.name}: ${arg.type})`);
      }
    }
    expect(others).to.deep.equal([]);
  });

  it('refuses NUL, other control characters and invalid Unicode in any text, naming the field', async () => {
    const before = await counts();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'Huurders\u0000raad', categoryId }, 'input.name'],
      [{ name: 'Huurdersraad', categoryId, description: 'bell \u0007 here' }, 'input.description'],
      [{ name: 'Huurdersraad', categoryId, tags: ['ok', 'bad\u001b'] }, 'input.tags.1'],
      [{ name: 'Half a pair \ud83d', categoryId }, 'input.name'],
      [{ name: 'Lone low \udc00 surrogate', categoryId }, 'input.name'],
    ];
    for (const [input, path] of cases) {
      const res = await app.gql(CREATE, { input });
      expect(res.errors?.[0].extensions?.code, path).to.equal('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields.map((f: any) => f.path), path).to.deep.equal([path]);
    }
    // Literals in the query are checked too, and so are queries' arguments.
    const literal = await app.gql(`mutation { createStakeholder(input: { name: "Nul\\u0000", categoryId: "${categoryId}" }) { id } }`);
    expect(literal.errors?.[0].extensions?.fields[0].path).to.equal('input.name');
    const search = await app.gql(`query ($t: String) { stakeholders(filter: { text: $t }) { totalCount } }`, { t: 'a\u0000b' });
    expect(search.errors?.[0].extensions?.fields[0].path).to.equal('filter.text');
    expect(await counts()).to.deep.equal(before);
    // Tab, line feed, carriage return and every valid character pass.
    const fine = await app.ok(CREATE, { input: { name: 'Wijkraad 😀 Noord', categoryId, description: 'regel 1\r\nregel 2\tmet tab' } });
    expect(fine.createStakeholder.name).to.equal('Wijkraad 😀 Noord');
  });

  it('refuses a forged or foreign cursor with BAD_USER_INPUT on after', async () => {
    for (let i = 0; i < 3; i++) await app.ok(CREATE, { input: { name: `Cursor ${i}`, categoryId } });
    const page = await app.ok(`{ stakeholders(first: 1) { pageInfo { endCursor } } }`);
    const real = page.stakeholders.pageInfo.endCursor;
    expect((await app.ok(`query ($a: String) { stakeholders(first: 1, after: $a) { edges { node { name } } } }`, { a: real })).stakeholders.edges).to.have.length(1);
    const other = (await app.ok(`{ auditTrail(first: 1) { pageInfo { endCursor } } }`)).auditTrail.pageInfo.endCursor;
    const forged = [
      cursor([{ foo: 'bar' }, 'x']),
      cursor([null, null]),
      cursor(['Cursor 0', 'not-a-uuid']),
      cursor([1, 2]),
      cursor(['a', 'b', 'c']),
      cursor({ name: 'x' }),
      'not base64 at all!',
      '',
      other,
    ];
    for (const after of forged) {
      const res = await app.gql(`query ($a: String) { stakeholders(first: 1, after: $a) { totalCount } }`, { a: after });
      expect(res.errors?.[0].extensions?.code, after).to.equal('BAD_USER_INPUT');
      expect(res.errors?.[0].extensions?.fields[0].path, after).to.equal('after');
    }
    // A date-ordered list refuses a cursor whose first value is not a date.
    const res = await app.gql(`query ($a: String) { auditTrail(first: 1, after: $a) { totalCount } }`, { a: cursor(['yesterday', '00000000-0000-4000-8000-000000000000']) });
    expect(res.errors?.[0].extensions?.fields[0].path).to.equal('after');
  });
});
