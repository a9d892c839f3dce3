import { expect } from 'chai';
import { run } from '../helpers/api';
import { Q, openBasicRegister, stakeholder } from '../helpers/register';
import { startTestApp, type TestApp } from '../helpers/test-app';

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name kind phase tags category { key } archived } }`;
const ASSESS = `mutation ($input: CreateStakeholderAssessmentInput!) { createStakeholderAssessment(input: $input) { id quadrant salienceClass } }`;

describe('stakeholders through the API', () => {
  let app: TestApp;
  const cat: Record<string, string> = {};

  before(async () => {
    app = await startTestApp({ DEFAULT_PAGE_SIZE: '2', MAX_PAGE_SIZE: '50' });
    const data = await app.ok(`{ stakeholderCategories(archived: ALL) { id key } }`);
    for (const c of data.stakeholderCategories) cat[c.key] = c.id;
  });
  after(() => app.close());

  async function create(input: Record<string, unknown>) {
    return (await app.ok(CREATE, { input })).createStakeholder;
  }

  it('ships default categories for housing, care and education', async () => {
    for (const key of ['huurdersorganisatie', 'gemeente', 'toezichthouder', 'financier', 'clientenraad', 'ondernemingsraad', 'werkveld', 'leverancier']) {
      expect(cat, key).to.have.property(key);
    }
    const care = await app.ok(`{ stakeholderCategories(sector: CARE) { key sector } }`);
    expect(care.stakeholderCategories.length).to.be.greaterThan(0);
    expect(care.stakeholderCategories.every((c: { sector: string }) => c.sector === 'CARE')).to.equal(true);
  });

  it('creates, updates, archives and restores a stakeholder; tags are normalised', async () => {
    const s = await create({ name: 'Huurdersbelang Rivierstad', categoryId: cat.huurdersorganisatie, tags: ['Wijk-Noord', 'prestatieafspraken', 'wijk-noord'] });
    expect(s).to.include({ name: 'Huurdersbelang Rivierstad', kind: 'ORGANISATION', phase: 'DEVELOP', archived: false });
    expect(s.tags).to.deep.equal(['prestatieafspraken', 'wijk-noord']);
    const updated = await app.ok(
      `mutation ($revision: Int!, $id: ID!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { phase description tags } }`,
      { id: s.id, input: { phase: 'RETAIN', description: 'Overkoepelende huurdersorganisatie', tags: ['wijk-noord'] } },
    );
    expect(updated.updateStakeholder).to.deep.equal({ phase: 'RETAIN', description: 'Overkoepelende huurdersorganisatie', tags: ['wijk-noord'] });
    const archived = await app.ok(`mutation ($id: ID!) { archiveStakeholder(id: $id) { archived archivedAt } }`, { id: s.id });
    expect(archived.archiveStakeholder.archived).to.equal(true);
    const list = await app.ok(`{ stakeholders(filter: { text: "Huurdersbelang" }) { totalCount } }`);
    expect(list.stakeholders.totalCount).to.equal(0);
    const all = await app.ok(`{ stakeholders(filter: { text: "Huurdersbelang", archived: ALL }) { totalCount } }`);
    expect(all.stakeholders.totalCount).to.equal(1);
    const restored = await app.ok(`mutation ($id: ID!) { archiveStakeholder(id: $id, archived: false) { archived } }`, { id: s.id });
    expect(restored.archiveStakeholder.archived).to.equal(false);
  });

  it('filters by category, phase, tag, text and quadrant, and pages in a stable order', async () => {
    const a = await create({ name: 'Gemeente Aadorp', categoryId: cat.gemeente, phase: 'RETAIN', tags: ['prestatieafspraken'] });
    const b = await create({ name: 'Gemeente Beekstad', categoryId: cat.gemeente, tags: ['prestatieafspraken', 'regio'] });
    const c = await create({ name: 'Bouwbedrijf 100% Duurzaam_BV', categoryId: cat.leverancier, kind: 'ORGANISATION' });
    await app.ok(ASSESS, { input: { stakeholderId: a.id, assessedOn: '2025-01-01', power: 2, interest: 2 } });
    await app.ok(ASSESS, { input: { stakeholderId: a.id, assessedOn: '2026-01-01', power: 5, interest: 4, hasPower: true, hasLegitimacy: true } });
    await app.ok(ASSESS, { input: { stakeholderId: b.id, assessedOn: '2026-01-01', power: 4, interest: 1 } });

    const names = async (filter: Record<string, unknown>) =>
      (await app.ok(`query ($f: StakeholderFilter) { stakeholders(filter: $f, first: 50) { edges { node { name } } } }`, { f: filter }))
        .stakeholders.edges.map((e: { node: { name: string } }) => e.node.name);

    expect(await names({ categoryKeys: ['gemeente'] })).to.deep.equal(['Gemeente Aadorp', 'Gemeente Beekstad']);
    expect(await names({ categoryIds: [cat.leverancier] })).to.deep.equal(['Bouwbedrijf 100% Duurzaam_BV']);
    expect(await names({ phases: ['RETAIN'], categoryKeys: ['gemeente'] })).to.deep.equal(['Gemeente Aadorp']);
    expect(await names({ tags: ['prestatieafspraken', 'REGIO'] })).to.deep.equal(['Gemeente Beekstad']);
    expect(await names({ text: 'beek' })).to.deep.equal(['Gemeente Beekstad']);
    // LIKE wildcards in the text match literally
    expect(await names({ text: '100%' })).to.deep.equal(['Bouwbedrijf 100% Duurzaam_BV']);
    expect(await names({ text: 'm_e' })).to.deep.equal([]);
    // the current (latest) assessment decides the quadrant, not an older one
    expect(await names({ quadrants: ['MANAGE_CLOSELY'] })).to.deep.equal(['Gemeente Aadorp']);
    expect(await names({ quadrants: ['KEEP_SATISFIED'] })).to.deep.equal(['Gemeente Beekstad']);
    expect(await names({ quadrants: ['MONITOR'] })).to.deep.equal([]);

    const fromA = await app.ok(`query ($id: ID!) { stakeholder(id: $id) { quadrant salienceClass assessments { assessedOn } currentAssessment(asOf: "2025-06-01") { power } } }`, { id: a.id });
    expect(fromA.stakeholder).to.deep.equal({
      quadrant: 'MANAGE_CLOSELY', salienceClass: 'DOMINANT',
      assessments: [{ assessedOn: '2026-01-01' }, { assessedOn: '2025-01-01' }],
      currentAssessment: { power: 2 },
    });
    expect(c.kind).to.equal('ORGANISATION');

    // paging: default page size 2, follow endCursor until the end, nothing twice
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: any = await app.ok(`query ($after: String) { stakeholders(after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }`, { after });
      seen.push(...res.stakeholders.edges.map((e: { node: { name: string } }) => e.node.name));
      if (!res.stakeholders.pageInfo.hasNextPage) break;
      after = res.stakeholders.pageInfo.endCursor;
    }
    const total = (await app.ok(`{ stakeholders { totalCount } }`)).stakeholders.totalCount;
    expect(seen).to.have.length(total);
    expect(new Set(seen).size).to.equal(total);
    expect([...seen].sort()).to.deep.equal(seen);
  });

  it('navigates relations both ways', async () => {
    const s = await create({ name: 'Cliëntenraad Zorg', categoryId: cat.clientenraad });
    const contact = await app.ok(`mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id stakeholder { name } } }`, {
      input: { stakeholderId: s.id, name: 'J. Jansen', email: 'j.jansen@example.nl', contactPermitted: false },
    });
    expect(contact.createContactPerson.stakeholder.name).to.equal('Cliëntenraad Zorg');
    const cat2 = await app.ok(`query ($id: ID!) { stakeholderCategory(id: $id) { stakeholders { name contacts { name contactPermitted } } } }`, { id: cat.clientenraad });
    expect(cat2.stakeholderCategory.stakeholders).to.deep.equal([{ name: 'Cliëntenraad Zorg', contacts: [{ name: 'J. Jansen', contactPermitted: false }] }]);
  });

  it('refuses a category key that is taken with CONFLICT', async () => {
    const res = await app.gql(`mutation { createStakeholderCategory(input: { key: "gemeente", name: "Dubbel" }) { id } }`);
    expect(res.errors![0].extensions?.code).to.equal('CONFLICT');
    const ok = await app.ok(`mutation { createStakeholderCategory(input: { key: "omwonenden-nieuwbouw", name: "Omwonenden nieuwbouw", sector: HOUSING }) { key sector } }`);
    expect(ok.createStakeholderCategory).to.deep.equal({ key: 'omwonenden-nieuwbouw', sector: 'HOUSING' });
  });
});

describe('stakeholders: the day of the latest interaction', () => {
  let app: TestApp;
  let cat: Record<string, string>;
  let gemeente: string;

  before(async () => ({ app, cat, gemeente } = await openBasicRegister()));
  after(() => app.close());

  it('gives the day of the latest interaction that is not archived as lastInteractionOn', async () => {
    const corporatie = await stakeholder(app, 'Zorginstelling De Horst', cat.werkveld);
    const last = async () => (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { lastInteractionOn } }`, { id: corporatie })).stakeholder.lastInteractionOn;
    expect(await last(), 'never spoken to').to.equal(null);
    await run(app, Q.createInteraction, { input: { occurredOn: '2026-01-15', subject: 'Kennismaking', stakeholderIds: [corporatie] } });
    const march = await run(app, Q.createInteraction, { input: { occurredOn: '2026-03-01', subject: 'Vervolggesprek', stakeholderIds: [corporatie, gemeente] } });
    expect(await last()).to.equal('2026-03-01');
    await run(app, Q.createInteraction, { input: { occurredOn: '2025-12-01', subject: 'Later vastgelegd, eerder gevoerd', stakeholderIds: [corporatie] } });
    expect(await last(), 'registered later but held earlier').to.equal('2026-03-01');
    await run(app, Q.archiveInteraction, { id: march.id, archived: true });
    expect(await last()).to.equal('2026-01-15');
    await run(app, Q.archiveInteraction, { id: march.id, archived: false });
    await run(app, Q.updateInteraction, { id: march.id, input: { occurredOn: '2026-06-01' } });
    expect(await last()).to.equal('2026-06-01');
    await run(app, Q.updateInteraction, { id: march.id, input: { stakeholderIds: [gemeente] } });
    expect(await last(), 'no longer involved in that interaction').to.equal('2026-01-15');
  });
});
