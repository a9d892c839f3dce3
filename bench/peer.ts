import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister, type RegisterSize } from './data-generator';
import { node24 } from './node24';
import { PEER_FUNCTIONS_SQL } from './peer-sql';
import { freePort } from '../test/helpers/ports';
import { createScratchDatabase, planToHorizon, type ScratchDatabase, viewerToken } from './scratch-database';

// npm run bench:peer [-- --stakeholders=N --interactions=N --obligations=N --moments=N
//                        --duration=S --connections=N --rounds=N --warmup=S --server=<main.js>
//                        --without-relation-indexes]
// Size flags can also be given as BENCH_<NAME> in the environment; a flag wins.
//
// Our API against PostGraphile 5 on the same PostgreSQL register, each a real server process
// loaded by autocannon over HTTP, interleaved over rounds. Also: our API on SQLite with the same
// rows (the same generator and seed), our API on Node 24 (PostGraphile's Node), and a bare
// Express + Apollo `{ hello }` as the ceiling of our stack. The last line is the median ratio
// of requests/s on the stakeholder page, ours/PostGraphile.

interface Options {
  size: RegisterSize;
  duration: number;
  connections: number;
  rounds: number;
  warmup: number;
  server: string;
  withoutRelationIndexes: boolean;
  postgresUrl: string;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const settings: Record<string, string | undefined> = { ...env };
  let withoutRelationIndexes = false;
  for (const arg of argv) {
    if (arg === '--without-relation-indexes') {
      withoutRelationIndexes = true;
      continue;
    }
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument "${arg}"; flags look like --stakeholders=1000`);
    settings[`BENCH_${match[1].toUpperCase()}`] = match[2];
  }
  const int = (name: string, def: number, min = 0) => {
    const raw = settings[`BENCH_${name}`];
    const value = raw ? Number(raw) : def;
    if (!Number.isInteger(value) || value < min) throw new Error(`BENCH_${name} must be a whole number of at least ${min}, got "${raw}"`);
    return value;
  };
  return {
    size: { stakeholders: int('STAKEHOLDERS', 10_000, 10), interactions: int('INTERACTIONS', 100_000, 1), obligations: int('OBLIGATIONS', 5_000, 1), moments: int('MOMENTS', 250_000) },
    duration: int('DURATION', 10, 1),
    connections: int('CONNECTIONS', 10, 1),
    rounds: int('ROUNDS', 3, 1),
    warmup: int('WARMUP', 2),
    server: settings.BENCH_SERVER || join(__dirname, '..', 'src', 'main.js'),
    withoutRelationIndexes,
    postgresUrl: settings.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

// ---- The pages, as our API and PostGraphile ask them, and what both should answer -------------

const OURS_PAGE = `{ stakeholders(first: 50) { edges { node {
  name category { name } contacts { name email } currentAssessment { power interest }
} } } }`;
const PEER_PAGE = `{ allStakeholders(first: 50, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], condition: { archivedAt: null }) { nodes {
  name stakeholderCategoryByCategoryId { name } activeContacts(first: 20) { nodes { name email } } currentAssessment { power interest }
} } }`;
const OURS_NESTED = `{ stakeholders(first: 50) { edges { node {
  name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject }
} } } }`;
const PEER_NESTED = `{ allStakeholders(first: 50, orderBy: [NAME_ASC, PRIMARY_KEY_ASC], condition: { archivedAt: null }) { nodes {
  name activeInterests(first: 20) { nodes { topic status } } activeGoals(first: 20) { nodes { title status } }
  latestInteractions(first: 3) { nodes { occurredOn subject } }
} } }`;

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Both answers as plain arrays of plain rows, so that they can be deep-compared. */
const normalise = {
  oursPage: (d: Json) =>
    d.stakeholders.edges.map(({ node: s }: Json) => ({
      name: s.name,
      category: s.category.name,
      contacts: s.contacts.map((c: Json) => ({ name: c.name, email: c.email })),
      current: s.currentAssessment && { power: s.currentAssessment.power, interest: s.currentAssessment.interest },
    })),
  peerPage: (d: Json) =>
    d.allStakeholders.nodes.map((s: Json) => ({
      name: s.name,
      category: s.stakeholderCategoryByCategoryId.name,
      contacts: s.activeContacts.nodes.map((c: Json) => ({ name: c.name, email: c.email })),
      current: s.currentAssessment && { power: s.currentAssessment.power, interest: s.currentAssessment.interest },
    })),
  oursNested: (d: Json) =>
    d.stakeholders.edges.map(({ node: s }: Json) => ({
      name: s.name,
      interests: s.interests.map((i: Json) => ({ topic: i.topic, status: i.status })),
      goals: s.goals.map((g: Json) => ({ title: g.title, status: g.status })),
      interactions: s.interactions.map((i: Json) => ({ occurredOn: i.occurredOn, subject: i.subject })),
    })),
  peerNested: (d: Json) =>
    d.allStakeholders.nodes.map((s: Json) => ({
      name: s.name,
      interests: s.activeInterests.nodes.map((i: Json) => ({ topic: i.topic, status: i.status })),
      goals: s.activeGoals.nodes.map((g: Json) => ({ title: g.title, status: g.status })),
      interactions: s.latestInteractions.nodes.map((i: Json) => ({ occurredOn: i.occurredOn, subject: i.subject })),
    })),
};

// The indexes of Migration20261203130000_RelationIndexes, dropped from the PostgreSQL register
// after the fill with --without-relation-indexes, to measure it as it was before them.
const RELATION_INDEXES = [
  'contact_person_stakeholder_id_index',
  'interest_stakeholder_id_index',
  'strategic_goal_stakeholders_stakeholder_id_index',
  'interaction_stakeholders_stakeholder_id_index',
];

// ---- Databases ----------------------------------------------------------------------------------

interface Register {
  kind: DatabaseKind;
  databaseUrl: string;
  token: string;
  db: ScratchDatabase;
}

async function fillRegister(kind: DatabaseKind, options: Options, cleanups: (() => Promise<void>)[]): Promise<Register> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) throw new Error('bench:peer needs PostgreSQL (BENCH_POSTGRES_URL)');
  cleanups.push(() => db.drop());
  const databaseUrl = db.config.kind === 'sqlite' ? `sqlite:${db.config.sqlitePath}` : db.config.url;
  const started = Date.now();
  const orm = await openDatabase(db.config);
  try {
    await buildRegister(orm, kind, options.size);
    await planToHorizon(orm);
    const knex = (orm.em as SqlEntityManager).getKnex();
    // SQLite has had these indexes from the first migration (MikroORM indexes its foreign keys).
    if (options.withoutRelationIndexes && kind === 'postgresql') for (const index of RELATION_INDEXES) await knex.raw(`drop index if exists "${index}"`);
    if (kind === 'postgresql') await knex.raw(PEER_FUNCTIONS_SQL);
    const secret = await viewerToken(orm, 'Peer');
    console.log(`${kind}: register filled in ${((Date.now() - started) / 1000).toFixed(1)} s${options.withoutRelationIndexes && kind === 'postgresql' ? ' (relation indexes dropped)' : ''}`);
    return { kind, databaseUrl, token: secret, db };
  } finally {
    await orm.close(true);
  }
}

// ---- Server processes ---------------------------------------------------------------------------

interface Server {
  name: string;
  url: string;
  proc: ChildProcess;
}


/** Spawns a server; resolves when `query` is answered without errors. */
async function startServer(name: string, command: string, args: string[], env: Record<string, string>, url: string, query: string, token: string | null, servers: Server[]): Promise<Server> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-peer-'));
  const proc = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited = false;
  proc.on('exit', () => {
    exited = true;
    rmSync(cwd, { recursive: true, force: true });
  });
  const server = { name, url, proc };
  servers.push(server);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${name} exited before it answered:\n${stderr}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${stderr}`);
    const body = await post(url, query, token).catch(() => null);
    if (body && !body.errors) return server;
    if (body?.errors) throw new Error(`${name} answered with errors: ${JSON.stringify(body.errors).slice(0, 1000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function headers(token: string | null): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

async function post(url: string, query: string, token: string | null): Promise<{ data?: Json; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: headers(token), body: JSON.stringify({ query }) });
  return (await res.json()) as { data?: Json; errors?: unknown[] };
}

async function stopServers(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      ({ proc }) =>
        new Promise<void>((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
          proc.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          proc.kill('SIGTERM');
        }),
    ),
  );
}

// ---- The check ----------------------------------------------------------------------------------

async function checkSame(what: string, aName: string, a: unknown[], bName: string, b: unknown[]): Promise<void> {
  if (a.length === 0) throw new Error(`${what}: ${aName} answered no rows`);
  if (isDeepStrictEqual(a, b)) {
    console.log(`check ${what}: ${aName} and ${bName} answer the same ${a.length} rows`);
    return;
  }
  const i = a.findIndex((row, k) => !isDeepStrictEqual(row, b[k]));
  const at = i < 0 ? Math.min(a.length, b.length) : i;
  console.error(`check ${what}: ${aName} and ${bName} differ (${a.length} vs ${b.length} rows), first at row ${at}:`);
  console.error(`  ${aName}: ${JSON.stringify(a[at]) ?? '(none)'}`.slice(0, 1500));
  console.error(`  ${bName}: ${JSON.stringify(b[at]) ?? '(none)'}`.slice(0, 1500));
  process.exitCode = 1;
  throw new Error(`${what}: the answers differ`);
}

// ---- Load ---------------------------------------------------------------------------------------

interface Target {
  name: string;
  server: Server;
  query: string;
  token: string | null;
}

interface Run {
  target: string;
  rps: number;
  p50: number;
  p99: number;
  rssMb: number;
  hwmMb: number;
  failed: number;
  load: string;
}

function memory(pid: number): { rss: number; hwm: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function load(target: Target, connections: number, duration: number): Promise<Run> {
  const pid = target.server.proc.pid!;
  let rss = memory(pid).rss;
  const timer = setInterval(() => (rss = Math.max(rss, memory(pid).rss)), 200);
  try {
    const result = await autocannon({
      url: target.server.url,
      method: 'POST',
      headers: headers(target.token),
      body: JSON.stringify({ query: target.query }),
      connections,
      duration,
    });
    const after = memory(pid);
    return {
      target: target.name,
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rssMb: Math.max(rss, after.rss),
      hwmMb: after.hwm,
      failed: result.errors + result.timeouts + result.non2xx,
      load: loadAverage(),
    };
  } finally {
    clearInterval(timer);
  }
}

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

const RATIOS: [string, string, string][] = [
  ['stakeholder page, SQLite: ours/PostGraphile', 'ours SQLite: page', 'PostGraphile: page'],
  ['stakeholder page, ours on Node 24/PostGraphile', 'ours Node 24: page', 'PostGraphile: page'],
  ['stakeholder page: ours/{ hello } ceiling', 'ours: page', 'Apollo { hello }'],
  ['nested page, SQLite: ours/PostGraphile', 'ours SQLite: nested', 'PostGraphile: nested'],
  ['nested page: ours/PostGraphile', 'ours: nested', 'PostGraphile: nested'],
  ['stakeholder page: ours/PostGraphile', 'ours: page', 'PostGraphile: page'],
];

// ---- Main ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const n = (x: number) => x.toLocaleString('en-GB');
  console.log(
    `bench:peer: ${n(options.size.stakeholders)} stakeholders, ${n(options.size.interactions)} interactions, ${n(options.size.obligations)} obligations, ` +
      `${n(options.size.moments)} moments; ${options.rounds} rounds of ${options.duration} s per target, ${options.connections} connections; server ${options.server}`,
  );
  console.log(`load average at start: ${loadAverage()}`);
  const node = node24();
  const cleanups: (() => Promise<void>)[] = [];
  const servers: Server[] = [];
  let interrupted = false;
  const interrupt = () => {
    if (interrupted) return;
    interrupted = true;
    console.error('interrupted: stopping the servers and dropping the scratch databases');
    void stopServers(servers).then(() => Promise.allSettled(cleanups.map((c) => c()))).finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  try {
    const pg = await fillRegister('postgresql', options, cleanups);
    const sqlite = await fillRegister('sqlite', options, cleanups);

    const ours = async (name: string, command: string, register: Register) => {
      const port = await freePort();
      const env = { HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: register.databaseUrl, NODE_ENV: 'production', GRAPHIQL: 'false', LOG_LEVEL: 'warn' };
      return startServer(name, command, [options.server], env, `http://127.0.0.1:${port}/graphql`, OURS_PAGE, register.token, servers);
    };
    const oursPg = await ours('ours (PostgreSQL)', process.execPath, pg);
    const oursSqlite = await ours('ours (SQLite)', process.execPath, sqlite);
    const oursNode24 = await ours('ours (PostgreSQL, Node 24)', node, pg);
    const peerPort = await freePort();
    const peer = await startServer(
      'PostGraphile',
      node,
      [join(__dirname, 'peer-postgraphile.js')],
      { DATABASE_URL: pg.databaseUrl, NODE_ENV: 'production', PORT: String(peerPort) },
      `http://127.0.0.1:${peerPort}/graphql`,
      PEER_PAGE,
      null,
      servers,
    );
    const helloPort = await freePort();
    const hello = await startServer('Apollo { hello }', process.execPath, [join(__dirname, 'peer-hello.js')], { NODE_ENV: 'production', PORT: String(helloPort) }, `http://127.0.0.1:${helloPort}/graphql`, '{ hello }', null, servers);
    console.log(`servers: ours on ${process.version} and on Node ${node24Version(node)}, PostGraphile 5.1.5 on Node ${node24Version(node)}, { hello } on ${process.version}`);

    // The check: the same rows from every server that serves the register.
    const answer = async (server: Server, query: string, token: string | null) => {
      const body = await post(server.url, query, token);
      if (body.errors) throw new Error(`${server.name}: ${JSON.stringify(body.errors).slice(0, 1000)}`);
      return body.data;
    };
    const oursRows = normalise.oursPage(await answer(oursPg, OURS_PAGE, pg.token));
    await checkSame('stakeholder page', 'ours', oursRows, 'PostGraphile', normalise.peerPage(await answer(peer, PEER_PAGE, null)));
    await checkSame('stakeholder page', 'ours', oursRows, 'ours on SQLite', normalise.oursPage(await answer(oursSqlite, OURS_PAGE, sqlite.token)));
    const oursNested = normalise.oursNested(await answer(oursPg, OURS_NESTED, pg.token));
    await checkSame('nested page', 'ours', oursNested, 'PostGraphile', normalise.peerNested(await answer(peer, PEER_NESTED, null)));
    await checkSame('nested page', 'ours', oursNested, 'ours on SQLite', normalise.oursNested(await answer(oursSqlite, OURS_NESTED, sqlite.token)));

    const targets: Target[] = [
      { name: 'ours: page', server: oursPg, query: OURS_PAGE, token: pg.token },
      { name: 'PostGraphile: page', server: peer, query: PEER_PAGE, token: null },
      { name: 'ours SQLite: page', server: oursSqlite, query: OURS_PAGE, token: sqlite.token },
      { name: 'ours Node 24: page', server: oursNode24, query: OURS_PAGE, token: pg.token },
      { name: 'Apollo { hello }', server: hello, query: '{ hello }', token: null },
      { name: 'ours: nested', server: oursPg, query: OURS_NESTED, token: pg.token },
      { name: 'PostGraphile: nested', server: peer, query: PEER_NESTED, token: null },
      { name: 'ours SQLite: nested', server: oursSqlite, query: OURS_NESTED, token: sqlite.token },
    ];
    if (options.warmup > 0) for (const t of targets) await load(t, options.connections, options.warmup);

    const rounds: Run[][] = [];
    const header = ['target', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'VmHWM MB', 'failed', 'load average'];
    const row = (r: Run) => [r.target, r.rps.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), r.rssMb.toFixed(0), r.hwmMb.toFixed(0), String(r.failed), r.load];
    for (let round = 1; round <= options.rounds; round++) {
      const runs: Run[] = [];
      // Interleaved: every target once per round; the order turns each round, so that no
      // target always follows the same neighbour.
      for (let k = 0; k < targets.length; k++) runs.push(await load(targets[(k + round - 1) % targets.length], options.connections, options.duration));
      runs.sort((a, b) => targets.findIndex((t) => t.name === a.target) - targets.findIndex((t) => t.name === b.target));
      rounds.push(runs);
      console.log(`\nround ${round} of ${options.rounds}`);
      console.log(table(header, runs.map(row)));
    }
    const failed = rounds.flat().filter((r) => r.failed > 0);
    if (failed.length) {
      process.exitCode = 1;
      console.error(`\nfailed requests (errors, timeouts or non-2xx) in: ${[...new Set(failed.map((r) => r.target))].join(', ')}`);
    }

    console.log(`\nsummary: median of ${options.rounds} rounds (peak RSS: the highest of the rounds)`);
    const summary = targets.map((t) => {
      const runs = rounds.map((rs) => rs.find((r) => r.target === t.name)!);
      return [t.name, median(runs.map((r) => r.rps)).toFixed(0), median(runs.map((r) => r.p50)).toFixed(1), median(runs.map((r) => r.p99)).toFixed(1), Math.max(...runs.map((r) => r.rssMb)).toFixed(0), Math.max(...runs.map((r) => r.hwmMb)).toFixed(0)];
    });
    console.log(table(['target', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'VmHWM MB'], summary));
    console.log(`load average at the end: ${loadAverage()}`);
    console.log('\nratios of requests/s, median of the per-round ratios:');
    for (const [label, a, b] of RATIOS) {
      const perRound = rounds.map((rs) => rs.find((r) => r.target === a)!.rps / rs.find((r) => r.target === b)!.rps);
      // The last line is read by scripts: always two decimals; the others get three when small.
      const last = label === RATIOS[RATIOS.length - 1][0];
      const f = (x: number) => x.toFixed(last || x >= 0.1 ? 2 : 3);
      console.log(`${label} = ${f(median(perRound))}${last ? '' : `  (rounds: ${perRound.map(f).join(', ')})`}`);
    }
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await stopServers(servers);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error) => console.error(`cleanup failed: ${(error as Error).message}`));
  }
}

function node24Version(binary: string): string {
  return /node-(\d+\.\d+\.\d+)/.exec(binary)?.[1] ?? '24';
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
