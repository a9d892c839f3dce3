import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister } from './data-generator';
import { freePort } from '../test/helpers/ports';
import { createScratchDatabase, planToHorizon, viewerToken } from './scratch-database';

// npm run bench:page [-- --server=<main.js>[,<main.js>…] --databases=postgresql,sqlite --stakeholders=N --interactions=N --obligations=N --moments=N --duration=S --rounds=N --connections=N --profile=<folder>]
//
// The stakeholder page and the nested page under load: a scratch database of each kind is
// filled with the bench register, a real server process (NODE_ENV=production) serves it, and
// autocannon sends each page for `duration` seconds, in interleaved rounds (every server, every
// page, then the next round), so that a machine busy with something else slows all targets
// alike. --server adds other builds (e.g. /work/before/dist/src/main.js) side by side with this
// one. Prints requests/s, p50/p99 latency and the peak RSS of the server while serving the page
// (VmHWM, reset before each run), and the load average. --profile=<folder> writes a CPU profile
// of this build's server per database; `node dist/bench/profile-top.js <folder>/postgresql` sums it up.

// autocannon 9 ships no types: the part of its API used here.
interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
type Autocannon = (options: { url: string; method: string; connections: number; duration: number; headers: Record<string, string>; body: string }) => Promise<{
  requests: Histogram;
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
}>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

const PAGES: Record<string, string> = {
  stakeholder: `{ stakeholders(first: 50) { edges { node {
    name category { name } contacts { name email } currentAssessment { power interest }
  } } } }`,
  nested: `{ stakeholders(first: 50) { edges { node {
    name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject }
  } } } }`,
};

interface Options {
  servers: string[];
  databases: DatabaseKind[];
  stakeholders: number;
  duration: number;
  rounds: number;
  connections: number;
  /** A folder for CPU profiles of this build's server (node --cpu-prof), one per database. */
  profile: string | null;
  interactions: number | null;
  obligations: number;
  moments: number;
  postgresUrl: string;
}

function parseOptions(argv: string[]): Options {
  const flags = new Map(
    argv.map((a) => /^--([a-z]+)=(.*)$/.exec(a) ?? (() => { throw new Error(`Unknown argument "${a}"`); })()).map((m) => [m[1], m[2]]),
  );
  const int = (name: string, def: number) => {
    const value = Number(flags.get(name) ?? def);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return value;
  };
  const ours = join(__dirname, '..', 'src', 'main.js');
  const others = (flags.get('server') ?? '').split(',').filter(Boolean).map((p) => resolve(p));
  return {
    servers: [ours, ...others],
    databases: (flags.get('databases') ?? 'postgresql,sqlite').split(',') as DatabaseKind[],
    stakeholders: int('stakeholders', 10_000),
    duration: int('duration', 10),
    rounds: int('rounds', 3),
    connections: int('connections', 10),
    profile: flags.has('profile') ? resolve(flags.get('profile')!) : null,
    interactions: flags.has('interactions') ? int('interactions', 1) : null,
    obligations: int('obligations', 20),
    moments: int('moments', 400),
    postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

interface Register {
  url: string;
  token: string;
  drop(): Promise<void>;
}

async function filledRegister(kind: DatabaseKind, options: Options): Promise<Register | null> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) return null;
  const url = db.config.kind === 'sqlite' ? `sqlite:${db.config.sqlitePath}` : db.config.url;
  const orm = await openDatabase(db.config);
  try {
    const n = options.stakeholders;
    // Few obligations: the pages do not read them, and planning them would compete for the CPU.
    // --obligations=N --moments=N (and --interactions=N) fill the rest as bench:peer does (5,000, 250,000, 100,000).
    await buildRegister(orm, kind, { stakeholders: n, interactions: options.interactions ?? 2 * n, obligations: options.obligations, moments: options.moments });
    await planToHorizon(orm);
    const secret = await viewerToken(orm, 'Page');
    return { url, token: secret, drop: () => db.drop() };
  } catch (error) {
    await db.drop();
    throw error;
  } finally {
    await orm.close(true);
  }
}

interface Running {
  main: string;
  proc: ChildProcess;
  url: string;
  cwd: string;
  stop(): Promise<void>;
}


async function startServer(main: string, databaseUrl: string, nodeFlags: string[] = []): Promise<Running> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-page-'));
  const port = await freePort();
  // LOG_LEVEL warn: a log line per request would be part of what is measured.
  const proc = spawn(process.execPath, [...nodeFlags, main], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', NODE_ENV: 'production', GRAPHIQL: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exitedEarly = false;
  const exited = new Promise<void>((done) => proc.on('exit', () => ((exitedEarly = true), done())));
  const url = `http://127.0.0.1:${port}/`;
  for (;;) {
    if (exitedEarly) throw new Error(`${main} exited before answering /healthz`);
    const res = await fetch(`${url}healthz`).catch(() => null);
    if (res?.ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    main,
    proc,
    url,
    cwd,
    async stop() {
      // autocannon leaves requests in flight when its time is up: let them finish first, so that
      // shutdown does not cut their statements off (and log them as errors).
      await new Promise((r) => setTimeout(r, 3000));
      proc.kill('SIGTERM');
      await exited;
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}

function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Resets the process's peak RSS (VmHWM) to its current RSS, so that each run reports its own peak. */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // Not allowed here: the peak is then the process's since it started.
  }
}

async function post(url: string, token: string, query: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || body.errors?.length) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  rssMb: number;
}

async function load(server: Running, token: string, query: string, options: Options): Promise<Run> {
  resetPeak(server.proc.pid!);
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    connections: options.connections,
    duration: options.duration,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  if (result.non2xx || result.errors || result.timeouts) {
    throw new Error(`${server.main}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} time-outs`);
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, rssMb: peakRssMb(server.proc.pid!) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load1 = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`servers: ${options.servers.join(', ')}`);
  console.log(`${options.stakeholders.toLocaleString('en-GB')} stakeholders; autocannon ${options.connections} connections, ${options.duration} s per run, ${options.rounds} interleaved rounds`);
  for (const kind of options.databases) {
    const register = await filledRegister(kind, options);
    if (!register) continue;
    const servers: Running[] = [];
    try {
      for (const [i, main] of options.servers.entries()) {
        // Only this build is profiled (the profile is written when it exits).
        const flags = i === 0 && options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profile, kind)}`] : [];
        servers.push(await startServer(main, register.url, flags));
      }
      // Every server must answer every page with the same rows before it is timed.
      for (const [page, query] of Object.entries(PAGES)) {
        const answers = await Promise.all(servers.map((s) => post(s.url, register.token, query)));
        for (const [i, answer] of answers.entries()) {
          if (JSON.stringify(answer) !== JSON.stringify(answers[0])) throw new Error(`${kind} ${page} page: ${servers[i].main} answers differently from ${servers[0].main}`);
        }
        // Warm-up: the JIT and the connection pools.
        for (const s of servers) for (let i = 0; i < 20; i++) await post(s.url, register.token, query);
      }
      const runs = new Map<string, Run[]>();
      for (let round = 1; round <= options.rounds; round++) {
        for (const page of Object.keys(PAGES)) {
          for (const s of servers) {
            const run = await load(s, register.token, PAGES[page], options);
            const key = `${page}\t${s.main}`;
            runs.set(key, [...(runs.get(key) ?? []), run]);
            console.log(`  ${kind} round ${round} ${page} page, ${s.main}: ${run.rps.toFixed(1)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, peak RSS ${run.rssMb.toFixed(0)} MB (load ${load1()})`);
          }
        }
      }
      console.log(`\n${kind} — medians over ${options.rounds} rounds (load average ${load1()})`);
      console.log('| page | server | requests/s | p50 ms | p99 ms | peak RSS MB |');
      console.log('|---|---|---|---|---|---|');
      for (const [key, rs] of runs) {
        const [page, main] = key.split('\t');
        const m = (f: (r: Run) => number) => median(rs.map(f));
        console.log(`| ${page} | ${main} | ${m((r) => r.rps).toFixed(1)} | ${m((r) => r.p50)} | ${m((r) => r.p99)} | ${Math.max(...rs.map((r) => r.rssMb)).toFixed(0)} |`);
      }
      if (servers.length > 1) {
        for (const page of Object.keys(PAGES)) {
          const ratios = Array.from({ length: options.rounds }, (_, i) => runs.get(`${page}\t${servers[0].main}`)![i].rps / runs.get(`${page}\t${servers[1].main}`)![i].rps);
          console.log(`${kind} ${page} page: this build / ${servers[1].main} = ${median(ratios).toFixed(2)} (median of the per-round ratios)`);
        }
      }
      console.log('');
    } finally {
      for (const s of servers) await s.stop();
      await register.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
