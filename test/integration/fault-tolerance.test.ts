import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { openDatabase } from '../../src/database';
import { TokenAccess, UserRole } from '../../src/modules/access/access.enums';
import { AccessService } from '../../src/modules/access/access.service';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { ensureDefaultCategories } from '../../seeds/categories.seeder';
import { createTestDatabase, testDatabaseKind } from '../helpers/database';
import { startServerProcess } from '../helpers/server-process';
import { startTestApp, type TestApp } from '../helpers/test-app';

// Fault tolerance, with bounded loops on loopback: many concurrent writers, and the server
// killed (SIGKILL) in the middle of a burst of writes. The figures are printed for the notes.

const WRITERS = 50;
const WRITES_EACH = 8;
const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id name } }`;

describe('fault tolerance', function () {
  this.timeout(180_000);

  describe(`${WRITERS} concurrent writers`, () => {
    let app: TestApp;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'register-writers-'));
      // A file, not :memory:, so that SQLite's locking (WAL, busy timeout) is what is tested.
      app = await startTestApp({}, join(dir, 'register.sqlite'));
    });
    after(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lose and duplicate no write, and no lock or pool time-out reaches a client', async () => {
      const categoryId = (await app.ok('{ stakeholderCategories { id } }')).stakeholderCategories[0].id;
      const shared = (await app.ok(CREATE, { input: { name: 'Gedeeld', categoryId } })).createStakeholder.id;
      const acknowledged: string[] = [];
      const failures: unknown[] = [];
      let conflicts = 0;
      await Promise.all(
        Array.from({ length: WRITERS }, async (_, w) => {
          for (let n = 0; n < WRITES_EACH; n++) {
            const res = await app.gql(CREATE, { input: { name: `Schrijver ${w}-${n}`, categoryId, tags: [`w${w}`] } });
            if (res.errors) failures.push(res.errors);
            else acknowledged.push(res.data.createStakeholder.id);
            // And an update of one shared record: refused with CONFLICT when someone else was first.
            const read = (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { revision } }`, { id: shared })).stakeholder.revision;
            const up = await app.gql(
              `mutation ($id: ID!, $r: Int!, $d: String) { updateStakeholder(id: $id, revision: $r, input: { description: $d }) { revision } }`,
              { id: shared, r: read, d: `door ${w}-${n}` },
            );
            if (up.errors?.[0]?.extensions?.code === 'CONFLICT') conflicts++;
            else if (up.errors) failures.push(up.errors);
          }
        }),
      );
      expect(failures, JSON.stringify(failures.slice(0, 3))).to.deep.equal([]);
      const em = app.orm.em.fork();
      const stored = await em.find(Stakeholder, { name: { $like: 'Schrijver %' } });
      expect(stored.length).to.equal(WRITERS * WRITES_EACH);
      expect(new Set(stored.map((s) => s.name)).size).to.equal(WRITERS * WRITES_EACH);
      expect(stored.map((s) => s.id).sort()).to.deep.equal([...acknowledged].sort());
      const finalShared = await em.findOneOrFail(Stakeholder, shared);
      const successfulUpdates = WRITERS * WRITES_EACH - conflicts;
      expect(finalShared.revision).to.equal(1 + successfulUpdates);
      console.log(
        `      ${testDatabaseKind()}: ${WRITERS * WRITES_EACH} creates attempted, ${acknowledged.length} acknowledged, ${stored.length} stored; ` +
          `${WRITERS * WRITES_EACH} updates of one record: ${successfulUpdates} applied, ${conflicts} refused with CONFLICT`,
      );
    });
  });

  describe('the server killed with SIGKILL during a burst of writes', () => {
    let dir: string;
    let server: ChildProcess | undefined;
    after(() => {
      server?.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
      const p = await startServerProcess({ ...env, LOG_LEVEL: 'info' });
      return { child: p.proc, url: p.url };
    }

    it('keeps every acknowledged write, and the SQLite file passes integrity_check', async () => {
      dir = mkdtempSync(join(tmpdir(), 'register-kill-'));
      const db = await createTestDatabase(join(dir, 'register.sqlite'));
      // The token and a category exist before the server starts.
      const setup = await openDatabase(db.config);
      await ensureDefaultCategories(setup.em.fork());
      const em = setup.em.fork();
      const access = new AccessService();
      const admin = await access.createUser(em, { name: 'Kill test', email: 'kill@test.example', role: UserRole.ADMIN });
      const { secret } = access.createToken(em, admin, { name: 'kill', access: TokenAccess.READ_WRITE });
      await em.flush();
      const categoryId = (await setup.em.fork().findOneOrFail(StakeholderCategory, { key: 'gemeente' })).id;
      await setup.close(true);

      const env = { DATABASE_URL: db.config.url, NODE_ENV: 'production' };
      const first = await start(env);
      server = first.child;
      const acknowledged: string[] = [];
      let attempted = 0;
      let stop = false;
      const post = async (name: string) => {
        attempted++;
        try {
          const res = await fetch(first.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
            body: JSON.stringify({ query: CREATE, variables: { input: { name, categoryId } } }),
          });
          const body = (await res.json()) as { data?: { createStakeholder: { id: string } } };
          if (body.data?.createStakeholder) acknowledged.push(body.data.createStakeholder.id);
        } catch {
          // The connection died with the server: not acknowledged.
        }
      };
      const writers = Array.from({ length: 20 }, async (_, w) => {
        for (let n = 0; n < 200 && !stop; n++) await post(`Kill ${w}-${n}`);
      });
      // Kill once a good number of writes were acknowledged (bounded: at most 20 s).
      const deadline = Date.now() + 20_000;
      while (acknowledged.length < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
      expect(acknowledged.length).to.be.greaterThan(0);

      const second = await start(env);
      server = second.child;
      const check = await openDatabase(db.config);
      try {
        const found = await check.em.fork().find(Stakeholder, { id: { $in: acknowledged } });
        expect(found.length).to.equal(acknowledged.length);
        const total = await check.em.fork().count(Stakeholder, { name: { $like: 'Kill %' } });
        if (db.config.kind === 'sqlite') {
          const integrity = await check.em.getConnection().execute('pragma integrity_check');
          expect(integrity).to.deep.equal([{ integrity_check: 'ok' }]);
        }
        console.log(`      ${db.config.kind}: ${attempted} writes attempted, ${acknowledged.length} acknowledged before SIGKILL, ${found.length} of them found after restart (${total} stored in all)`);
      } finally {
        await check.close(true);
        second.child.kill('SIGTERM');
        await db.drop();
      }
    });
  });
});
