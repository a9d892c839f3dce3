import { expect } from 'chai';
import { CATALOGUE, loadCatalogue, type CatalogueCode, type CatalogueProvision } from '../../seeds/catalogue.seeder';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { CodeOrigin, GovernanceCode } from '../../src/modules/governance/governance-code.entity';
import { Sector } from '../../src/modules/stakeholder/stakeholder.enums';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** Every provision of a catalogue code, flattened, with the reference of its parent. */
function flatten(nodes: readonly CatalogueProvision[], parent: string | null = null): { node: CatalogueProvision; parent: string | null; position: number }[] {
  return nodes.flatMap((node, position) => [{ node, parent, position }, ...flatten(node.children ?? [], node.reference)]);
}

const provisionCount = CATALOGUE.reduce((n, c) => n + flatten(c.provisions).length, 0);

async function loadCodes(app: TestApp, keys?: string[]): Promise<GovernanceCode[]> {
  const em = app.orm.em.fork();
  return em.find(GovernanceCode, keys ? { key: { $in: keys } } : {}, { populate: ['provisions'], orderBy: { key: 'asc' } });
}

function provisionsOf(code: GovernanceCode): Map<string, CodeProvision> {
  return new Map(code.provisions.getItems().map((p) => [p.reference, p]));
}

describe('the governance-code catalogue', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('adds every catalogue code with its provision tree', async () => {
    const result = await loadCatalogue(app.orm.em.fork());
    expect(result).to.deep.equal({
      codesAdded: CATALOGUE.length,
      codesUpdated: 0,
      provisionsAdded: provisionCount,
      provisionsUpdated: 0,
      skippedUserCodes: [],
    });

    const codes = new Map((await loadCodes(app)).map((c) => [c.key, c]));
    expect([...codes.keys()].sort()).to.deep.equal(CATALOGUE.map((c) => c.key).sort());
    for (const spec of CATALOGUE) {
      const code = codes.get(spec.key)!;
      expect(code.origin, spec.key).to.equal(CodeOrigin.CATALOGUE);
      expect({ title: code.title, issuer: code.issuer, sector: code.sector, version: code.version, sourceUrl: code.sourceUrl }, spec.key).to.deep.equal({
        title: spec.title,
        issuer: spec.issuer,
        sector: spec.sector,
        version: spec.version,
        sourceUrl: spec.sourceUrl,
      });
      const stored = provisionsOf(code);
      const wanted = flatten(spec.provisions);
      expect(stored.size, spec.key).to.equal(wanted.length);
      for (const { node, parent, position } of wanted) {
        const p = stored.get(node.reference)!;
        expect(p, `${spec.key} ${node.reference}`).to.not.equal(undefined);
        expect(p.title).to.equal(node.title);
        expect(p.summary).to.equal(node.summary);
        expect(p.position).to.equal(position);
        expect(p.parent?.reference ?? null, `${spec.key} ${node.reference} parent`).to.equal(parent);
      }
    }

    // Spot checks against the facts the catalogue must carry.
    const zorg = codes.get('governancecode-zorg-2022')!;
    expect(String(zorg.effectiveFrom).slice(0, 10)).to.equal('2022-01-01');
    expect(zorg.sector).to.equal(Sector.CARE);
    expect([...provisionsOf(zorg).values()].filter((p) => !p.parent).map((p) => p.reference).sort()).to.deep.equal(['1', '2', '3', '4', '5', '6', '7']);

    const aedes = provisionsOf(codes.get('governancecode-woningcorporaties-2020')!);
    expect([...aedes.keys()].sort()).to.deep.equal(['1', '2', '3', '4', '5']);

    const esrs = provisionsOf(codes.get('esrs-2')!);
    for (const letter of ['a', 'b', 'c', 'd']) {
      expect(esrs.get(`SBM-2 §45 (${letter})`)?.parent?.reference).to.equal('SBM-2 §45');
    }

    const woningwet = provisionsOf(codes.get('woningwet')!);
    expect(woningwet.get('53a')!.summary).to.match(/four years/);
    const svwn = [...woningwet.values()].find((p) => p.parent?.reference === '53a');
    expect(svwn?.summary).to.match(/SVWN/).and.match(/1 January/);
  });

  it('adds and updates nothing when loaded again, with two reads and no writes', async () => {
    app.statements.reset();
    const result = await loadCatalogue(app.orm.em.fork());
    expect(result).to.deep.equal({ codesAdded: 0, codesUpdated: 0, provisionsAdded: 0, provisionsUpdated: 0, skippedUserCodes: [] });
    expect(app.statements.count, app.statements.statements.join("\n")).to.be.at.most(2);
    expect(app.statements.statements.every((s) => /^\s*select/i.test(s))).to.equal(true);
  });

  it('updates a changed catalogue text on reload, keeps provisions that left the catalogue, and never touches USER codes', async () => {
    // A code of the organisation's own whose key looks like a catalogue key, and one whose key is the
    // same as a (test) catalogue entry.
    const em = app.orm.em.fork();
    const lookalike = Object.assign(new GovernanceCode(), {
      key: 'governancecode-woningcorporaties-2020-eigen',
      title: 'Eigen reglement belanghebbenden',
      issuer: 'Woonstichting',
      sector: Sector.HOUSING,
      summary: 'Our own rules.',
      origin: CodeOrigin.USER,
    });
    const sameKey = Object.assign(new GovernanceCode(), {
      key: 'test-code',
      title: 'Own code using the key',
      issuer: 'Woonstichting',
      summary: 'Ours.',
      origin: CodeOrigin.USER,
    });
    const ownProvision = Object.assign(new CodeProvision(), { code: sameKey, reference: '1', title: 'Our provision', summary: 'Ours.' });
    em.persist([lookalike, sameKey, ownProvision]);
    // An out-of-date text in the database, as after a catalogue correction.
    const aedes = await em.findOneOrFail(GovernanceCode, { key: 'governancecode-woningcorporaties-2020' }, { populate: ['provisions'] });
    aedes.summary = 'An older summary.';
    provisionsOf(aedes).get('4')!.title = 'An older title';
    await em.flush();

    const aedesSpec = CATALOGUE.find((c) => c.key === 'governancecode-woningcorporaties-2020')!;
    const esrsSpec = CATALOGUE.find((c) => c.key === 'esrs-2')!;
    // A newer catalogue: (d) left the catalogue, a new child (e) arrived, (b) has a new text.
    const [section] = esrsSpec.provisions;
    const children = section.children!;
    const newerEsrs: CatalogueCode = {
      ...esrsSpec,
      provisions: [
        {
          ...section,
          children: [children[0], { ...children[1], summary: 'A corrected summary of (b).' }, children[2], { reference: 'SBM-2 §45 (e)', title: 'New', summary: 'New text.' }],
        },
      ],
    };
    const testSpec: CatalogueCode = { ...aedesSpec, key: 'test-code', title: 'Catalogue test code', provisions: [{ reference: '1', title: 'Catalogue provision', summary: 'Catalogue text.' }, { reference: '2', title: 'Second', summary: 'Second.' }] };
    const catalogue = CATALOGUE.map((c) => (c.key === 'esrs-2' ? newerEsrs : c)).concat(testSpec);

    const result = await loadCatalogue(app.orm.em.fork(), catalogue);
    expect(result).to.deep.equal({ codesAdded: 0, codesUpdated: 1, provisionsAdded: 1, provisionsUpdated: 2, skippedUserCodes: ['test-code'] });

    const codes = new Map((await loadCodes(app)).map((c) => [c.key, c]));
    expect(codes.get('governancecode-woningcorporaties-2020')!.summary).to.equal(aedesSpec.summary);
    expect(provisionsOf(codes.get('governancecode-woningcorporaties-2020')!).get('4')!.title).to.equal(aedesSpec.provisions[3].title);

    const esrs = provisionsOf(codes.get('esrs-2')!);
    expect(esrs.get('SBM-2 §45 (b)')!.summary).to.equal('A corrected summary of (b).');
    expect(esrs.get('SBM-2 §45 (d)')?.parent?.reference, 'a provision that left the catalogue stays').to.equal('SBM-2 §45');
    expect(esrs.get('SBM-2 §45 (e)')?.parent?.reference).to.equal('SBM-2 §45');
    expect(esrs.get('SBM-2 §45 (e)')!.position).to.equal(3);

    for (const key of ['test-code', 'governancecode-woningcorporaties-2020-eigen']) {
      const own = codes.get(key)!;
      expect(own.origin).to.equal(CodeOrigin.USER);
      expect(own.issuer).to.equal('Woonstichting');
    }
    expect(codes.get('test-code')!.title).to.equal('Own code using the key');
    expect(codes.get('test-code')!.summary).to.equal('Ours.');
    expect([...provisionsOf(codes.get('test-code')!).values()].map((p) => [p.reference, p.title])).to.deep.equal([['1', 'Our provision']]);
    expect(codes.get('governancecode-woningcorporaties-2020-eigen')!.summary).to.equal('Our own rules.');
    expect(codes.get('governancecode-woningcorporaties-2020-eigen')!.provisions.length).to.equal(0);

    // Back to the shipped catalogue: (b) gets its shipped text again; (e) stays, nothing is deleted.
    const back = await loadCatalogue(app.orm.em.fork());
    expect(back).to.deep.equal({ codesAdded: 0, codesUpdated: 0, provisionsAdded: 0, provisionsUpdated: 1, skippedUserCodes: [] });
    const esrsAgain = provisionsOf((await loadCodes(app, ['esrs-2']))[0]);
    expect(esrsAgain.get('SBM-2 §45 (b)')!.summary).to.equal(children[1].summary);
    expect(esrsAgain.has('SBM-2 §45 (e)')).to.equal(true);
  });

  it("every code's summary says that its texts are summaries and names its source URL", async () => {
    for (const code of await loadCodes(app, CATALOGUE.map((c) => c.key))) {
      expect(code.sourceUrl, code.key).to.match(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}(\/\S*)?$/);
      expect(code.summary, code.key).to.match(/summar/i);
      expect(code.summary, code.key).to.contain(code.sourceUrl!);
      expect(code.summary, code.key).to.match(/official text/i);
    }
  });
});

describe('the governance-code catalogue in a register with its own code under a catalogue key', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('loads the rest of the catalogue and leaves the own code and its provisions alone', async () => {
    const em = app.orm.em.fork();
    const own = Object.assign(new GovernanceCode(), {
      key: 'governancecode-woningcorporaties-2020',
      title: 'Onze eigen lezing van de code',
      issuer: 'Woonstichting',
      sector: Sector.HOUSING,
      origin: CodeOrigin.USER,
    });
    em.persist([own, Object.assign(new CodeProvision(), { code: own, reference: '1', title: 'Eigen tekst' })]);
    await em.flush();

    const aedesSpec = CATALOGUE.find((c) => c.key === own.key)!;
    const result = await loadCatalogue(app.orm.em.fork());
    expect(result).to.deep.equal({
      codesAdded: CATALOGUE.length - 1,
      codesUpdated: 0,
      provisionsAdded: provisionCount - flatten(aedesSpec.provisions).length,
      provisionsUpdated: 0,
      skippedUserCodes: [own.key],
    });
    const [stored] = await loadCodes(app, [own.key]);
    expect(stored.origin).to.equal(CodeOrigin.USER);
    expect(stored.title).to.equal('Onze eigen lezing van de code');
    expect(stored.summary).to.equal(null);
    expect(stored.provisions.getItems().map((p) => [p.reference, p.title])).to.deep.equal([['1', 'Eigen tekst']]);
  });
});
