import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister } from './data-generator';
import { adminQuery, createScratchDatabase, viewerToken } from './scratch-database';

// npm run bench:startup [-- --server=<main.js>[,<main.js>…] --databases=sqlite,postgresql --obligations=N --moments=N --runs=N --profile=<folder>]
//
// The first start of a filled register: the bench register is planned a year ahead, so the
// server has a year of moments to plan for every obligation (about 69,000 at the default size).
// Prints, from the moment the process is spawned: when it listens, when /healthz and a GraphQL
// query are first answered, and when planning has finished (its log line), with the CPU time the
// server had used by the first two (from /proc: on a shared machine it varies less than the
// clock), planning's throughput (moments per second of its own run) and the load average. The
// register is filled once per database; each of the --runs starts from a fresh copy of it (an
// SQLite file copied, a PostgreSQL database made from it as a template), so every run is a first
// start. --server names other builds' main.js (an older commit's, say), measured in the same
// runs, one after the other, so that they meet the same load. --profile=<folder> writes a CPU
// profile of the first run's server per database and build (node --cpu-prof);
// `node dist/bench/profile-top.js <folder>/sqlite-1 25 --until=2000` sums up its first 2 s.

interface Options {
  servers: string[];
  databases: DatabaseKind[];
  obligations: number;
  moments: number;
  runs: number;
  profile: string | null;
  postgresUrl: string;
}

function parseOptions(argv: string[]): Options {
  const flags = new Map(argv.map((a) => /^--([a-z]+)=(.*)$/.exec(a) ?? (() => { throw new Error(`Unknown argument "${a}"`); })()).map((m) => [m[1], m[2]]));
  const int = (name: string, def: number) => {
    const value = Number(flags.get(name) ?? def);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return value;
  };
  return {
    servers: [join(__dirname, '..', 'src', 'main.js'), ...(flags.get('server') ?? '').split(',').filter(Boolean).map((p) => resolve(p))],
    databases: (flags.get('databases') ?? 'sqlite,postgresql').split(',') as DatabaseKind[],
    obligations: int('obligations', 5_000),
    moments: int('moments', 250_000),
    runs: int('runs', 3),
    profile: flags.has('profile') ? resolve(flags.get('profile')!) : null,
    postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

interface Register {
  token: string;
  /** A first-start copy of the filled register, for one run. */
  copy(): Promise<{ url: string; drop: () => Promise<void> }>;
  drop(): Promise<void>;
}

/** A filled register in a scratch database, with a viewer's token; null when PostgreSQL is unreachable. */
async function filledRegister(kind: DatabaseKind, options: Options): Promise<Register | null> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) return null;
  const orm = await openDatabase(db.config);
  let token: string;
  try {
    await buildRegister(orm, kind, { stakeholders: 10_000, interactions: 20_000, obligations: options.obligations, moments: options.moments });
    token = await viewerToken(orm, 'Startup');
  } catch (error) {
    await orm.close(true);
    await db.drop();
    throw error;
  }
  // Closed, so that the SQLite file holds everything (WAL checkpointed) and the PostgreSQL
  // database can be a template (no connections).
  await orm.close(true);
  const config = db.config;
  const copy = async () => {
    const name = `bench_run_${randomBytes(6).toString('hex')}`;
    if (config.kind === 'sqlite') {
      const path = join(tmpdir(), `${name}.sqlite`);
      for (const suffix of ['', '-wal']) if (existsSync(config.sqlitePath + suffix)) copyFileSync(config.sqlitePath + suffix, path + suffix);
      return { url: `sqlite:${path}`, drop: async () => ['', '-wal', '-shm'].forEach((suffix) => rmSync(path + suffix, { force: true })) };
    }
    const template = new URL(config.url).pathname.slice(1);
    await adminQuery(options.postgresUrl, `create database ${name} template ${template}`);
    const url = new URL(config.url);
    url.pathname = `/${name}`;
    return { url: url.toString(), drop: () => adminQuery(options.postgresUrl, `drop database if exists ${name} with (force)`) };
  };
  return { token, copy, drop: () => db.drop() };
}

interface Startup {
  listening: number;
  healthz: number;
  graphql: number;
  /** CPU time (user and system) the server had used when it listened and when it answered GraphQL; null off Linux. */
  cpuListening: number | null;
  cpuGraphql: number | null;
  planned: number | null;
  created: number | null;
  /** Planning's own run, from its log line. */
  planningMs: number | null;
}

async function measureStart(main: string, databaseUrl: string, token: string, nodeFlags: string[]): Promise<Startup> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const proc = spawn(process.execPath, [...nodeFlags, main], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const result: Startup = { listening: NaN, healthz: NaN, graphql: NaN, cpuListening: null, cpuGraphql: null, planned: null, created: null, planningMs: null };
  let planned!: () => void;
  const planningDone = new Promise<void>((resolve) => (planned = resolve));
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: Record<string, any>;
      try {
        entry = JSON.parse(line);
      } catch {
        return;
      }
      const created = /^Planned (\d+) accountability moments/.exec(entry.msg ?? '');
      if (created) {
        result.planned = since();
        result.created = Number(created[1]);
        result.planningMs = typeof entry.ms === 'number' ? entry.ms : null;
        planned();
      }
      if (entry.url) {
        result.listening = since();
        result.cpuListening = cpuTime(proc.pid);
        resolve(entry.url);
      }
    });
    void exited.then(() => reject(new Error('server exited')));
  });
  // As a load balancer and a dashboard would: ask until answered.
  for (;;) {
    const res = await fetch(`${url}healthz`).catch(() => null);
    if (res?.ok) break;
  }
  result.healthz = since();
  for (;;) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ accountabilityOverview { dueNextCount } }' }),
    }).catch(() => null);
    if (res?.ok && !((await res.json()) as { errors?: unknown }).errors) break;
  }
  result.graphql = since();
  result.cpuGraphql = cpuTime(proc.pid);
  // Planning logs when it is done; one that had nothing to do says nothing.
  await Promise.race([planningDone, new Promise((r) => setTimeout(r, 120_000))]);
  proc.kill('SIGTERM');
  await exited;
  rmSync(cwd, { recursive: true, force: true });
  return result;
}

/** User and system CPU time of a process so far, in ms (Linux's /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuTime(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command: state is field 3, utime 14 and stime 15 (1-based, counting pid and comm).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const s = (ms: number | null) => (ms == null || Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const rateOf = (r: Startup) => (r.created && r.planningMs ? (1000 * r.created) / r.planningMs : null);

function describe(r: Startup): string {
  const rate = rateOf(r);
  return (
    `listening ${s(r.listening)} (cpu ${s(r.cpuListening)}), /healthz answered ${s(r.healthz)}, GraphQL answered ${s(r.graphql)} (cpu ${s(r.cpuGraphql)}), ` +
    `planning of ${r.created?.toLocaleString('en-GB') ?? '?'} moments done ${s(r.planned)} after the start` +
    (rate ? `, ${Math.round(rate).toLocaleString('en-GB')} moments/s` : '')
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  options.servers.forEach((server, i) => console.log(`server ${i + 1}: ${server}`));
  for (const kind of options.databases) {
    const register = await filledRegister(kind, options);
    if (!register) continue;
    const runs: Startup[][] = options.servers.map(() => []);
    try {
      for (let i = 0; i < options.runs; i++) {
        for (const [k, server] of options.servers.entries()) {
          const copy = await register.copy();
          try {
            const flags = i === 0 && options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(options.profile, `${kind}-${k + 1}`)}`] : [];
            const r = await measureStart(server, copy.url, register.token, flags);
            runs[k].push(r);
            console.log(`${kind} run ${i + 1}, server ${k + 1}: ${describe(r)}${flags.length ? ' (profiled)' : ''}; load average ${load()}`);
          } finally {
            await copy.drop();
          }
        }
      }
    } finally {
      await register.drop();
    }
    for (const [k, results] of runs.entries()) {
      const m = (pick: (r: Startup) => number | null) => {
        const xs = results.map(pick).filter((x): x is number => x != null && !Number.isNaN(x));
        return xs.length ? median(xs) : null;
      };
      const rate = m(rateOf);
      console.log(
        `${kind}, server ${k + 1}, median of ${results.length}: listening ${s(m((r) => r.listening))} (cpu ${s(m((r) => r.cpuListening))}), /healthz ${s(m((r) => r.healthz))}, ` +
          `GraphQL ${s(m((r) => r.graphql))} (cpu ${s(m((r) => r.cpuGraphql))}), planning done ${s(m((r) => r.planned))}` +
          (rate ? `, ${Math.round(rate).toLocaleString('en-GB')} moments/s` : ''),
      );
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
