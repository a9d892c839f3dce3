import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister } from './data-generator';
import { createScratchDatabase, viewerToken } from './scratch-database';

// npm run bench:startup [-- --server=<main.js> --databases=sqlite,postgresql --obligations=N --moments=N]
//
// The first start of a filled register: the bench register is planned a year ahead, so the
// server has a year of moments to plan for every obligation (about 69,000 at the default size).
// Prints, from the moment the process is spawned: when it listens, when /healthz and a GraphQL
// query are first answered, and when planning has finished (its log line). --server names another
// build's main.js, to measure an older commit with this script.

interface Options {
  server: string;
  databases: DatabaseKind[];
  obligations: number;
  moments: number;
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
    server: flags.get('server') ?? join(__dirname, '..', 'src', 'main.js'),
    databases: (flags.get('databases') ?? 'sqlite,postgresql').split(',') as DatabaseKind[],
    obligations: int('obligations', 5_000),
    moments: int('moments', 250_000),
    postgresUrl: process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

/** A filled register in a scratch database, with a viewer's token; null when PostgreSQL is unreachable. */
async function filledRegister(kind: DatabaseKind, options: Options): Promise<{ url: string; token: string; drop: () => Promise<void> } | null> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) return null;
  const url = db.config.kind === 'sqlite' ? `sqlite:${db.config.sqlitePath}` : db.config.url;
  const orm = await openDatabase(db.config);
  try {
    await buildRegister(orm, kind, { stakeholders: 10_000, interactions: 20_000, obligations: options.obligations, moments: options.moments });
    const secret = await viewerToken(orm, 'Startup');
    return { url, token: secret, drop: () => db.drop() };
  } catch (error) {
    await db.drop();
    throw error;
  } finally {
    await orm.close(true);
  }
}

interface Startup {
  listening: number;
  healthz: number;
  graphql: number;
  planned: number | null;
  created: number | null;
}

async function measureStart(main: string, databaseUrl: string, token: string): Promise<Startup> {
  const cwd = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const t0 = performance.now();
  const since = () => performance.now() - t0;
  const proc = spawn(process.execPath, [main], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  const result: Startup = { listening: NaN, healthz: NaN, graphql: NaN, planned: null, created: null };
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
        planned();
      }
      if (entry.url) {
        result.listening = since();
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
  // Planning logs when it is done; one that had nothing to do says nothing.
  await Promise.race([planningDone, new Promise((r) => setTimeout(r, 120_000))]);
  proc.kill('SIGTERM');
  await exited;
  rmSync(cwd, { recursive: true, force: true });
  return result;
}

const s = (ms: number | null) => (ms == null || Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`server: ${options.server}`);
  for (const kind of options.databases) {
    const register = await filledRegister(kind, options);
    if (!register) continue;
    try {
      const r = await measureStart(options.server, register.url, register.token);
      console.log(
        `${kind}: listening ${s(r.listening)}, /healthz answered ${s(r.healthz)}, GraphQL answered ${s(r.graphql)}, ` +
          `planning of ${r.created?.toLocaleString('en-GB') ?? '?'} moments done ${s(r.planned)} after the start`,
      );
    } finally {
      await register.drop();
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
