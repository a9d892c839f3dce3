import { expect } from 'chai';
import { openDatabase } from '../../src/database';
import { createAppServer, type AppServer } from '../../src/server';
import { createLogger } from '../../src/logger';
import type { MikroORM } from '@mikro-orm/core';
import { startTestApp, type TestApp } from '../helpers/test-app';

// The remembered bearer tokens (caller-cache.ts): a token is read from the database once, and
// never works a request longer than it should: revoked, its user switched off, its role changed.

const ME = '{ me { user { name role } canWrite } }';

describe('remembered tokens stop working at once', () => {
  let app: TestApp;

  before(async () => {
    app = await startTestApp();
    // Planning's background transactions change the register too, and so forget every token:
    // stopped here, the counts of answers from memory are this test's own.
    await app.server.planning.stop();
  });
  after(() => app.close());

  /** Requests answered from memory so far. */
  const hits = () => app.server.callers.hits;

  async function newUser(role: string): Promise<{ id: string; secret: string; tokenId: string }> {
    const { createUser } = await app.ok(`mutation ($e: String!, $r: UserRole) { createUser(input: { name: "Cache test", email: $e, role: $r }) { id } }`, {
      e: `cache-${Math.random().toString(36).slice(2)}@example.org`,
      r: role,
    });
    const { createApiToken } = await app.ok(`mutation ($u: ID) { createApiToken(input: { userId: $u, name: "t", access: ${role === 'VIEWER' ? 'READ_ONLY' : 'READ_WRITE'} }) { secret token { id } } }`, { u: createUser.id });
    return { id: createUser.id, secret: createApiToken.secret, tokenId: createApiToken.token.id };
  }

  it('reads a token once, then answers from memory, also after an unrelated change', async () => {
    const { secret } = await newUser('EDITOR');
    let before = hits();
    for (let i = 0; i < 3; i++) await app.ok(ME, {}, secret);
    expect(hits() - before).to.equal(2);
    // A change forgets every token (and its transaction ended: memory is used again); the next
    // request reads it again, and then it is remembered again.
    await app.ok(`mutation { createStakeholderCategory(input: { key: "cache-${Date.now()}", name: "Cache" }) { id } }`);
    before = hits();
    for (let i = 0; i < 3; i++) await app.ok(ME, {}, secret);
    expect(hits() - before).to.equal(2);
  });

  it('refuses a revoked token on the next request', async () => {
    const { secret, tokenId } = await newUser('EDITOR');
    await app.ok(ME, {}, secret);
    await app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: tokenId });
    const refused = await app.gql(ME, {}, secret);
    expect(refused.errors?.[0].extensions?.code).to.equal('UNAUTHENTICATED');
    expect(refused.errors?.[0].message).to.match(/revoked/);
  });

  it('refuses the token of a user switched off on the next request, and follows a changed role', async () => {
    const user = await newUser('EDITOR');
    expect((await app.ok(ME, {}, user.secret)).me.canWrite).to.equal(true);
    const { users } = await app.ok(`{ users { id revision } }`);
    const revision = users.find((u: { id: string }) => u.id === user.id).revision;
    await app.ok(`mutation ($id: ID!, $r: Int!) { updateUser(id: $id, revision: $r, input: { role: VIEWER }) { role } }`, { id: user.id, r: revision });
    const me = await app.ok(ME, {}, user.secret);
    expect(me.me.user.role).to.equal('VIEWER');
    expect(me.me.canWrite).to.equal(false);
    await app.ok(`mutation ($id: ID!) { archiveUser(id: $id) { archived } }`, { id: user.id });
    const refused = await app.gql(ME, {}, user.secret);
    expect(refused.errors?.[0].extensions?.code).to.equal('UNAUTHENTICATED');
  });

  it('does not remember what a change made while the token was being read', async () => {
    // A change that commits between a read and its store must win: the generation check.
    const { secret, tokenId } = await newUser('EDITOR');
    const reading = app.gql(ME, {}, secret);
    const revoking = app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: tokenId });
    await Promise.all([reading, revoking]);
    const refused = await app.gql(ME, {}, secret);
    expect(refused.errors?.[0].extensions?.code).to.equal('UNAUTHENTICATED');
  });

  describe('with two server processes on one PostgreSQL database', function () {
    let second: { orm: MikroORM; server: AppServer; url: string } | null = null;

    before(async function () {
      if (app.config.database.kind !== 'postgresql') return this.skip();
      const orm = await openDatabase(app.config.database);
      const server = await createAppServer(app.config, orm, createLogger('error'));
      const url = await server.listen(0, '127.0.0.1');
      second = { orm, server, url };
    });
    after(async () => {
      await second?.server.close();
      await second?.orm.close(true);
    });

    it('a token revoked through one is refused by the other at once', async () => {
      const { secret, tokenId } = await newUser('EDITOR');
      const askSecond = async () => {
        const res = await fetch(second!.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` }, body: JSON.stringify({ query: ME }) });
        return (await res.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      };
      expect((await askSecond()).errors).to.equal(undefined);
      const remembered = second!.server.callers.hits;
      expect((await askSecond()).errors).to.equal(undefined);
      expect(second!.server.callers.hits, 'the other process answered from memory').to.equal(remembered + 1);
      await app.ok(`mutation ($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: tokenId });
      // NOTIFY is delivered at commit; the other process hears it within milliseconds.
      let answer = await askSecond();
      for (let i = 0; i < 20 && !answer.errors; i++) {
        await new Promise((r) => setTimeout(r, 25));
        answer = await askSecond();
      }
      expect(answer.errors?.[0].extensions?.code).to.equal('UNAUTHENTICATED');
    });
  });
});
