import { expect } from 'chai';
import type { EntityManager } from '@mikro-orm/core';
import { CATALOGUE, loadCatalogue } from '../../seeds/catalogue.seeder';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { CodeOrigin, GovernanceCode } from '../../src/modules/governance/governance-code.entity';
import { Sector } from '../../src/modules/stakeholder/stakeholder.enums';
import { MISSING, expectRefused, refusal, run } from '../helpers/api';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The governance codes (governancecodes) and their provisions (bepalingen) through the
// GraphQL API: the codes of the organisation itself are built with mutations; the shipped
// catalogue is loaded as `npm run catalogue:load` does.

const CODE = `id key title issuer sector version effectiveFrom sourceUrl summary origin archived archivedAt`;
const PROVISION = `id reference title summary position archived archivedAt code { id key } parent { id reference }`;

const Q = {
  createCode: `mutation ($input: CreateGovernanceCodeInput!) { createGovernanceCode(input: $input) { ${CODE} } }`,
  updateCode: `mutation ($revision: Int!, $id: ID!, $input: UpdateGovernanceCodeInput!) { updateGovernanceCode(id: $id, revision: $revision, input: $input) { ${CODE} } }`,
  archiveCode: `mutation ($id: ID!, $archived: Boolean!) { archiveGovernanceCode(id: $id, archived: $archived) { id archived archivedAt } }`,
  code: `query ($id: ID!) { governanceCode(id: $id) { ${CODE} } }`,

  createProvision: `mutation ($input: CreateCodeProvisionInput!) { createCodeProvision(input: $input) { ${PROVISION} } }`,
  updateProvision: `mutation ($revision: Int!, $id: ID!, $input: UpdateCodeProvisionInput!) { updateCodeProvision(id: $id, revision: $revision, input: $input) { ${PROVISION} } }`,
  archiveProvision: `mutation ($id: ID!, $archived: Boolean!) { archiveCodeProvision(id: $id, archived: $archived) { id archived archivedAt } }`,
  provision: `query ($id: ID!) { codeProvision(id: $id) { ${PROVISION} children(archived: ALL) { id } } }`,

  tree: `query ($id: ID!, $archived: ArchiveFilter! = ACTIVE) { governanceCode(id: $id) {
    provisions(archived: $archived) { reference }
    rootProvisions(archived: $archived) { reference children(archived: $archived) { reference children(archived: $archived) { reference } } }
  } }`,
};

/** Everything that a refused mutation could have written: every code and every provision, as the API shows them. */
async function snapshot(app: TestApp): Promise<unknown> {
  const data = await app.ok(`{ governanceCodes(first: 100, filter: { archived: ALL }, sort: KEY_ASC) {
    totalCount edges { node { ${CODE} updatedAt provisions(archived: ALL) { ${PROVISION} updatedAt } } } } }`);
  return data.governanceCodes;
}

async function newCode(app: TestApp, key: string, extra: Record<string, unknown> = {}): Promise<any> {
  return run(app, Q.createCode, { input: { key, title: `Code ${key}`, issuer: 'Raad van bestuur', ...extra } });
}

async function newProvision(app: TestApp, codeId: string, reference: string, extra: Record<string, unknown> = {}): Promise<any> {
  return run(app, Q.createProvision, { input: { codeId, reference, title: `Bepaling ${reference}`, ...extra } });
}

async function treeOf(app: TestApp, id: string, archived = 'ACTIVE') {
  return (await app.ok(Q.tree, { id, archived })).governanceCode;
}

// ---------------------------------------------------------------------------------------

describe('governance API: codes and provisions of the organisation', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp({ DEFAULT_PAGE_SIZE: '20', MAX_PAGE_SIZE: '100' });
  });
  after(() => app.close());

  it('creates a code of origin USER, reads it, changes it with patch semantics, and archives and restores it', async () => {
    const created = await run(app, Q.createCode, {
      input: {
        key: 'reglement-belanghebbenden-2025',
        title: 'Reglement belanghebbendenparticipatie',
        issuer: 'Raad van bestuur',
        sector: 'HOUSING',
        version: '2025',
        effectiveFrom: '2025-01-01',
        sourceUrl: 'https://intranet.example.nl/reglementen/belanghebbenden',
        summary: 'Hoe wij huurders en partners betrekken.',
      },
    });
    expect(created).to.deep.include({
      key: 'reglement-belanghebbenden-2025', title: 'Reglement belanghebbendenparticipatie', issuer: 'Raad van bestuur', sector: 'HOUSING',
      version: '2025', effectiveFrom: '2025-01-01', sourceUrl: 'https://intranet.example.nl/reglementen/belanghebbenden',
      summary: 'Hoe wij huurders en partners betrekken.', origin: 'USER', archived: false, archivedAt: null,
    });
    expect((await app.ok(Q.code, { id: created.id })).governanceCode).to.deep.equal(created);

    const minimal = await newCode(app, 'eigen-code');
    expect(minimal).to.deep.include({ sector: 'GENERAL', version: null, effectiveFrom: null, sourceUrl: null, summary: null, origin: 'USER' });

    const retitled = await run(app, Q.updateCode, { id: created.id, input: { title: 'Reglement participatie 2025' } });
    expect(retitled).to.deep.equal({ ...created, title: 'Reglement participatie 2025' });

    const cleared = await run(app, Q.updateCode, {
      id: created.id,
      input: { key: 'reglement-participatie', sector: 'GENERAL', version: null, effectiveFrom: null, sourceUrl: null, summary: null },
    });
    expect(cleared).to.deep.include({
      key: 'reglement-participatie', title: 'Reglement participatie 2025', issuer: 'Raad van bestuur', sector: 'GENERAL',
      version: null, effectiveFrom: null, sourceUrl: null, summary: null, origin: 'USER',
    });
    const dated = await run(app, Q.updateCode, { id: created.id, input: { effectiveFrom: '2025-07-01', key: 'reglement-participatie' } });
    expect(dated.effectiveFrom).to.equal('2025-07-01');

    const archived = await run(app, Q.archiveCode, { id: created.id, archived: true });
    expect(archived.archived).to.equal(true);
    expect(archived.archivedAt).to.be.a('string');
    const active = await app.ok(`{ governanceCodes { edges { node { id } } } }`);
    expect(active.governanceCodes.edges.map((e: any) => e.node.id)).to.deep.equal([minimal.id]);
    const onlyArchived = await app.ok(`{ governanceCodes(filter: { archived: ARCHIVED }) { edges { node { id } } } }`);
    expect(onlyArchived.governanceCodes.edges.map((e: any) => e.node.id)).to.deep.equal([created.id]);
    expect((await app.ok(Q.code, { id: created.id })).governanceCode.archived, 'an archived code stays readable').to.equal(true);

    const restored = await run(app, Q.archiveCode, { id: created.id, archived: false });
    expect(restored).to.deep.include({ archived: false, archivedAt: null });
  });

  it('builds a provision tree: positions, reading order, roots, children, parent and code', async () => {
    const code = await newCode(app, 'boom-code');
    const p1 = await newProvision(app, code.id, '1', { summary: 'Principe 1' });
    const p2 = await newProvision(app, code.id, '2');
    const p3 = await newProvision(app, code.id, '3', { position: 0 });
    expect([p1.position, p2.position, p3.position], 'left out: after the last sibling').to.deep.equal([0, 1, 0]);
    expect(p1).to.deep.include({ reference: '1', title: 'Bepaling 1', summary: 'Principe 1', parent: null, code: { id: code.id, key: 'boom-code' } });

    const p1b = await newProvision(app, code.id, '1.2', { parentId: p1.id });
    const p1a = await newProvision(app, code.id, '1.1', { parentId: p1.id, position: 0 });
    const p1ai = await newProvision(app, code.id, '1.1 (i)', { parentId: p1a.id });
    const p2a = await newProvision(app, code.id, '2.1', { parentId: p2.id });
    expect(p1b.position).to.equal(0);
    expect(p1ai.parent).to.deep.equal({ id: p1a.id, reference: '1.1' });
    expect(p2a.position).to.equal(0);

    // siblings with equal positions follow their reference: 1 and 3 at 0, 1.1 and 1.2 at 0
    expect(await treeOf(app, code.id)).to.deep.equal({
      provisions: ['1', '1.1', '1.1 (i)', '1.2', '3', '2', '2.1'].map((reference) => ({ reference })),
      rootProvisions: [
        { reference: '1', children: [{ reference: '1.1', children: [{ reference: '1.1 (i)' }] }, { reference: '1.2', children: [] }] },
        { reference: '3', children: [] },
        { reference: '2', children: [{ reference: '2.1', children: [] }] },
      ],
    });

    const read = (await app.ok(Q.provision, { id: p1a.id })).codeProvision;
    expect(read).to.deep.include({ reference: '1.1', parent: { id: p1.id, reference: '1' }, code: { id: code.id, key: 'boom-code' } });
    expect(read.children).to.deep.equal([{ id: p1ai.id }]);

    // reorder, rename, move under another parent (to the end there), and back to the top
    await run(app, Q.updateProvision, { id: p3.id, input: { position: 5, title: 'Derde principe', summary: 'Nieuw' } });
    const moved = await run(app, Q.updateProvision, { id: p1ai.id, input: { parentId: p2.id } });
    expect(moved).to.deep.include({ reference: '1.1 (i)', position: 1, parent: { id: p2.id, reference: '2' } });
    const renamed = await run(app, Q.updateProvision, { id: p1ai.id, input: { reference: '2.2', summary: 'Verplaatst' } });
    expect(renamed).to.deep.include({ reference: '2.2', summary: 'Verplaatst', position: 1, title: 'Bepaling 1.1 (i)' });
    const toTop = await run(app, Q.updateProvision, { id: p1b.id, input: { parentId: null, position: 1 } });
    expect(toTop).to.deep.include({ parent: null, position: 1 });
    expect((await treeOf(app, code.id)).provisions.map((p: any) => p.reference)).to.deep.equal(['1', '1.1', '1.2', '2', '2.1', '2.2', '3']);

    // naming the current parent again is no move: the position stays
    const unchanged = await run(app, Q.updateProvision, { id: p1b.id, input: { parentId: null } });
    expect(unchanged.position, 'the parent did not change, so neither does the position').to.equal(1);

    // archived provisions leave the lists, not the tree order of the rest
    await run(app, Q.archiveProvision, { id: p2.id, archived: true });
    const active = await treeOf(app, code.id);
    expect(active.provisions.map((p: any) => p.reference)).to.deep.equal(['1', '1.1', '1.2', '2.1', '2.2', '3']);
    expect(active.rootProvisions.map((p: any) => p.reference)).to.deep.equal(['1', '1.2', '3']);
    const all = await treeOf(app, code.id, 'ALL');
    expect(all.provisions.map((p: any) => p.reference)).to.deep.equal(['1', '1.1', '1.2', '2', '2.1', '2.2', '3']);
    const archivedOnly = await treeOf(app, code.id, 'ARCHIVED');
    expect(archivedOnly.provisions).to.deep.equal([{ reference: '2' }]);
    const restored = await run(app, Q.archiveProvision, { id: p2.id, archived: false });
    expect(restored).to.deep.include({ archived: false, archivedAt: null });
    expect((await treeOf(app, code.id)).rootProvisions.map((p: any) => p.reference)).to.deep.equal(['1', '1.2', '2', '3']);
  });

  it('lets two codes use the same reference, but not one code twice', async () => {
    const a = await newCode(app, 'code-a');
    const b = await newCode(app, 'code-b');
    await newProvision(app, a.id, '1');
    const inB = await newProvision(app, b.id, '1');
    expect(inB.code.key).to.equal('code-b');
    const before = await snapshot(app);
    const res = await expectRefused(app, Q.createProvision, { input: { codeId: a.id, reference: '1', title: 'Dubbel' } }, 'CONFLICT', 'input.reference');
    expect(res.errors![0].message).to.match(/code-a.*reference "1"/);
    expect(await snapshot(app)).to.deep.equal(before);
  });

  it('concurrent creates with the same key or reference: one succeeds, the others get CONFLICT (no constraint error leaks)', async () => {
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => app.gql(Q.createCode, { input: { key: 'gelijktijdig', title: `Poging ${i}`, issuer: 'Bestuur' } })),
    );
    const succeeded = attempts.filter((r) => !r.errors);
    expect(succeeded, JSON.stringify(attempts)).to.have.length(1);
    for (const r of attempts.filter((x) => x.errors)) expect(refusal(r, 'CONFLICT')).to.deep.equal(['input.key']);
    const codeId = succeeded[0].data.createGovernanceCode.id;

    const provisions = await Promise.all(
      Array.from({ length: 6 }, () => app.gql(Q.createProvision, { input: { codeId, reference: '1', title: 'Gelijktijdig' } })),
    );
    expect(provisions.filter((r) => !r.errors)).to.have.length(1);
    for (const r of provisions.filter((x) => x.errors)) expect(refusal(r, 'CONFLICT')).to.deep.equal(['input.reference']);
    expect((await treeOf(app, codeId, 'ALL')).provisions).to.deep.equal([{ reference: '1' }]);
  });
});

// ---------------------------------------------------------------------------------------

describe('governance API: catalogue codes are read-only, except for their archive state', () => {
  let app: TestApp;
  let catalogueCode: any;
  let catalogueProvision: any;

  before(async () => {
    app = await startTestApp();
    await loadCatalogue(app.orm.em.fork());
    const data = await app.ok(`{ governanceCodes(filter: { origins: [CATALOGUE], text: "woningwet" }) { edges { node { ${CODE} provisions { ${PROVISION} } } } } }`);
    expect(data.governanceCodes.edges).to.have.length(1);
    catalogueCode = data.governanceCodes.edges[0].node;
    catalogueProvision = catalogueCode.provisions[0];
    expect(catalogueCode).to.deep.include({ key: 'woningwet', origin: 'CATALOGUE' });
    expect(catalogueProvision.reference).to.equal('53a');
  });
  after(() => app.close());

  it('lists the shipped catalogue with its provision trees', async () => {
    const data = await app.ok(`{ governanceCodes(first: 100, filter: { origins: [CATALOGUE] }, sort: KEY_ASC) {
      totalCount edges { node { key origin rootProvisions { reference } provisions { reference } } } } }`);
    expect(data.governanceCodes.totalCount).to.equal(CATALOGUE.length);
    expect(data.governanceCodes.edges.map((e: any) => e.node.key)).to.deep.equal(CATALOGUE.map((c) => c.key).sort());
    const woningwet = data.governanceCodes.edges.find((e: any) => e.node.key === 'woningwet').node;
    expect(woningwet.rootProvisions).to.deep.equal([{ reference: '53a' }]);
    expect(woningwet.provisions).to.deep.equal([{ reference: '53a' }, { reference: '53a (Aedes)' }]);
  });

  it('refuses to change a catalogue code or its provisions, with CONFLICT and a clear message, and writes nothing', async () => {
    const before = await snapshot(app);

    const update = await expectRefused(app, Q.updateCode, { id: catalogueCode.id, input: { title: 'Eigen titel' } }, 'CONFLICT', 'id');
    expect(update.errors![0].message).to.match(/"woningwet" comes from the shipped catalogue.*cannot be changed.*catalogue:load/);
    await expectRefused(app, Q.updateCode, { id: catalogueCode.id, input: {} }, 'CONFLICT', 'id');

    const add = await expectRefused(app, Q.createProvision, { input: { codeId: catalogueCode.id, reference: '53b', title: 'Eigen bepaling' } }, 'CONFLICT', 'input.codeId');
    expect(add.errors![0].message).to.match(/shipped catalogue: provisions cannot be added/);
    await expectRefused(app, Q.updateProvision, { id: catalogueProvision.id, input: { title: 'Eigen titel' } }, 'CONFLICT', 'id');
    await expectRefused(app, Q.updateProvision, { id: catalogueProvision.id, input: { position: 3 } }, 'CONFLICT', 'id');

    // nor can a provision of the organisation's own code hang under a catalogue provision
    const own = await newCode(app, 'eigen-aanvulling');
    await expectRefused(app, Q.createProvision, { input: { codeId: own.id, reference: '1', title: 'Onder woningwet', parentId: catalogueProvision.id } }, 'BAD_USER_INPUT', 'input.parentId');

    // origin is not an input: a client cannot make a catalogue code of its own
    const withOrigin = await app.gql(Q.createCode, { input: { key: 'nep-catalogus', title: 'Nep', issuer: 'X', origin: 'CATALOGUE' } });
    expect(withOrigin.errors![0].extensions?.code).to.equal('BAD_USER_INPUT');

    const after = (await snapshot(app)) as any;
    after.totalCount -= 1;
    after.edges = after.edges.filter((e: any) => e.node.key !== 'eigen-aanvulling');
    expect(after).to.deep.equal(before);
  });

  it('refuses a key that the catalogue already uses', async () => {
    const res = await expectRefused(app, Q.createCode, { input: { key: 'woningwet', title: 'Woningwet', issuer: 'Wij' } }, 'CONFLICT', 'input.key');
    expect(res.errors![0].message).to.equal('A governance code with key "woningwet" already exists');
  });

  it('archives and restores a catalogue code and provision, and a catalogue reload keeps that choice', async () => {
    const archived = await run(app, Q.archiveCode, { id: catalogueCode.id, archived: true });
    expect(archived.archived).to.equal(true);
    const provision = await run(app, Q.archiveProvision, { id: catalogueProvision.id, archived: true });
    expect(provision.archived).to.equal(true);

    const listed = await app.ok(`{ governanceCodes(first: 100, filter: { origins: [CATALOGUE] }) { totalCount } }`);
    expect(listed.governanceCodes.totalCount).to.equal(CATALOGUE.length - 1);

    await loadCatalogue(app.orm.em.fork());
    const reread = (await app.ok(`query ($id: ID!) { governanceCode(id: $id) { archived provisions(archived: ARCHIVED) { id } } }`, { id: catalogueCode.id })).governanceCode;
    expect(reread).to.deep.equal({ archived: true, provisions: [{ id: catalogueProvision.id }] });

    await run(app, Q.archiveCode, { id: catalogueCode.id, archived: false });
    await run(app, Q.archiveProvision, { id: catalogueProvision.id, archived: false });
    const { provisions: _provisions, ...asLoaded } = catalogueCode;
    expect((await app.ok(Q.code, { id: catalogueCode.id })).governanceCode).to.deep.equal(asLoaded);
  });
});

// ---------------------------------------------------------------------------------------

describe('governance API: refused input names the field at fault and writes nothing', () => {
  let app: TestApp;
  let code: any;
  let other: any;
  let p1: any;
  let p1a: any;
  let p1ai: any;
  let p2: any;
  let foreign: any;

  before(async () => {
    app = await startTestApp();
    code = await newCode(app, 'validatie', { version: '1', sourceUrl: 'https://example.nl/code', summary: 'Samenvatting' });
    other = await newCode(app, 'andere-code');
    p1 = await newProvision(app, code.id, '1');
    p1a = await newProvision(app, code.id, '1.1', { parentId: p1.id });
    p1ai = await newProvision(app, code.id, '1.1 (i)', { parentId: p1a.id });
    p2 = await newProvision(app, code.id, '2');
    foreign = await newProvision(app, other.id, 'A');
  });
  after(() => app.close());

  const valid = { key: 'nieuwe-code', title: 'Nieuwe code', issuer: 'Bestuur' };

  it('refuses a code with bad fields, naming each one', async () => {
    const before = await snapshot(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'Hoofdletters' }, 'input.key'],
      [{ key: 'met spatie' }, 'input.key'],
      [{ key: 'dubbel--streepje' }, 'input.key'],
      [{ key: '-voorloop' }, 'input.key'],
      [{ key: 'achter-' }, 'input.key'],
      [{ key: 'ümlaut' }, 'input.key'],
      [{ key: '' }, 'input.key'],
      [{ key: 'a'.repeat(101) }, 'input.key'],
      [{ title: '  ' }, 'input.title'],
      [{ title: 'x'.repeat(201) }, 'input.title'],
      [{ issuer: '' }, 'input.issuer'],
      [{ issuer: 'x'.repeat(201) }, 'input.issuer'],
      [{ version: ' ' }, 'input.version'],
      [{ version: 'v'.repeat(51) }, 'input.version'],
      [{ sourceUrl: 'ftp://example.nl/code' }, 'input.sourceUrl'],
      [{ sourceUrl: 'www.example.nl' }, 'input.sourceUrl'],
      [{ sourceUrl: `https://example.nl/${'a'.repeat(500)}` }, 'input.sourceUrl'],
      [{ summary: 's'.repeat(20_001) }, 'input.summary'],
    ];
    for (const [change, path] of cases) {
      await expectRefused(app, Q.createCode, { input: { ...valid, ...change } }, 'BAD_USER_INPUT', path);
    }
    const several = refusal(await app.gql(Q.createCode, { input: { key: 'Fout', title: ' ', issuer: ' ', sourceUrl: 'nee' } }), 'BAD_USER_INPUT');
    expect(several).to.include.members(['input.key', 'input.title', 'input.issuer', 'input.sourceUrl']);
    // GraphQL itself refuses a day that does not exist and a sector that does not exist
    for (const change of [{ effectiveFrom: '2025-02-30' }, { sector: 'RETAIL' }]) {
      refusal(await app.gql(Q.createCode, { input: { ...valid, ...change } }), 'BAD_USER_INPUT');
    }
    await expectRefused(app, Q.createCode, { input: { ...valid, key: 'validatie' } }, 'CONFLICT', 'input.key');
    expect(await snapshot(app)).to.deep.equal(before);

    const longest = await run(app, Q.createCode, { input: { ...valid, key: 'a'.repeat(100), sourceUrl: `https://example.nl/${'a'.repeat(481)}` } });
    expect(longest.sourceUrl).to.have.length(500);
    await run(app, Q.archiveCode, { id: longest.id, archived: true });
  });

  it('refuses bad changes to a code, and changes nothing', async () => {
    const before = await snapshot(app);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ key: 'andere-code' }, 'CONFLICT', 'input.key'],
      [{ key: 'Fout' }, 'BAD_USER_INPUT', 'input.key'],
      [{ key: null }, 'BAD_USER_INPUT', 'input.key'],
      [{ title: null }, 'BAD_USER_INPUT', 'input.title'],
      [{ title: '' }, 'BAD_USER_INPUT', 'input.title'],
      [{ issuer: null }, 'BAD_USER_INPUT', 'input.issuer'],
      [{ sector: null }, 'BAD_USER_INPUT', 'input.sector'],
      [{ version: '' }, 'BAD_USER_INPUT', 'input.version'],
      [{ sourceUrl: 'mailto:bestuur@example.nl' }, 'BAD_USER_INPUT', 'input.sourceUrl'],
      // a valid change together with a refused one is not written either
      [{ title: 'Nieuwe titel', key: 'andere-code' }, 'CONFLICT', 'input.key'],
    ];
    for (const [input, errorCode, path] of cases) {
      await expectRefused(app, Q.updateCode, { id: code.id, input }, errorCode, path);
    }
    for (const id of [MISSING, 'geen-uuid']) {
      await expectRefused(app, Q.updateCode, { id, input: { title: 'X' } }, 'NOT_FOUND', 'id');
      await expectRefused(app, Q.archiveCode, { id, archived: true }, 'NOT_FOUND', 'id');
      await expectRefused(app, Q.code, { id }, 'NOT_FOUND', 'id');
    }
    expect(await snapshot(app)).to.deep.equal(before);

    const same = await run(app, Q.updateCode, { id: code.id, input: { key: 'validatie' } });
    expect(same.key, 'keeping its own key is no conflict').to.equal('validatie');
  });

  it('refuses a provision with bad fields, a parent elsewhere or a reference taken, and writes nothing', async () => {
    const before = await snapshot(app);
    const base = { codeId: code.id, reference: '9', title: 'Nieuw' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ codeId: 'geen-uuid' }, 'BAD_USER_INPUT', 'input.codeId'],
      [{ codeId: MISSING }, 'NOT_FOUND', 'input.codeId'],
      [{ reference: ' ' }, 'BAD_USER_INPUT', 'input.reference'],
      [{ reference: 'r'.repeat(51) }, 'BAD_USER_INPUT', 'input.reference'],
      [{ title: '' }, 'BAD_USER_INPUT', 'input.title'],
      [{ title: 't'.repeat(301) }, 'BAD_USER_INPUT', 'input.title'],
      [{ summary: 's'.repeat(20_001) }, 'BAD_USER_INPUT', 'input.summary'],
      [{ position: -1 }, 'BAD_USER_INPUT', 'input.position'],
      [{ position: 1_000_001 }, 'BAD_USER_INPUT', 'input.position'],
      [{ parentId: 'geen-uuid' }, 'BAD_USER_INPUT', 'input.parentId'],
      [{ parentId: MISSING }, 'NOT_FOUND', 'input.parentId'],
      [{ parentId: foreign.id }, 'BAD_USER_INPUT', 'input.parentId'],
      [{ reference: '1.1' }, 'CONFLICT', 'input.reference'],
      [{ reference: '1.1', parentId: p2.id }, 'CONFLICT', 'input.reference'],
    ];
    for (const [change, errorCode, path] of cases) {
      await expectRefused(app, Q.createProvision, { input: { ...base, ...change } }, errorCode, path);
    }
    const foreignParent = await app.gql(Q.createProvision, { input: { ...base, parentId: foreign.id } });
    expect(foreignParent.errors![0].message).to.match(/same governance code \("validatie"\)/);
    expect(await snapshot(app)).to.deep.equal(before);
  });

  it('refuses bad changes to a provision: cycles, parents elsewhere, references taken, nulls', async () => {
    const before = await snapshot(app);
    const cases: [string, Record<string, unknown>, string, string][] = [
      [p1.id, { parentId: p1.id }, 'BAD_USER_INPUT', 'input.parentId'],
      [p1.id, { parentId: p1a.id }, 'BAD_USER_INPUT', 'input.parentId'],
      [p1.id, { parentId: p1ai.id, title: 'Onder eigen kleinkind' }, 'BAD_USER_INPUT', 'input.parentId'],
      [p1a.id, { parentId: p1ai.id }, 'BAD_USER_INPUT', 'input.parentId'],
      [p1a.id, { parentId: foreign.id }, 'BAD_USER_INPUT', 'input.parentId'],
      [p1a.id, { parentId: MISSING }, 'NOT_FOUND', 'input.parentId'],
      [p1a.id, { reference: '2' }, 'CONFLICT', 'input.reference'],
      [p1a.id, { reference: '2', parentId: p2.id }, 'CONFLICT', 'input.reference'],
      [p1a.id, { reference: null }, 'BAD_USER_INPUT', 'input.reference'],
      [p1a.id, { title: null }, 'BAD_USER_INPUT', 'input.title'],
      [p1a.id, { position: null }, 'BAD_USER_INPUT', 'input.position'],
      [p1a.id, { position: -5 }, 'BAD_USER_INPUT', 'input.position'],
      [MISSING, { title: 'X' }, 'NOT_FOUND', 'id'],
      ['geen-uuid', { title: 'X' }, 'NOT_FOUND', 'id'],
    ];
    for (const [id, input, errorCode, path] of cases) {
      await expectRefused(app, Q.updateProvision, { id, input }, errorCode, path);
    }
    const cycle = await app.gql(Q.updateProvision, { id: p1.id, input: { parentId: p1ai.id } });
    expect(cycle.errors![0].message).to.match(/cannot be placed under itself or under one of its own descendants/);
    await expectRefused(app, Q.archiveProvision, { id: MISSING, archived: true }, 'NOT_FOUND', 'id');
    await expectRefused(app, Q.provision, { id: MISSING }, 'NOT_FOUND', 'id');
    expect(await snapshot(app)).to.deep.equal(before);

    // moving a subtree down the tree elsewhere is fine
    const moved = await run(app, Q.updateProvision, { id: p1a.id, input: { parentId: p2.id, reference: '1.1' } });
    expect(moved.parent).to.deep.equal({ id: p2.id, reference: '2' });
    expect((await treeOf(app, code.id)).provisions.map((p: any) => p.reference)).to.deep.equal(['1', '2', '1.1', '1.1 (i)']);
  });
});

// ---------------------------------------------------------------------------------------

describe('governance API: the list of codes, filtered, sorted and paged', () => {
  let app: TestApp;
  const ids: Record<string, string> = {};

  before(async () => {
    app = await startTestApp({ DEFAULT_PAGE_SIZE: '20', MAX_PAGE_SIZE: '100' });
    const specs: [string, string, string, string][] = [
      ['zorg-reglement', 'Reglement cliëntenraad', 'Zorggroep De Horst', 'CARE'],
      ['huur-convenant', 'Convenant huurdersparticipatie', 'Woonstichting De Rivierstad', 'HOUSING'],
      ['mbo-werkveld', 'Afspraken werkveld', 'ROC Rivierstad', 'EDUCATION'],
      ['algemeen-100-procent', 'Integriteitscode 100% transparant', 'Raad van toezicht', 'GENERAL'],
      ['a-eerste', 'Zeer laatste titel', 'Bestuur', 'HOUSING'],
    ];
    for (const [key, title, issuer, sector] of specs) ids[key] = (await run(app, Q.createCode, { input: { key, title, issuer, sector } })).id;
    await run(app, Q.archiveCode, { id: ids['mbo-werkveld'], archived: true });
    await loadCatalogue(app.orm.em.fork(), CATALOGUE.filter((c) => c.key === 'woningwet' || c.key === 'gri-2'));
  });
  after(() => app.close());

  async function keys(args: string): Promise<string[]> {
    const data = await app.ok(`{ governanceCodes(first: 100 ${args}) { totalCount pageInfo { hasNextPage } edges { node { key } } } }`);
    const conn = data.governanceCodes;
    expect(conn.totalCount).to.equal(conn.edges.length);
    expect(conn.pageInfo.hasNextPage).to.equal(false);
    return conn.edges.map((e: any) => e.node.key);
  }

  it('filters by sector, origin, text and archive state', async () => {
    expect(await keys('')).to.have.members(['zorg-reglement', 'huur-convenant', 'algemeen-100-procent', 'a-eerste', 'woningwet', 'gri-2']);
    expect(await keys('filter: { sectors: [HOUSING] }')).to.have.members(['huur-convenant', 'a-eerste', 'woningwet']);
    expect(await keys('filter: { sectors: [CARE, EDUCATION], archived: ALL }')).to.have.members(['zorg-reglement', 'mbo-werkveld']);
    expect(await keys('filter: { origins: [CATALOGUE] }')).to.have.members(['woningwet', 'gri-2']);
    expect(await keys('filter: { origins: [USER], sectors: [HOUSING] }'), 'by title').to.deep.equal(['huur-convenant', 'a-eerste']);
    expect(await keys('filter: { origins: [USER, CATALOGUE], archived: ARCHIVED }')).to.deep.equal(['mbo-werkveld']);
    // text: title, key or issuer, case-insensitive, wildcards taken literally
    expect(await keys('filter: { text: "REGLEMENT" }')).to.deep.equal(['zorg-reglement']);
    expect(await keys('filter: { text: "rivierstad" }')).to.deep.equal(['huur-convenant']);
    expect(await keys('filter: { text: "rivierstad", archived: ALL }')).to.have.members(['huur-convenant', 'mbo-werkveld']);
    expect(await keys('filter: { text: "gri-" }')).to.deep.equal(['gri-2']);
    expect(await keys('filter: { text: "100%" }')).to.deep.equal(['algemeen-100-procent']);
    expect(await keys('filter: { text: "%" }')).to.deep.equal(['algemeen-100-procent']);
    expect(await keys('filter: { text: "_" }')).to.deep.equal([]);
    expect(await keys('filter: { sectors: [] }')).to.deep.equal([]);
  });

  it('sorts by title or by key, and pages through either order without gaps or repeats', async () => {
    const byKey = await keys('sort: KEY_ASC, filter: { archived: ALL }');
    expect(byKey).to.deep.equal([...byKey].sort());
    expect(byKey[0]).to.equal('a-eerste');
    const byTitle = await keys('filter: { archived: ALL }');
    expect(byTitle[byTitle.length - 1], 'TITLE_ASC is the default order').to.equal('a-eerste');
    expect(byTitle).to.not.deep.equal(byKey);

    for (const [sort, expected] of [['KEY_ASC', byKey], ['TITLE_ASC', byTitle]] as const) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; ; page++) {
        expect(page).to.be.below(10);
        const data: any = await app.ok(
          `query ($after: String) { governanceCodes(first: 2, after: $after, sort: ${sort}, filter: { archived: ALL }) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { key } } } }`,
          { after },
        );
        const conn = data.governanceCodes;
        expect(conn.totalCount).to.equal(expected.length);
        seen.push(...conn.edges.map((e: any) => e.node.key));
        if (!conn.pageInfo.hasNextPage) break;
        expect(conn.edges).to.have.length(2);
        after = conn.pageInfo.endCursor;
      }
      expect(seen, sort).to.deep.equal(expected);
    }
  });

  it('refuses a page that is too large, a cursor that is not one, and a filter value that does not exist', async () => {
    await expectRefused(app, `{ governanceCodes(first: 101) { totalCount } }`, {}, 'BAD_USER_INPUT', 'first');
    await expectRefused(app, `{ governanceCodes(after: "rommel") { totalCount } }`, {}, 'BAD_USER_INPUT', 'after');
    await expectRefused(app, `{ governanceCodes(filter: { text: "${'x'.repeat(201)}" }) { totalCount } }`, {}, 'BAD_USER_INPUT', 'filter.text');
    refusal(await app.gql(`{ governanceCodes(filter: { origins: [IMPORTED] }) { totalCount } }`), 'GRAPHQL_VALIDATION_FAILED');
  });
});

// ---------------------------------------------------------------------------------------

/** `count` codes, each with three principles of two provisions each, one of which has a sub-provision. */
async function seedCodes(em: EntityManager, count: number): Promise<void> {
  for (let c = 0; c < count; c++) {
    const code = Object.assign(new GovernanceCode(), {
      key: `code-${String(c).padStart(3, '0')}`, title: `Code ${c}`, issuer: 'Uitgever', sector: Sector.GENERAL, origin: CodeOrigin.USER,
    });
    em.persist(code);
    for (let p = 0; p < 3; p++) {
      const principle = Object.assign(new CodeProvision(), { code, reference: `${p + 1}`, title: `Principe ${p + 1}`, position: p });
      em.persist(principle);
      for (let b = 0; b < 2; b++) {
        const provision = Object.assign(new CodeProvision(), { code, parent: principle, reference: `${p + 1}.${b + 1}`, title: `Bepaling`, position: b });
        em.persist(provision);
        if (b === 0) em.persist(Object.assign(new CodeProvision(), { code, parent: provision, reference: `${p + 1}.${b + 1} (a)`, title: 'Onderdeel', position: 0 }));
      }
    }
  }
  await em.flush();
}

// Two ways through the same data: the flat list in reading order, and the tree walked down
// from the roots level by level (one batch per level, whatever the number of codes).
const FLAT = `query Flat($first: Int) {
  governanceCodes(first: $first, sort: KEY_ASC) {
    totalCount
    edges { node { key provisions(first: 20) { reference code { key } parent { reference code { key } } children(first: 5) { reference } } } }
  }
}`;

const TREE = `query Tree($first: Int) {
  governanceCodes(first: $first, sort: KEY_ASC) {
    totalCount
    edges { node {
      key
      rootProvisions(first: 5) {
        reference code { key }
        children(first: 5) { reference parent { reference } children(first: 5) { reference parent { reference } code { key } children(first: 5) { reference } } }
      }
    } }
  }
}`;

describe('governance API: no N+1, codes with their provision trees load in batches', () => {
  let app: TestApp;

  before(async () => {
    // The largest page of a three-level provision tree costs about 200,000 (MAX_QUERY_COST).
    app = await startTestApp({ MAX_PAGE_SIZE: '100', MAX_QUERY_COST: '250000' });
    await seedCodes(app.orm.em.fork(), 12);
  });
  after(() => app.close());

  async function statementsFor(query: string, first: number): Promise<number> {
    app.statements.reset();
    const data = await app.ok(query, { first });
    const codes = data.governanceCodes.edges.map((e: any) => e.node);
    expect(codes).to.have.length(first);
    for (const code of codes) {
      if (code.provisions) {
        expect(code.provisions).to.have.length(12);
        expect(code.provisions.slice(0, 4).map((p: any) => p.reference)).to.deep.equal(['1', '1.1', '1.1 (a)', '1.2']);
        expect(code.provisions[2]).to.deep.equal({ reference: '1.1 (a)', code: { key: code.key }, parent: { reference: '1.1', code: { key: code.key } }, children: [] });
      } else {
        expect(code.rootProvisions.map((p: any) => p.reference)).to.deep.equal(['1', '2', '3']);
        expect(code.rootProvisions[1].children[0]).to.deep.equal({
          reference: '2.1', parent: { reference: '2' }, children: [{ reference: '2.1 (a)', parent: { reference: '2.1' }, code: { key: code.key }, children: [] }],
        });
      }
    }
    return app.statements.count;
  }

  it('uses the same number of SQL statements for 3 and for 12 codes', async () => {
    for (const [name, query] of [['flat list', FLAT], ['tree', TREE]]) {
      const three = await statementsFor(query, 3);
      const twelve = await statementsFor(query, 12);
      console.log(`      SQL statements (${name}): ${three} for 3 codes, ${twelve} for 12 codes`);
      expect(twelve, name).to.equal(three);
      // page + count, provisions, then one statement per level of children asked for
      expect(three, name).to.be.at.most(6);
    }
  });
});
