import { expect } from 'chai';
import { expectNotFound, expectRefused, listIds, refusal, run } from '../helpers/api';
import { Q, openFilterRegister, openLinkedRegister, openBasicRegister, stakeholder } from '../helpers/register';
import type { TestApp } from '../helpers/test-app';

// Agreements (afspraken) through the GraphQL API: their life cycle, their parties and goals,
// the list filters, whether they are in force on a day, and refused input.

describe('agreements: create, read, update, archive and restore', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;

  before(async () => ({ app, huurders, gemeente } = await openBasicRegister()));
  after(() => app.close());

  it('registers an agreement, changes its terms, parties and goals, and archives and restores it', async () => {
    const goal = await run(app, Q.createGoal, { input: { title: 'Betaalbaarheid borgen', periodStart: '2026-01-01' } });
    const created = await run(app, Q.createAgreement, { input: { title: 'Afspraken woonlasten', partyIds: [gemeente] } });
    expect(created).to.deep.include({
      title: 'Afspraken woonlasten', kind: 'OTHER', description: null, signedOn: null, validFrom: null, validUntil: null,
      documentReference: null, archived: false, goals: [],
    });
    expect(created.parties).to.deep.equal([{ id: gemeente, name: 'Gemeente Rivierstad' }]);

    const updated = await run(app, Q.updateAgreement, {
      id: created.id,
      input: {
        title: 'Prestatieafspraken woonlasten 2026', kind: 'PERFORMANCE_AGREEMENT', description: 'Huren stijgen niet boven inflatie',
        signedOn: '2025-12-15', validFrom: '2026-01-01', validUntil: '2026-12-31', documentReference: 'DMS-2025-0412',
        partyIds: [huurders, gemeente], goalIds: [goal.id],
      },
    });
    expect(updated).to.deep.include({
      title: 'Prestatieafspraken woonlasten 2026', kind: 'PERFORMANCE_AGREEMENT', description: 'Huren stijgen niet boven inflatie',
      signedOn: '2025-12-15', validFrom: '2026-01-01', validUntil: '2026-12-31', documentReference: 'DMS-2025-0412',
    });
    expect(updated.parties.map((p: { name: string }) => p.name)).to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);
    expect(updated.goals).to.deep.equal([{ id: goal.id, title: 'Betaalbaarheid borgen' }]);

    const cleared = await run(app, Q.updateAgreement, { id: created.id, input: { description: null, validUntil: null } });
    expect(cleared).to.deep.include({ description: null, validUntil: null, validFrom: '2026-01-01', kind: 'PERFORMANCE_AGREEMENT' });
    expect((await app.ok(Q.agreement, { id: created.id })).agreement).to.deep.equal(cleared);

    const seenFrom = async () => {
      const data = await app.ok(`query ($s: ID!, $g: ID!) { stakeholder(id: $s) { agreements { id } } strategicGoal(id: $g) { agreements { id } } }`, { s: huurders, g: goal.id });
      return { party: data.stakeholder.agreements.map((a: { id: string }) => a.id), goal: data.strategicGoal.agreements.map((a: { id: string }) => a.id) };
    };
    expect(await seenFrom()).to.deep.equal({ party: [created.id], goal: [created.id] });

    await run(app, Q.archiveAgreement, { id: created.id, archived: true });
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten' })).to.deep.equal([]);
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten', archived: 'ARCHIVED' })).to.deep.equal([created.id]);
    expect(await seenFrom(), 'an archived agreement is left out on both sides').to.deep.equal({ party: [], goal: [] });
    expect((await app.ok(Q.agreement, { id: created.id })).agreement.archived).to.equal(true);

    await run(app, Q.archiveAgreement, { id: created.id, archived: false });
    expect(await listIds(app, 'agreements', 'AgreementFilter', { text: 'woonlasten' })).to.deep.equal([created.id]);
    expect(await seenFrom()).to.deep.equal({ party: [created.id], goal: [created.id] });
  });

  it('answers NOT_FOUND for an unknown agreement id', async () => {
    await expectNotFound(app, 'agreement');
  });
});

describe('agreements: linked to their parties and their goals, both ways', () => {
  let app: TestApp;
  let huurders: string;
  let gemeente: string;
  let fonds: string;
  let betaalbaar: any;
  let nieuwbouw: any;

  before(async () => ({ app, huurders, gemeente, fonds, betaalbaar, nieuwbouw } = await openLinkedRegister()));
  after(() => app.close());

  it('links agreements with their parties and with their goals, in both directions', async () => {
    const prestatie = await run(app, Q.createAgreement, {
      input: { title: 'Prestatieafspraken 2026', kind: 'PERFORMANCE_AGREEMENT', signedOn: '2025-12-15', partyIds: [huurders, gemeente], goalIds: [nieuwbouw.id, betaalbaar.id] },
    });
    expect(prestatie.parties.map((p: { name: string }) => p.name), 'parties by name').to.deep.equal(['Gemeente Rivierstad', 'Huurdersraad Rivierstad']);
    expect(prestatie.goals.map((g: { title: string }) => g.title), 'goals by title').to.deep.equal(['Betaalbare huren', 'Nieuwbouw sociale huur']);
    const convenant = await run(app, Q.createAgreement, {
      input: { title: 'Convenant huurbevriezing', kind: 'COVENANT', signedOn: '2026-03-01', partyIds: [huurders], goalIds: [betaalbaar.id] },
    });

    const other = async () => {
      const data = await app.ok(
        `query ($h: ID!, $g: ID!, $f: ID!, $b: ID!, $n: ID!) {
          h: stakeholder(id: $h) { agreements { id } } g: stakeholder(id: $g) { agreements { id } } f: stakeholder(id: $f) { agreements { id } }
          b: strategicGoal(id: $b) { agreements { id } } n: strategicGoal(id: $n) { agreements { id } } }`,
        { h: huurders, g: gemeente, f: fonds, b: betaalbaar.id, n: nieuwbouw.id },
      );
      const ids = (x: { agreements: { id: string }[] }) => x.agreements.map((a) => a.id);
      return { h: ids(data.h), g: ids(data.g), f: ids(data.f), b: ids(data.b), n: ids(data.n) };
    };
    expect(await other(), 'latest signed first').to.deep.equal({
      h: [convenant.id, prestatie.id], g: [prestatie.id], f: [], b: [convenant.id, prestatie.id], n: [prestatie.id],
    });

    await run(app, Q.updateAgreement, { id: prestatie.id, input: { partyIds: [gemeente, fonds], goalIds: [] } });
    expect(await other(), 'replaced parties and goals are seen from the other side').to.deep.equal({
      h: [convenant.id], g: [prestatie.id], f: [prestatie.id], b: [convenant.id], n: [],
    });
    expect((await app.ok(Q.agreement, { id: prestatie.id })).agreement.goals).to.deep.equal([]);

    // an archived party stays listed on the agreement
    await run(app, `mutation ($id: ID!) { archiveStakeholder(id: $id) { archived } }`, { id: fonds });
    const parties = (await app.ok(`query ($id: ID!) { agreement(id: $id) { parties { name archived } } }`, { id: prestatie.id })).agreement.parties;
    expect(parties).to.deep.equal([{ name: 'Gemeente Rivierstad', archived: false }, { name: 'Waarborgfonds Sociale Woningbouw', archived: true }]);
    await run(app, `mutation ($id: ID!) { archiveStakeholder(id: $id, archived: false) { archived } }`, { id: fonds });
  });
});

describe('agreements: list filters', () => {
  let app: TestApp;
  let id: Record<string, string>;
  let names: (ids: string[]) => string[];

  before(async () => ({ app, id, names } = await openFilterRegister()));
  after(() => app.close());

  it('filters agreements by the day they are in force, parties, kinds and text', async () => {
    const where = async (filter: Record<string, unknown>) => names(await listIds(app, 'agreements', 'AgreementFilter', filter));
    // default order: by title
    expect(await where({})).to.deep.equal(['AG2', 'AG4', 'AG1', 'AG3']);
    expect(await where({ archived: 'ALL' })).to.deep.equal(['AG2', 'AG4', 'AG5', 'AG1', 'AG3']);
    expect(await where({ inForceOn: '2024-12-31' })).to.deep.equal(['AG4']);
    expect(await where({ inForceOn: '2025-12-31' }), 'the last valid day is included').to.deep.equal(['AG2', 'AG4']);
    expect(await where({ inForceOn: '2026-01-01' }), 'the first valid day is included').to.deep.equal(['AG4', 'AG1']);
    expect(await where({ inForceOn: '2026-02-28' })).to.deep.equal(['AG4', 'AG1']);
    expect(await where({ inForceOn: '2026-03-01' })).to.deep.equal(['AG4', 'AG1', 'AG3']);
    expect(await where({ inForceOn: '2027-01-01' }), 'the day after the last valid day is excluded').to.deep.equal(['AG4', 'AG3']);
    expect(await where({ partyIds: [id.H] })).to.deep.equal(['AG2', 'AG1']);
    expect(await where({ partyIds: [id.F] }), 'archived agreements are left out').to.deep.equal(['AG3']);
    expect(await where({ partyIds: [id.G, id.F] })).to.deep.equal(['AG4', 'AG1', 'AG3']);
    expect(await where({ kinds: ['COVENANT', 'LETTER_OF_INTENT'] })).to.deep.equal(['AG2', 'AG4']);
    expect(await where({ kinds: ['SERVICE_AGREEMENT'] })).to.deep.equal([]);
    expect(await where({ text: 'borging' })).to.deep.equal(['AG3']);
    expect(await where({ text: 'PRESTATIE' })).to.deep.equal(['AG1']);
    expect(await where({ partyIds: [id.H], inForceOn: '2026-06-01', kinds: ['PERFORMANCE_AGREEMENT'] })).to.deep.equal(['AG1']);
  });
});

describe('agreements: in force at a given day', () => {
  let app: TestApp;
  let gemeente: string;

  before(async () => ({ app, gemeente } = await openBasicRegister()));
  after(() => app.close());

  it('tells whether an agreement is in force on its first and last valid day and not the day after', async () => {
    const inForce = async (agreementId: string, days: string[]) => {
      const fields = days.map((d, i) => `d${i}: inForce(asOf: "${d}")`).join(' ');
      const data = await app.ok(`query ($id: ID!) { agreement(id: $id) { ${fields} } }`, { id: agreementId });
      return days.map((_, i) => data.agreement[`d${i}`]);
    };
    const year = await run(app, Q.createAgreement, { input: { title: 'Prestatieafspraken 2026', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-12-31' } });
    expect(await inForce(year.id, ['2025-12-31', '2026-01-01', '2026-06-15', '2026-12-31', '2027-01-01'])).to.deep.equal([false, true, true, true, false]);

    const oneDay = await run(app, Q.createAgreement, { input: { title: 'Eenmalige afspraak', partyIds: [gemeente], validFrom: '2026-06-30', validUntil: '2026-06-30' } });
    expect(await inForce(oneDay.id, ['2026-06-29', '2026-06-30', '2026-07-01'])).to.deep.equal([false, true, false]);

    const openEnded = await run(app, Q.createAgreement, { input: { title: 'Convenant zonder einddatum', partyIds: [gemeente], validFrom: '2026-03-01' } });
    expect(await inForce(openEnded.id, ['2026-02-28', '2026-03-01', '2099-12-31'])).to.deep.equal([false, true, true]);

    const undated = await run(app, Q.createAgreement, { input: { title: 'Intentieverklaring', partyIds: [gemeente] } });
    expect(await inForce(undated.id, ['1999-01-01', '2099-12-31'])).to.deep.equal([true, true]);

    await run(app, Q.updateAgreement, { id: year.id, input: { validUntil: null } });
    expect(await inForce(year.id, ['2025-12-31', '2027-01-01']), 'open-ended after clearing validUntil').to.deep.equal([false, true]);
    await run(app, Q.updateAgreement, { id: year.id, input: { validUntil: '2026-12-31', validFrom: null } });
    expect(await inForce(year.id, ['2020-01-01', '2026-12-31', '2027-01-01'])).to.deep.equal([true, true, false]);
  });
});

describe('agreements: refused input names the field at fault and changes nothing', () => {
  let app: TestApp;
  let gemeente: string;

  before(async () => ({ app, gemeente } = await openBasicRegister()));
  after(() => app.close());

  const count = async (field: string) => (await app.ok(`{ ${field}(filter: { archived: ALL }) { totalCount } }`))[field].totalCount;

  it('refuses an agreement that ends before it starts, on create and on update', async () => {
    const before = await count('agreements');
    await expectRefused(app, Q.createAgreement, {
      input: { title: 'Verkeerde looptijd', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2025-12-31' },
    }, 'BAD_USER_INPUT', 'input.validUntil');
    expect(await count('agreements')).to.equal(before);

    const a = await run(app, Q.createAgreement, { input: { title: 'Looptijd 2026', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-12-31' } });
    const unchanged = (await app.ok(Q.agreement, { id: a.id })).agreement;
    // against the stored start
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { title: 'Gewijzigd', validUntil: '2025-06-30' } }, 'BAD_USER_INPUT', 'input.validUntil');
    // both given in the input
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { validFrom: '2026-05-01', validUntil: '2026-04-30' } }, 'BAD_USER_INPUT', 'input.validUntil');
    // a new start after the stored end
    refusal(await app.gql(Q.updateAgreement, { id: a.id, input: { validFrom: '2027-01-01' } }), 'BAD_USER_INPUT');
    // no parties at all
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { partyIds: [] } }, 'BAD_USER_INPUT', 'input.partyIds');
    expect((await app.ok(Q.agreement, { id: a.id })).agreement).to.deep.equal(unchanged);

    const sameDay = await run(app, Q.updateAgreement, { id: a.id, input: { validUntil: '2026-01-01' } });
    expect(sameDay.validUntil, 'ending on the first day is allowed').to.equal('2026-01-01');
  });

  // When only the start is sent and it lands after the stored end, the error names the start.
  it('names validFrom when only a new start after the stored end is given', async () => {
    const a = await run(app, Q.createAgreement, { input: { title: 'Looptijd tot zomer', partyIds: [gemeente], validFrom: '2026-01-01', validUntil: '2026-06-30' } });
    await expectRefused(app, Q.updateAgreement, { id: a.id, input: { validFrom: '2026-07-01' } }, 'BAD_USER_INPUT', 'input.validFrom');
    expect((await app.ok(Q.agreement, { id: a.id })).agreement.validFrom).to.equal('2026-01-01');
  });
});
