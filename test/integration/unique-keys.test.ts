import { expect } from 'chai';
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { User } from '../../src/modules/access/user.entity';
import { CodeProvision } from '../../src/modules/governance/code-provision.entity';
import { GovernanceCode } from '../../src/modules/governance/governance-code.entity';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { Sector } from '../../src/modules/stakeholder/stakeholder.enums';
import { uniqueConflict } from '../../src/shared/unique-conflict';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Every unique key a flush breaks is CONFLICT naming the input field, mapped once where the unit
// of work flushes: a racing insert of a taken category key or user e-mail is not an internal error.

describe('unique keys: CONFLICT for every one, mapped where the unit of work flushes', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());

  /** The exception the database raises when `make` is flushed twice. */
  async function violation(make: (em: EntityManager) => object): Promise<UniqueConstraintViolationException> {
    const em = app.orm.em.fork();
    em.persist(make(em));
    await em.flush();
    const again = app.orm.em.fork();
    again.persist(make(again));
    try {
      await again.flush();
    } catch (error) {
      expect(error).to.be.instanceOf(UniqueConstraintViolationException);
      return error as UniqueConstraintViolationException;
    }
    throw new Error('no unique violation');
  }

  it('names the field of a single-column key, of a key on two columns, and never quotes the value', async () => {
    const category = await violation(() => Object.assign(new StakeholderCategory(), { key: 'dubbel-sleutel', name: 'Dubbel', sector: Sector.GENERAL }));
    const user = await violation(() => Object.assign(new User(), { name: 'Dubbel', email: 'dubbel@example.nl' }));
    const code = Object.assign(new GovernanceCode(), { key: 'dubbel-code', title: 'Dubbel', issuer: 'Test' });
    await app.orm.em.fork().persist(code).flush();
    const provision = await violation((em) => Object.assign(new CodeProvision(), { code: em.getReference(GovernanceCode, code.id), reference: '1.1', title: 'Dubbel' }));
    const cases: [UniqueConstraintViolationException, string, string][] = [
      [category, 'input.key', 'a StakeholderCategory with this key exists already'],
      [user, 'input.email', 'a User with this email exists already'],
      [provision, 'input.reference', 'a CodeProvision with this code and reference exists already'],
    ];
    for (const [error, path, message] of cases) {
      const conflict = uniqueConflict(error, app.orm.getMetadata(), app.orm.em.getPlatform());
      expect(conflict.extensions).to.deep.include({ code: 'CONFLICT', fields: [{ path, message }] });
      expect(conflict.message).not.to.match(/dubbel/);
    }
  });

  it('answers racing creates of one category key with one success and CONFLICT for the rest', async () => {
    const create = `mutation { createStakeholderCategory(input: { key: "race-key", name: "Race", sector: GENERAL }) { id } }`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => app.gql(create)));
    const codes = answers.map((a) => a.errors?.[0]?.extensions?.code ?? 'ok');
    expect(codes.filter((c) => c === 'ok')).to.have.length(1);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'CONFLICT')).to.equal(true);
    for (const a of answers.filter((x) => x.errors)) expect(a.errors![0].extensions?.fields[0].path).to.equal('input.key');
  });
});
