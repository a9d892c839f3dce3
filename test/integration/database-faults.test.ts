import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { Client } from 'pg';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { testDatabaseKind, TEST_POSTGRES_URL } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/test-app';

// When the database falters the client is told so: SERVICE_UNAVAILABLE, HTTP 503 and
// Retry-After, with the reason, on SQLite and PostgreSQL alike; a write that fails changes
// nothing; reads go on where they can; readiness says whether a write can succeed; and no
// personal data of the failed request reaches the log. Every fault is produced for real.

const CREATE = `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`;

interface Answer {
  status: number;
  retryAfter: string | null;
  body: any;
}

async function post(app: TestApp, query: string, variables?: Record<string, unknown>, token = app.tokens.admin): Promise<Answer> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
}

async function ready(app: TestApp): Promise<{ status: number; body: any }> {
  const res = await fetch(`${app.url}readyz`);
  return { status: res.status, body: await res.json() };
}

/** A refusal for a fault: 503, Retry-After, SERVICE_UNAVAILABLE with `reason`, and no detail of the driver. */
function expectFault(answer: Answer, reason: string): void {
  expect(answer.status, JSON.stringify(answer.body)).to.equal(503);
  expect(Number(answer.retryAfter)).to.be.greaterThan(0);
  const error = answer.body.errors[0];
  expect(error.extensions).to.deep.include({ code: 'SERVICE_UNAVAILABLE', reason });
  expect(error.message).not.to.match(/SQLITE|select|insert|update|relation|postgres|knex/i);
  expect(JSON.stringify(answer.body)).not.to.match(/stack|sql/i);
}

/** Personal data to send with every faulting request: none of it may reach the log. */
class Markers {
  private readonly sent: string[] = [];
  private n = 0;
  person(): { name: string; description: string } {
    const id = `${process.pid}${this.n++}`;
    const name = `Geertje Fault${id}`;
    const mail = `fault${id}@example.nl`;
    this.sent.push(name, mail);
    return { name, description: `Bel ${mail}` };
  }
  leaks(logs: Record<string, any>[]): string[] {
    const text = JSON.stringify(logs);
    return this.sent.filter((m) => text.includes(m));
  }
}

describe('database faults: locked, full, read-only, unreachable', function () {
  this.timeout(120_000);

  describe('on SQLite', function () {
    if (testDatabaseKind() !== 'sqlite') return;
    const dir = mkdtempSync(join(tmpdir(), 'register-faults-'));
    const file = join(dir, 'register.sqlite');
    let app: TestApp;
    let categoryId: string;
    const markers = new Markers();

    before(async () => {
      app = await startTestApp({ LOCK_TIMEOUT_MS: '1500', LOG_LEVEL: 'trace' }, file);
      categoryId = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
    });
    after(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const count = () => app.orm.em.fork().count(Stakeholder, {});

    /** A second process that holds SQLite's write lock (BEGIN IMMEDIATE) until released. */
    async function holdWriteLock(): Promise<{ release: () => Promise<void>; releasedAt: () => number }> {
      const holder: ChildProcess = spawn('sqlite3', [file], { stdio: ['pipe', 'pipe', 'inherit'] });
      holder.stdin!.write('BEGIN IMMEDIATE;\nselect 1;\n');
      await new Promise((resolve) => holder.stdout!.once('data', resolve));
      let releasedAt = 0;
      const exited = new Promise((resolve) => holder.on('exit', resolve));
      return {
        release: async () => {
          releasedAt = Date.now();
          holder.stdin!.end('COMMIT;\n');
          await exited;
        },
        releasedAt: () => releasedAt,
      };
    }

    it('a write meets a lock held shorter than LOCK_TIMEOUT_MS: it waits and succeeds', async () => {
      const lock = await holdWriteLock();
      const before = await count();
      setTimeout(() => void lock.release(), 600);
      const answer = await post(app, CREATE, { input: { name: 'Wacht op het slot', categoryId } });
      const answeredAt = Date.now();
      expect(answer.status).to.equal(200);
      expect(answer.body.data.createStakeholder.id).to.be.a('string');
      // It was answered after the other process let go: it waited instead of failing.
      expect(answeredAt).to.be.at.least(lock.releasedAt());
      expect(await count()).to.equal(before + 1);
    });

    it('a lock held longer gives SERVICE_UNAVAILABLE (DATABASE_LOCKED) and writes nothing; reads go on; readiness fails and recovers', async () => {
      const lock = await holdWriteLock();
      try {
        const before = await count();
        expectFault(await post(app, CREATE, { input: { ...markers.person(), categoryId } }), 'DATABASE_LOCKED');
        expect(await count()).to.equal(before);
        const read = await post(app, `{ stakeholders { totalCount } }`, undefined, app.tokens.viewer);
        expect(read.status).to.equal(200);
        expect(read.body.data.stakeholders.totalCount).to.equal(before);
        expect(await ready(app)).to.deep.equal({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_LOCKED' } });
      } finally {
        await lock.release();
      }
      expect((await ready(app)).status).to.equal(200);
      expect((await post(app, CREATE, { input: { name: 'Na het slot', categoryId } })).status).to.equal(200);
    });

    it('a full database (max_page_count) gives DATABASE_FULL for writes; reads go on; readiness fails and recovers', async () => {
      const conn = app.orm.em.getConnection();
      const [{ page_count: pages }] = await conn.execute('pragma page_count');
      await conn.execute(`pragma max_page_count = ${pages}`);
      try {
        const before = await count();
        // 20,000 characters need pages of their own.
        const person = markers.person();
        expectFault(await post(app, CREATE, { input: { ...person, description: `${person.description} ${'x'.repeat(19_000)}`, categoryId } }), 'DATABASE_FULL');
        expect(await count()).to.equal(before);
        expect((await post(app, `{ stakeholders { totalCount } }`, undefined, app.tokens.viewer)).body.data.stakeholders.totalCount).to.equal(before);
        expect(await ready(app)).to.deep.equal({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_FULL' } });
      } finally {
        await conn.execute('pragma max_page_count = 4294967294');
      }
      expect((await ready(app)).status).to.equal(200);
      expect((await post(app, CREATE, { input: { name: 'Weer ruimte', categoryId, description: 'y'.repeat(19_000) } })).status).to.equal(200);
    });

    it('a read-only database gives DATABASE_READ_ONLY for writes; reads go on; readiness fails and recovers', async () => {
      const conn = app.orm.em.getConnection();
      await conn.execute('pragma query_only = 1');
      try {
        const before = await count();
        expectFault(await post(app, CREATE, { input: { ...markers.person(), categoryId } }), 'DATABASE_READ_ONLY');
        expect(await count()).to.equal(before);
        expect((await post(app, `{ stakeholders { totalCount } }`, undefined, app.tokens.viewer)).status).to.equal(200);
        expect(await ready(app)).to.deep.equal({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_READ_ONLY' } });
      } finally {
        await conn.execute('pragma query_only = 0');
      }
      expect((await ready(app)).status).to.equal(200);
    });

    it('logs each fault with its reason and driver code, and none of the personal data sent', () => {
      const faults = app.logs.filter((l) => l.msg === 'database fault');
      expect(faults.map((l) => l.reason)).to.include.members(['DATABASE_LOCKED', 'DATABASE_FULL', 'DATABASE_READ_ONLY']);
      expect(faults.every((l) => typeof l.driverCode === 'string' && l.requestId)).to.equal(true);
      expect(markers.leaks(app.logs)).to.deep.equal([]);
    });
  });

  describe('on PostgreSQL', function () {
    if (testDatabaseKind() !== 'postgresql') return;
    let app: TestApp;
    let categoryId: string;
    let database: string;
    const markers = new Markers();

    async function admin<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
      const client = new Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        return (await client.query(sql, params)).rows as T[];
      } finally {
        await client.end();
      }
    }
    /** Ends every connection the app holds to its database (as an operator or a failover would). */
    const terminate = () => admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [database]);

    before(async () => {
      app = await startTestApp({ LOCK_TIMEOUT_MS: '1500', LOG_LEVEL: 'trace' });
      database = new URL(app.config.database.url).pathname.slice(1);
      categoryId = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
    });
    after(() => app?.close());

    // After a termination the test's own count may, like a request, first meet a connection left dead in the pool.
    const count = async (): Promise<number> => {
      try {
        return await app.orm.em.fork().count(Stakeholder, {});
      } catch (error) {
        if (!/terminating connection|Connection terminated/i.test(String(error))) throw error;
        return app.orm.em.fork().count(Stakeholder, {});
      }
    };

    it('a write meets a lock held shorter than LOCK_TIMEOUT_MS and succeeds; longer gives DATABASE_LOCKED and writes nothing', async () => {
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${database}`;
      const holder = new Client({ connectionString: url.toString() });
      await holder.connect();
      try {
        await holder.query('begin; lock table stakeholder in access exclusive mode');
        setTimeout(() => void holder.query('commit'), 500);
        expect((await post(app, CREATE, { input: { name: 'Wacht op het slot', categoryId } })).status).to.equal(200);

        await holder.query('begin; lock table stakeholder in access exclusive mode');
        const before = await holder.query('select count(*)::int as n from stakeholder');
        expectFault(await post(app, CREATE, { input: { ...markers.person(), categoryId } }), 'DATABASE_LOCKED');
        await holder.query('commit');
        expect(await count()).to.equal(before.rows[0].n);
      } finally {
        await holder.end();
      }
    });

    it('a connection terminated mid-request gives DATABASE_UNAVAILABLE; the next request reconnects', async () => {
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${database}`;
      const holder = new Client({ connectionString: url.toString() });
      await holder.connect();
      const holderPid = (await holder.query('select pg_backend_pid() as pid')).rows[0].pid;
      // The app's write waits on this lock; its connection is then ended under it.
      await holder.query('begin; lock table stakeholder in access exclusive mode');
      const pending = post(app, CREATE, { input: { ...markers.person(), categoryId } });
      await new Promise((r) => setTimeout(r, 300));
      await admin(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> $2 and pid <> pg_backend_pid()`, [database, holderPid]);
      const answer = await pending;
      await holder.query('commit');
      await holder.end();
      expectFault(answer, 'DATABASE_UNAVAILABLE');
      // The pool makes a new connection: reads and writes work again.
      let recovered: Answer | undefined;
      for (let i = 0; i < 5 && recovered?.status !== 200; i++) recovered = await post(app, CREATE, { input: { name: 'Weer verbonden', categoryId } });
      expect(recovered!.status).to.equal(200);
      expect((await ready(app)).status).to.equal(200);
    });

    it('a read-only database gives DATABASE_READ_ONLY for writes; reads go on; readiness fails and recovers', async () => {
      await admin(`alter database ${database} set default_transaction_read_only = on`);
      await terminate();
      try {
        const before = await count();
        let answer = await post(app, CREATE, { input: { ...markers.person(), categoryId } });
        // A request may first meet a connection the termination left dead in the pool.
        if (answer.body.errors?.[0]?.extensions?.reason === 'DATABASE_UNAVAILABLE') answer = await post(app, CREATE, { input: { ...markers.person(), categoryId } });
        expectFault(answer, 'DATABASE_READ_ONLY');
        expect(await count()).to.equal(before);
        expect((await post(app, `{ stakeholders { totalCount } }`, undefined, app.tokens.viewer)).status).to.equal(200);
        expect(await ready(app)).to.deep.equal({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_READ_ONLY' } });
      } finally {
        await admin(`alter database ${database} set default_transaction_read_only = off`);
        await terminate();
      }
      let ok: { status: number } | undefined;
      for (let i = 0; i < 5 && ok?.status !== 200; i++) ok = await ready(app);
      expect(ok!.status).to.equal(200);
    });

    it('a dropped database gives DATABASE_UNAVAILABLE, also to sign-in, and readiness fails', async () => {
      const lost = await startTestApp({ LOG_LEVEL: 'trace' });
      const name = new URL(lost.config.database.url).pathname.slice(1);
      try {
        await admin(`drop database ${name} with (force)`);
        const person = markers.person();
        for (const token of [lost.tokens.admin, lost.tokens.viewer]) {
          const answer = await post(lost, CREATE, { input: { ...person, categoryId } }, token);
          expectFault(answer, 'DATABASE_UNAVAILABLE');
        }
        expect(await ready(lost)).to.deep.equal({ status: 503, body: { status: 'unavailable', reason: 'DATABASE_UNAVAILABLE' } });
        expect(markers.leaks(lost.logs)).to.deep.equal([]);
      } finally {
        await lost.close();
      }
    });

    it('logs each fault with its reason and driver code, and none of the personal data sent', () => {
      const faults = app.logs.filter((l) => l.msg === 'database fault');
      expect(faults.map((l) => l.reason)).to.include.members(['DATABASE_LOCKED', 'DATABASE_UNAVAILABLE', 'DATABASE_READ_ONLY']);
      expect(markers.leaks(app.logs)).to.deep.equal([]);
    });
  });
});
