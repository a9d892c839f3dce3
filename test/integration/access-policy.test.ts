import { expect } from 'chai';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { assertPolicyCovers } from '../../src/modules/access/policy';
import { buildAppSchema } from '../../src/schema';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The access policy from the outside: every Query and Mutation field of the built schema is
// called by every kind of caller, and the outcome is compared with the table below. A field
// without a row fails the test, so a new field must be given its rule here (and in
// src/modules/access/policy.ts, or the schema does not build).
//
// "ok" means the policy let the call through: any answer but FORBIDDEN or UNAUTHENTICATED
// (data, NOT_FOUND, BAD_USER_INPUT, CONFLICT …). The arguments are placeholders, so the policy
// must decide before input validation and lookups.

const CALLERS = ['admin', 'adminReadOnly', 'editor', 'viewer', 'noToken'] as const;
type Outcome = 'ok' | '403' | '401';

// Rows: the outcome for   admin (read-write) · admin with a read-only token · editor · viewer · no token
const EXPECTED: Record<'Query' | 'Mutation', Record<string, string>> = {
  Query: {
    accountabilityMoment:    'ok  ok  ok  ok  401',
    accountabilityMoments:   'ok  ok  ok  ok  401',
    accountabilityOverview:  'ok  ok  ok  ok  401',
    accountabilityTo:        'ok  ok  ok  ok  401',
    agreement:               'ok  ok  ok  ok  401',
    agreements:              'ok  ok  ok  ok  401',
    annualReport:            'ok  ok  ok  ok  401',
    auditTrail:              'ok  ok  ok  ok  401',
    codeProvision:           'ok  ok  ok  ok  401',
    commitment:              'ok  ok  ok  ok  401',
    commitments:             'ok  ok  ok  ok  401',
    complianceReport:        'ok  ok  ok  ok  401',
    contactPerson:           'ok  ok  ok  ok  401',
    contactPersons:          'ok  ok  ok  ok  401',
    followUpAction:          'ok  ok  ok  ok  401',
    followUpActions:         'ok  ok  ok  ok  401',
    goalMeasurement:         'ok  ok  ok  ok  401',
    governanceCode:          'ok  ok  ok  ok  401',
    governanceCodes:         'ok  ok  ok  ok  401',
    interaction:             'ok  ok  ok  ok  401',
    interactions:            'ok  ok  ok  ok  401',
    interest:                'ok  ok  ok  ok  401',
    interests:               'ok  ok  ok  ok  401',
    me:                      'ok  ok  ok  ok  401',
    obligation:              'ok  ok  ok  ok  401',
    obligations:             'ok  ok  ok  ok  401',
    personalDataExport:      'ok  ok  403 403 401',
    previewSchedule:         'ok  ok  ok  ok  401',
    stakeholder:             'ok  ok  ok  ok  401',
    stakeholderAssessment:   'ok  ok  ok  ok  401',
    stakeholderCategories:   'ok  ok  ok  ok  401',
    stakeholderCategory:     'ok  ok  ok  ok  401',
    stakeholders:            'ok  ok  ok  ok  401',
    statusLabels:            'ok  ok  ok  ok  401',
    savedOperations:         'ok  ok  ok  ok  401',
    savedOperation:          'ok  ok  ok  ok  401',
    runSavedOperation:       'ok  ok  ok  ok  401',
    strategicGoal:           'ok  ok  ok  ok  401',
    strategicGoals:          'ok  ok  ok  ok  401',
    users:                   'ok  ok  403 403 401',
  },
  Mutation: {
    createSavedOperation:         'ok  403 ok  403 401',
    updateSavedOperation:         'ok  403 ok  403 401',
    archiveSavedOperation:        'ok  403 ok  403 401',
    addMomentEvidence:            'ok  403 ok  403 401',
    archiveAgreement:             'ok  403 ok  403 401',
    archiveCodeProvision:         'ok  403 ok  403 401',
    archiveCommitment:            'ok  403 ok  403 401',
    archiveContactPerson:         'ok  403 ok  403 401',
    archiveFollowUpAction:        'ok  403 ok  403 401',
    archiveGoalMeasurement:       'ok  403 ok  403 401',
    archiveGovernanceCode:        'ok  403 ok  403 401',
    archiveInteraction:           'ok  403 ok  403 401',
    archiveInterest:              'ok  403 ok  403 401',
    archiveObligation:            'ok  403 ok  403 401',
    decideApplication:            'ok  403 ok  403 401',
    archiveStakeholder:           'ok  403 ok  403 401',
    archiveStakeholderAssessment: 'ok  403 ok  403 401',
    archiveStakeholderCategory:   'ok  403 ok  403 401',
    archiveStrategicGoal:         'ok  403 ok  403 401',
    archiveUser:                  'ok  403 403 403 401',
    createAgreement:              'ok  403 ok  403 401',
    createApiToken:               'ok  403 ok  403 401', // own tokens; only an admin for others (tested below)
    createCodeProvision:          'ok  403 ok  403 401',
    createCommitment:             'ok  403 ok  403 401',
    createContactPerson:          'ok  403 ok  403 401',
    createFollowUpAction:         'ok  403 ok  403 401',
    createGoalMeasurement:        'ok  403 ok  403 401',
    createGovernanceCode:         'ok  403 ok  403 401',
    createInteraction:            'ok  403 ok  403 401',
    createInterest:               'ok  403 ok  403 401',
    createObligation:             'ok  403 ok  403 401',
    createStakeholder:            'ok  403 ok  403 401',
    createStakeholderAssessment:  'ok  403 ok  403 401',
    createStakeholderCategory:    'ok  403 ok  403 401',
    createStrategicGoal:          'ok  403 ok  403 401',
    createUser:                   'ok  403 403 403 401',
    deliverCommitment:            'ok  403 ok  403 401',
    eraseContactPerson:           'ok  403 403 403 401',
    recordMomentHeld:             'ok  403 ok  403 401',
    reopenCommitment:             'ok  403 ok  403 401',
    reopenMoment:                 'ok  403 ok  403 401',
    revokeApiToken:               'ok  403 ok  403 401', // own tokens; only an admin for others (tested below)
    updateAgreement:              'ok  403 ok  403 401',
    updateCodeProvision:          'ok  403 ok  403 401',
    updateCommitment:             'ok  403 ok  403 401',
    updateContactPerson:          'ok  403 ok  403 401',
    updateFollowUpAction:         'ok  403 ok  403 401',
    updateGoalMeasurement:        'ok  403 ok  403 401',
    updateGovernanceCode:         'ok  403 ok  403 401',
    updateInteraction:            'ok  403 ok  403 401',
    updateInterest:               'ok  403 ok  403 401',
    updateObligation:             'ok  403 ok  403 401',
    updateStakeholder:            'ok  403 ok  403 401',
    updateStakeholderAssessment:  'ok  403 ok  403 401',
    updateStakeholderCategory:    'ok  403 ok  403 401',
    updateStrategicGoal:          'ok  403 ok  403 401',
    updateUser:                   'ok  403 403 403 401',
    waiveMoment:                  'ok  403 ok  403 401',
    withdrawCommitment:           'ok  403 ok  403 401',
  },
};

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** A value of the right type for every required argument or input field. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => [f.name, sample(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return PLACEHOLDER_ID;
      case 'Int':
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'LocalDate':
        return '2025-01-01';
      case 'DateTimeISO':
        return '2030-01-01T00:00:00.000Z';
      default:
        return 'x';
    }
  }
  throw new Error(`no sample for ${String(type)}`);
}

/** The field called with placeholders for its required arguments, selecting only `__typename`. */
function call(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } {
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
  const decl = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const pass = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${kind}${decl ? `(${decl})` : ''} { ${field.name}${pass ? `(${pass})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, sample(a.type)])),
  };
}

function parseRow(row: string): Outcome[] {
  const cells = row.trim().split(/\s+/);
  if (cells.length !== CALLERS.length || cells.some((c) => !['ok', '403', '401'].includes(c))) throw new Error(`bad row: "${row}"`);
  return cells as Outcome[];
}

describe('access policy: every query and mutation for every role and token kind', function () {
  this.timeout(120_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  const tokenOf = (caller: (typeof CALLERS)[number]): string | null =>
    ({ admin: app.tokens.admin, adminReadOnly: app.tokens.readOnly, editor: app.tokens.editor, viewer: app.tokens.viewer, noToken: null })[caller];

  it('has one row for every root field of the schema, and no row for a field that is gone', async () => {
    const schema = await buildAppSchema();
    for (const root of ['Query', 'Mutation'] as const) {
      const type = root === 'Query' ? schema.getQueryType()! : schema.getMutationType()!;
      const fields = Object.keys(type.getFields()).sort();
      expect(fields, `${root} fields without a row in EXPECTED (or rows without a field)`).to.deep.equal(Object.keys(EXPECTED[root]).sort());
    }
  });

  it('refuses to build a schema with a root field that has no rule in the policy', () => {
    expect(() => assertPolicyCovers(buildSchema('type Query { me: Int, somethingNew: Int }'))).to.throw(/Query.somethingNew has no rule/);
    expect(() => assertPolicyCovers(buildSchema('type Query { me: Int }'))).to.throw(/Query.users has a rule but is not in the schema/);
  });

  it('answers each call as the table says', async () => {
    const schema = await buildAppSchema();
    const mismatches: string[] = [];
    let calls = 0;
    for (const [root, type] of [['Query', schema.getQueryType()!], ['Mutation', schema.getMutationType()!]] as const) {
      for (const field of Object.values(type.getFields())) {
        const row = EXPECTED[root][field.name];
        if (!row) {
          mismatches.push(`${root}.${field.name}: no row in the table`);
          continue;
        }
        const expected = parseRow(row);
        const { query, variables } = call(root === 'Query' ? 'query' : 'mutation', field);
        const got: Outcome[] = [];
        for (const caller of CALLERS) {
          const res = await app.gql(query, variables, tokenOf(caller));
          calls++;
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          expect(codes, `${root}.${field.name} as ${caller}: ${JSON.stringify(res.errors)}`).to.not.include('INTERNAL_SERVER_ERROR');
          got.push(codes.includes('UNAUTHENTICATED') ? '401' : codes.includes('FORBIDDEN') ? '403' : 'ok');
        }
        if (got.join(' ') !== expected.join(' ')) mismatches.push(`${root}.${field.name}: expected "${expected.join(' ')}", got "${got.join(' ')}"`);
      }
    }
    expect(mismatches).to.deep.equal([]);
    expect(calls).to.be.greaterThan(80 * CALLERS.length);
  });

  it('lets a writer make and revoke only their own tokens; an administrator those of anyone', async () => {
    const admin = (await app.ok('{ me { user { id } token { id } } }')).me;
    const editor = (await app.ok('{ me { user { id } token { id } } }', {}, app.tokens.editor)).me;

    // Refused before the input is looked at: a blank name does not turn it into BAD_USER_INPUT.
    for (const name of ['x', ' ']) {
      const forAdmin = await app.gql(`mutation ($u: ID, $n: String!) { createApiToken(input: { userId: $u, name: $n }) { secret } }`, { u: admin.user.id, n: name }, app.tokens.editor);
      expect(forAdmin.errors?.[0].extensions?.code, name).to.equal('FORBIDDEN');
    }
    const own = await app.gql(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "eigen" }) { token { id user { id } } } }`, { u: editor.user.id }, app.tokens.editor);
    expect(own.data.createApiToken.token.user.id).to.equal(editor.user.id);

    const revokeAdmins = await app.gql(`mutation ($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: admin.token.id }, app.tokens.editor);
    expect(revokeAdmins.errors?.[0].extensions?.code).to.equal('FORBIDDEN');
    await app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: own.data.createApiToken.token.id }, app.tokens.editor);

    const byAdmin = (await app.ok(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "door beheerder" }) { token { id user { id } } } }`, { u: editor.user.id })).createApiToken;
    expect(byAdmin.token.user.id).to.equal(editor.user.id);
    await app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: byAdmin.token.id });
  });

  it('shows a user their own tokens, and an administrator everyone\'s', async () => {
    const mine = (await app.ok('{ me { user { apiTokens { name } } } }', {}, app.tokens.viewer)).me.user.apiTokens;
    expect(mine.map((t: any) => t.name)).to.deep.equal(['test viewer']);
    const all = (await app.ok('{ users { name apiTokens { name } } }')).users;
    expect(all.find((u: any) => u.name === 'Test Viewer').apiTokens).to.deep.equal([{ name: 'test viewer' }]);
  });

  it('keeps an administrator from demoting or deactivating themselves', async () => {
    const me = (await app.ok('{ me { user { id } } }')).me.user.id;
    const demote = await app.gql(`mutation ($id: ID!, $revision: Int!) { updateUser(id: $id, revision: $revision, input: { role: EDITOR }) { role } }`, { id: me });
    expect(demote.errors?.[0].extensions).to.deep.include({ code: 'CONFLICT' });
    const deactivate = await app.gql(`mutation ($id: ID!) { archiveUser(id: $id) { id } }`, { id: me });
    expect(deactivate.errors?.[0].extensions).to.deep.include({ code: 'CONFLICT' });
  });
});

describe('access policy: what the audit trail shows to whom', function () {
  this.timeout(120_000);
  let app: TestApp;
  let contactId: string;
  let stakeholderId: string;
  /** Values that only an administrator may see in the audit trail. */
  const SECRET_VALUES = ['Petronella Koster', 'p.koster@example.nl', 'pk@example.nl', '06-98765432', 'Secretaris', 'Nieuwe Collega', 'collega@example.org', 'Dashboard gemeente'];

  const TRAIL = `query ($f: AuditFilter, $first: Int, $after: String) {
    auditTrail(filter: $f, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id operation entityType entityId userId userName tokenId changes { entityType entityId field before after redacted } } }
    }
  }`;

  before(async () => {
    app = await startTestApp();
    const categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
    const user = (await app.ok(`mutation { createUser(input: { name: "Nieuwe Collega", email: "collega@example.org", role: EDITOR }) { id } }`)).createUser;
    await app.ok(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "Dashboard gemeente" }) { secret } }`, { u: user.id });
    await app.ok(`mutation ($id: ID!, $revision: Int!) { updateUser(id: $id, revision: $revision, input: { role: VIEWER }) { id } }`, { id: user.id });
    stakeholderId = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurdersvereniging Oost", categoryId: $c }) { id } }`, { c: categoryId })).createStakeholder.id;
    contactId = (
      await app.ok(
        `mutation ($s: ID!) { createContactPerson(input: { stakeholderId: $s, name: "Petronella Koster", email: "p.koster@example.nl", phone: "06-98765432", role: "Secretaris" }) { id } }`,
        { s: stakeholderId },
      )
    ).createContactPerson.id;
    await app.ok(`mutation ($id: ID!, $revision: Int!) { updateContactPerson(id: $id, revision: $revision, input: { email: "pk@example.nl", contactPermitted: false }) { id } }`, { id: contactId }, app.tokens.editor);
    await app.ok(`mutation ($id: ID!, $revision: Int!) { updateStakeholder(id: $id, revision: $revision, input: { description: "Bewonerscommissie" }) { id } }`, { id: stakeholderId }, app.tokens.editor);
  });
  after(() => app?.close());

  const trail = (token: string, f: Record<string, unknown> = {}, first = 100, after?: string) => app.ok(TRAIL, { f, first, after }, token).then((d) => d.auditTrail);

  for (const who of ['viewer', 'editor'] as const) {
    it(`shows a${who === 'editor' ? 'n' : ''} ${who} no audit records of users and API tokens, also not when asked for them`, async () => {
      const token = app.tokens[who];
      for (const f of [{ entityType: 'User' }, { entityType: 'ApiToken' }, { operation: 'createUser' }, { operation: 'createApiToken' }, { operation: 'updateUser' }]) {
        const page = await trail(token, f);
        expect(page.totalCount, JSON.stringify(f)).to.equal(0);
        expect(page.edges, JSON.stringify(f)).to.deep.equal([]);
      }
      const users = (await app.ok('{ users { id } }')).users.map((u: any) => u.id);
      for (const id of users) expect((await trail(token, { entityId: id })).totalCount).to.equal(0);

      const all = await trail(token);
      const admin = await trail(app.tokens.admin);
      // createUser, createApiToken, updateUser: the three records of access changes are left out of the count too.
      expect(all.totalCount).to.equal(admin.totalCount - 3);
      expect(all.edges.map((e: any) => e.node.operation)).to.deep.equal(['updateStakeholder', 'updateContactPerson', 'createContactPerson', 'createStakeholder']);
      const types = all.edges.flatMap((e: any) => [e.node.entityType, ...e.node.changes.map((c: any) => c.entityType)]);
      expect(types).to.not.include.members(['User']);
      expect(types).to.not.include.members(['ApiToken']);
    });

    it(`pages the ${who}'s audit trail over the visible records only`, async () => {
      const token = app.tokens[who];
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await trail(token, {}, 1, after);
        expect(page.totalCount).to.equal(4);
        seen.push(...page.edges.map((e: any) => e.node.operation));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).to.deep.equal(['updateStakeholder', 'updateContactPerson', 'createContactPerson', 'createStakeholder']);
    });

    it(`shows a${who === 'editor' ? 'n' : ''} ${who} no personal data in any audit change: the values are redacted`, async () => {
      const token = app.tokens[who];
      const body = JSON.stringify(await trail(token));
      const history = await app.ok(
        `query ($c: ID!, $s: ID!) {
          contactPerson(id: $c) { history { changes { entityType field before after redacted } } }
          stakeholder(id: $s) { history { changes { entityType field before after redacted } } }
        }`,
        { c: contactId, s: stakeholderId },
        token,
      );
      for (const value of SECRET_VALUES) {
        expect(body, value).to.not.contain(value);
        expect(JSON.stringify(history), value).to.not.contain(value);
      }
      const changes = history.contactPerson.history.flatMap((r: any) => r.changes).filter((c: any) => c.entityType === 'ContactPerson');
      const personal = changes.filter((c: any) => ['name', 'email', 'phone', 'role'].includes(c.field));
      expect(personal.length).to.equal(5); // created with four, then the e-mail changed
      for (const c of personal) expect(c, c.field).to.deep.include({ before: null, after: null, redacted: true });
      // What is not personal data stays readable: who may be contacted, which stakeholder, other records.
      expect(changes.find((c: any) => c.field === 'contactPermitted')).to.deep.include({ before: 'true', after: 'false', redacted: false });
      const described = history.stakeholder.history.flatMap((r: any) => r.changes).find((c: any) => c.field === 'description');
      expect(described).to.deep.include({ after: '"Bewonerscommissie"', redacted: false });
    });
  }

  it('names the author to an editor, and to a viewer neither the author nor the token; token ids only to an administrator', async () => {
    const latest = (token: string) => trail(token, { operation: 'updateStakeholder' }).then((p) => p.edges[0].node);
    const editorId = (await app.ok('{ me { user { id } } }', {}, app.tokens.editor)).me.user.id;
    expect(await latest(app.tokens.viewer)).to.deep.include({ userId: null, userName: null, tokenId: null });
    expect(await latest(app.tokens.editor)).to.deep.include({ userId: editorId, userName: 'Test Editor', tokenId: null });
    const admin = await latest(app.tokens.admin);
    expect(admin).to.deep.include({ userId: editorId, userName: 'Test Editor' });
    expect(admin.tokenId).to.be.a('string');
    const history = await app.ok(`query ($s: ID!) { stakeholder(id: $s) { history { userId userName tokenId } } }`, { s: stakeholderId }, app.tokens.viewer);
    for (const r of history.stakeholder.history) expect(r).to.deep.equal({ userId: null, userName: null, tokenId: null });
  });

  it('lets no viewer ask for the changes of one user: they do not see who made a change', async () => {
    const editorId = (await app.ok('{ me { user { id } } }', {}, app.tokens.editor)).me.user.id;
    const res = await app.gql(TRAIL, { f: { userId: editorId } }, app.tokens.viewer);
    expect(res.errors?.[0].extensions?.code).to.equal('FORBIDDEN');
    expect((await trail(app.tokens.editor, { userId: editorId })).edges.map((e: any) => e.node.operation)).to.deep.equal(['updateStakeholder', 'updateContactPerson']);
  });

  it('shows an administrator everything: access records and personal-data values, also with a read-only token', async () => {
    for (const token of [app.tokens.admin, app.tokens.readOnly]) {
      expect((await trail(token, { entityType: 'User' })).totalCount).to.equal(2);
      expect((await trail(token, { entityType: 'ApiToken' })).totalCount).to.equal(1);
      const body = JSON.stringify(await trail(token));
      for (const value of SECRET_VALUES) expect(body, value).to.contain(value);
      const history = (await app.ok(`query ($c: ID!) { contactPerson(id: $c) { history { changes(entityId: $c) { field before after redacted } } } }`, { c: contactId }, token)).contactPerson.history;
      expect(history[0].changes.find((c: any) => c.field === 'email')).to.deep.equal({ field: 'email', before: '"p.koster@example.nl"', after: '"pk@example.nl"', redacted: false });
    }
    const exported = (await app.ok(`query ($c: ID!) { personalDataExport(contactPersonId: $c) { auditChanges { field after redacted } } }`, { c: contactId })).personalDataExport;
    expect(exported.auditChanges.find((c: any) => c.field === 'phone')).to.deep.equal({ field: 'phone', after: '"06-98765432"', redacted: false });
  });
});
