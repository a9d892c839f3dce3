import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { parseDatabaseUrl } from '../src/config';
import { openDatabase } from '../src/database';
import { TokenAccess, UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';

// npm run bench:requests [-- --server=dist/src/main.js]
//
// What one request from a viewer's read-only token can cost the process: each hostile request
// is sent to the real server (a child process, SQLite file) while /healthz is polled every few
// milliseconds; the slowest /healthz answer is how long the request held the event loop.
// --server names another build's main.js, to measure an older commit with this script. The last
// column is the server's peak resident memory so far (it only grows: a row shows the most any
// request up to it needed).

interface Attack {
  name: string;
  body: () => Record<string, unknown>;
}

const repeat = (text: string, n: number) => Array.from({ length: n }, () => text).join(' ');

function attacks(obligationId: string): Attack[] {
  const nested = (levels: number, first?: number) => {
    const arg = first === undefined ? '' : `(first: ${first})`;
    let inner = 'dueOn';
    for (let i = 0; i < levels; i++) inner = `dueOn obligation { moments${arg} { ${inner} } }`;
    return `query ($id: ID!) { obligation(id: $id) { moments${arg} { ${inner} } } }`;
  };
  // A fragment that spreads the next one twice, ten levels deep: 2^10 copies once expanded.
  const bomb = Array.from({ length: 10 }, (_, i) => `fragment F${i} on Stakeholder { name ...F${i + 1} ...F${i + 1} }`).join('\n');
  return [
    { name: 'repeated fields, 9,000 (45 KB)', body: () => ({ query: `{ me { user { ${repeat('name', 9000)} } } }` }) },
    { name: 'repeated fields, 15,000 (75 KB)', body: () => ({ query: `{ me { user { ${repeat('name', 15000)} } } }` }) },
    { name: 'repeated fields at MAX_FIELDS (500)', body: () => ({ query: `{ me { user { ${repeat('name', 498)} } } }` }) },
    { name: '1,990 tokens: a list literal of tags', body: () => ({ query: `{ stakeholders(filter: { tags: [${repeat('"a"', 1980)}] }) { totalCount } }` }) },
    { name: '1 MB of comments around a small query', body: () => ({ query: `${'# padding '.repeat(100_000)}\n{ me { user { name } } }` }) },
    { name: '1 MB string variable', body: () => ({ query: 'query ($t: String) { stakeholders(filter: { text: $t }) { totalCount } }', variables: { t: 'x'.repeat(1_000_000) } }) },
    { name: 'fragment bomb (2^10)', body: () => ({ query: `{ stakeholders(first: 1) { edges { node { ...F0 } } } }\n${bomb}\nfragment F10 on Stakeholder { name }` }) },
    { name: 'nested moments, 2 levels', body: () => ({ query: nested(1), variables: { id: obligationId } }) },
    { name: 'nested moments, 3 levels', body: () => ({ query: nested(2), variables: { id: obligationId } }) },
    { name: 'largest answer: 3 levels, first 26', body: () => ({ query: nested(2, 26), variables: { id: obligationId } }) },
    { name: 'past MAX_RESPONSE_ITEMS: 3 levels, first 40', body: () => ({ query: nested(2, 40), variables: { id: obligationId } }) },
  ];
}

/** The server's peak resident memory so far in MB (Linux), or NaN. */
function peakRssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
  } catch {
    return Number.NaN;
  }
}

async function startServer(main: string, databaseUrl: string): Promise<{ url: string; pid?: number; stop: () => Promise<void> }> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-requests-'));
  const proc = spawn(process.execPath, ['--max-old-space-size=1024', main], {
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
    pid: proc.pid,
    stop: async () => {
      proc.kill('SIGKILL');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

async function prepare(databaseUrl: string): Promise<{ viewer: string; admin: string }> {
  const orm = await openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    const em = orm.em.fork();
    const access = new AccessService();
    const admin = await access.createUser(em, { name: 'Bench admin', email: 'admin@bench.example', role: UserRole.ADMIN });
    const viewer = await access.createUser(em, { name: 'Bench viewer', email: 'viewer@bench.example', role: UserRole.VIEWER });
    const tokens = {
      admin: access.createToken(em, admin, { name: 'admin', access: TokenAccess.READ_WRITE }).secret,
      viewer: access.createToken(em, viewer, { name: 'dashboard' }).secret,
    };
    await em.flush();
    return tokens;
  } finally {
    await orm.close(true);
  }
}

async function post(url: string, token: string, body: unknown): Promise<{ status: number; code: string; ms: number; bytes: number }> {
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const text = await res.text();
    let code = 'ok';
    try {
      code = JSON.parse(text).errors?.[0]?.extensions?.code ?? 'ok';
    } catch {
      code = 'not JSON';
    }
    return { status: res.status, code, ms: performance.now() - started, bytes: text.length };
  } catch (error) {
    return { status: 0, code: `failed: ${(error as Error).message}`, ms: performance.now() - started, bytes: 0 };
  }
}

/** Polls /healthz back to back until stopped; returns the slowest answer in ms. */
function pollHealth(url: string): { stop: () => Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await (await fetch(`${url}healthz`)).text();
      } catch {
        worst = Infinity;
        return;
      }
      worst = Math.max(worst, performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return worst;
    },
  };
}

async function main(): Promise<void> {
  const serverArg = process.argv.find((a) => a.startsWith('--server='));
  const main = serverArg ? serverArg.slice('--server='.length) : join(__dirname, '..', 'src', 'main.js');
  const dir = mkdtempSync(join(tmpdir(), 'bench-requests-db-'));
  const databaseUrl = `sqlite:${join(dir, 'register.sqlite')}`;
  const tokens = await prepare(databaseUrl);
  let server = await startServer(main, databaseUrl);
  try {
    // One obligation with a few hundred moments: a daily rule over the planning horizon.
    const categories = await post(server.url, tokens.admin, { query: '{ stakeholderCategories { id } }' });
    if (categories.code !== 'ok') throw new Error('no categories');
    const created = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({
        query: `mutation { createGovernanceCode(input: { key: "bench", title: "Bench code", issuer: "Bench", sector: GENERAL }) { id } }`,
      }),
    }).then((r) => r.json() as Promise<any>);
    const codeId = created.data?.createGovernanceCode?.id;
    const provision = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({ query: `mutation ($c: ID!) { createCodeProvision(input: { codeId: $c, reference: "1", title: "Daily" }) { id } }`, variables: { c: codeId } }),
    }).then((r) => r.json() as Promise<any>);
    const obligation = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.admin}` },
      body: JSON.stringify({
        query: `mutation ($p: ID!) { createObligation(input: { title: "Daily report", provisionIds: [$p], form: WRITTEN_REPORT, recurrenceRule: "FREQ=DAILY", scheduleStart: "2026-06-01", activeFrom: "2026-06-01" }) { id plannedUntil } }`,
        variables: { p: provision.data?.createCodeProvision?.id },
      }),
    }).then((r) => r.json() as Promise<any>);
    const obligationId = obligation.data?.createObligation?.id;
    if (!obligationId) throw new Error(`could not create the obligation: ${JSON.stringify(obligation.errors ?? provision.errors ?? created.errors)}`);

    console.log(`server: ${main}`);
    console.log('request'.padEnd(42), 'body KB'.padStart(8), 'HTTP'.padStart(5), 'code'.padEnd(24), 'answer ms'.padStart(10), 'healthz max ms'.padStart(15), 'peak RSS MB'.padStart(12));
    for (const attack of attacks(obligationId)) {
      const body = attack.body();
      const kb = JSON.stringify(body).length / 1024;
      const health = pollHealth(server.url);
      await new Promise((r) => setTimeout(r, 50));
      const result = await post(server.url, tokens.viewer, body);
      const worst = await health.stop();
      const peak = peakRssMb(server.pid);
      console.log(attack.name.padEnd(42), kb.toFixed(1).padStart(8), String(result.status).padStart(5), result.code.slice(0, 24).padEnd(24), result.ms.toFixed(0).padStart(10), worst.toFixed(0).padStart(15), peak.toFixed(0).padStart(12));
      if (result.status === 0) {
        // The process died (out of memory): start it again for the next request.
        await server.stop();
        server = await startServer(main, databaseUrl);
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
