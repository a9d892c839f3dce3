import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseDatabaseUrl } from '../src/config';
import { openDatabase } from '../src/database';
import { TokenAccess, UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';

// npm run bench:faults [-- --server=dist/src/main.js]
//
// How the register behaves while its SQLite database is locked by another process, and while
// slow and idle clients hold connections, measured on the real server process:
// 1. four writers create stakeholders for 30 s; from second 5 another process holds the write
//    lock for 20 s (BEGIN IMMEDIATE, as a backup or maintenance script would), from second 27
//    for 2 s; answers are counted by HTTP status and code, with the slowest answer and the time
//    from the release of the long lock to the next acknowledged write;
// 2. 500 idle sockets and 50 bodies sent a byte a second: how many are still open after 45 s,
//    and whether ordinary requests are answered meanwhile;
// 3. with --postgres: four writers while the local PostgreSQL server is stopped for 10 s
//    (pg_ctlcluster), counted the same way, with the time to the first write after it is back.
// --server names another build's main.js, to measure an older commit with this script.

async function startServer(main: string, databaseUrl: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-faults-'));
  const proc = spawn(process.execPath, [main], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line);
        if (entry.url) resolve(entry.url);
      } catch {
        // not a log line
      }
    });
    void exited.then(() => reject(new Error('server exited')));
  });
  return {
    url,
    stop: async () => {
      proc.kill('SIGTERM');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

async function adminToken(databaseUrl: string): Promise<string> {
  const orm = await openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    const em = orm.em.fork();
    const access = new AccessService();
    const admin = await access.createUser(em, { name: 'Bench admin', email: 'admin@bench.example', role: UserRole.ADMIN });
    const { secret } = access.createToken(em, admin, { name: 'bench', access: TokenAccess.READ_WRITE });
    await em.flush();
    return secret;
  } finally {
    await orm.close(true);
  }
}

async function gql(url: string, token: string, query: string, variables?: unknown): Promise<{ status: number; code: string; retryAfter: string | null }> {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string; reason?: string } }[] };
    const e = body.errors?.[0]?.extensions;
    return { status: res.status, code: e ? `${e.code}${e.reason ? `/${e.reason}` : ''}` : 'ok', retryAfter: res.headers.get('retry-after') };
  } catch (error) {
    return { status: 0, code: `failed: ${(error as Error).message}`, retryAfter: null };
  }
}

function holdLock(file: string, afterMs: number, forMs: number): { heldAt: Promise<number>; releasedAt: Promise<number> } {
  let held: (t: number) => void = () => undefined;
  const heldAt = new Promise<number>((resolve) => (held = resolve));
  const releasedAt = new Promise<number>((resolve) => {
    setTimeout(() => {
      // The holder waits for the writers' lock in turn, as a backup script would; the hold is
      // timed from the moment it has the lock.
      const holder = spawn('sqlite3', ['-cmd', '.timeout 30000', file], { stdio: ['pipe', 'pipe', 'inherit'] });
      holder.stdin.write("BEGIN IMMEDIATE;\nselect 'locked';\n");
      holder.stdout.once('data', () => {
        held(performance.now());
        setTimeout(() => {
          holder.stdin.end('COMMIT;\n');
          holder.on('exit', () => resolve(performance.now()));
        }, forMs);
      });
    }, afterMs);
  });
  return { heldAt, releasedAt };
}

async function lockRun(url: string, token: string, file: string): Promise<void> {
  const categories = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ stakeholderCategories { id } }' }) })).json()) as any;
  const categoryId = categories.data.stakeholderCategories[0].id;
  const started = performance.now();
  const long = holdLock(file, 5_000, 20_000);
  const short = holdLock(file, 27_000, 2_000);
  const counts = new Map<string, number>();
  const acks: number[] = [];
  let slowest = 0;
  let n = 0;
  const writer = async () => {
    while (performance.now() - started < 30_000) {
      const t = performance.now();
      const r = await gql(url, token, 'mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }', { input: { name: `Writer ${n++}`, categoryId } });
      const done = performance.now();
      slowest = Math.max(slowest, done - t);
      const key = `HTTP ${r.status} ${r.code}${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ''}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (r.code === 'ok') acks.push(done);
      // A client that is told when to retry waits; one that is not, retries at once.
      if (r.retryAfter) await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await Promise.all([writer(), writer(), writer(), writer()]);
  const released = await long.releasedAt;
  const heldFrom = await long.heldAt;
  await short.releasedAt;
  const recovered = acks.find((t) => t >= released);
  console.log('\n1. four writers for 30 s; another process holds the write lock 20 s from second 5, and 2 s from second 27');
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`   ${String(count).padStart(6)}  ${key}`);
  console.log(`   requests ${[...counts.values()].reduce((a, b) => a + b, 0)}, slowest answer ${slowest.toFixed(0)} ms`);
  console.log(`   the long lock was held from ${((heldFrom - started) / 1000).toFixed(1)} s for ${((released - heldFrom) / 1000).toFixed(1)} s; acknowledged writes meanwhile: ${acks.filter((t) => t > heldFrom && t < released).length}`);
  console.log(`   first acknowledged write ${recovered === undefined ? 'never' : `${(recovered - released).toFixed(0)} ms`} after the long lock was released`);
}

/** Four writers for 30 s against PostgreSQL, which is stopped from second 5 for 10 s (pg_ctlcluster). */
async function postgresRun(mainJs: string): Promise<void> {
  const { Client } = await import('pg');
  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `bench_faults_${process.pid}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${name}`;
  const token = await adminToken(databaseUrl);
  const server = await startServer(mainJs, databaseUrl);
  const cluster = (await import('node:fs')).readdirSync('/etc/postgresql')[0];
  const pgctl = (action: string) =>
    new Promise<void>((resolve, reject) => spawn('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', action], { stdio: 'ignore' }).on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`pg_ctlcluster ${action}: ${c}`)))));
  try {
    const categories = (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ stakeholderCategories { id } }' }) })).json()) as any;
    const categoryId = categories.data.stakeholderCategories[0].id;
    const started = performance.now();
    let startedAgain = 0;
    const outage = (async () => {
      await new Promise((r) => setTimeout(r, 5_000));
      await pgctl('stop');
      await new Promise((r) => setTimeout(r, 10_000));
      await pgctl('start');
      startedAgain = performance.now();
    })();
    const counts = new Map<string, number>();
    const acks: number[] = [];
    let n = 0;
    const writer = async () => {
      while (performance.now() - started < 30_000) {
        const r = await gql(server.url, token, 'mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }', { input: { name: `Writer ${n++}`, categoryId } });
        const key = `HTTP ${r.status} ${r.code}${r.retryAfter ? ` (Retry-After ${r.retryAfter})` : ''}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
        if (r.code === 'ok') acks.push(performance.now());
        if (r.retryAfter) await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    await Promise.all([writer(), writer(), writer(), writer(), outage]);
    const recovered = acks.find((t) => t >= startedAgain);
    console.log('\n3. four writers for 30 s on PostgreSQL; the server is stopped from second 5 for 10 s');
    for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`   ${String(count).padStart(6)}  ${key}`);
    console.log(`   first acknowledged write ${recovered === undefined ? 'never' : `${(recovered - startedAgain).toFixed(0)} ms`} after PostgreSQL was started again`);
  } finally {
    await server.stop();
    await pgctl('start').catch(() => undefined);
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

async function connectionRun(url: string): Promise<void> {
  const { port } = new URL(url);
  const open = () =>
    new Promise<Socket>((resolve) => {
      const s = connect(Number(port), '127.0.0.1', () => resolve(s));
      s.on('error', () => undefined);
    });
  const idle = await Promise.all(Array.from({ length: 500 }, open));
  const slow = await Promise.all(Array.from({ length: 50 }, open));
  const timers = slow.map((s) => {
    s.write('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n');
    return setInterval(() => s.writable && s.write(' '), 1000);
  });
  const closedAt = new Map<Socket, number>();
  const started = performance.now();
  for (const s of [...idle, ...slow]) s.on('close', () => closedAt.set(s, performance.now() - started));
  let answered = 0;
  let failed = 0;
  const probe = setInterval(() => {
    fetch(`${url}healthz`).then(
      (r) => (r.ok ? answered++ : failed++),
      () => failed++,
    );
  }, 500);
  await new Promise((resolve) => setTimeout(resolve, 45_000));
  clearInterval(probe);
  timers.forEach(clearInterval);
  const stillOpen = (list: Socket[]) => list.filter((s) => !closedAt.has(s)).length;
  const latest = (list: Socket[]) => Math.max(0, ...list.map((s) => closedAt.get(s) ?? 0));
  console.log('\n2. 500 idle sockets and 50 bodies sent a byte a second, for 45 s');
  console.log(`   still open after 45 s: ${stillOpen(idle)} of 500 idle (last closed at ${(latest(idle) / 1000).toFixed(1)} s), ${stillOpen(slow)} of 50 slow (last closed at ${(latest(slow) / 1000).toFixed(1)} s)`);
  console.log(`   /healthz meanwhile: ${answered} answered, ${failed} failed`);
  for (const s of [...idle, ...slow]) s.destroy();
}

async function main(): Promise<void> {
  const serverArg = process.argv.find((a) => a.startsWith('--server='));
  const mainJs = serverArg ? serverArg.slice('--server='.length) : join(__dirname, '..', 'src', 'main.js');
  const dir = mkdtempSync(join(tmpdir(), 'bench-faults-db-'));
  const file = join(dir, 'register.sqlite');
  const databaseUrl = `sqlite:${file}`;
  const token = await adminToken(databaseUrl);
  const server = await startServer(mainJs, databaseUrl);
  try {
    console.log(`server: ${mainJs}`);
    await lockRun(server.url, token, file);
    await connectionRun(server.url);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  // Stopping the local PostgreSQL server only when asked: other work may be using it.
  if (process.argv.includes('--postgres')) await postgresRun(mainJs);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
