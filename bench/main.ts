import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister, REFERENCE_DATE, type BuildFacts, type RegisterSize } from './data-generator';
import { startBenchServer, type Measurement } from './harness';
import { operations } from './operations';
import { checkRegister, countRows } from './register-check';
import { createScratchDatabase } from './scratch-database';

// npm run bench [-- --stakeholders=N --interactions=N --obligations=N --moments=N --runs=N
//                   --warmups=N --databases=sqlite,postgresql]
// Each flag can also be given as BENCH_<NAME> in the environment; a flag wins.

interface Options {
  size: RegisterSize;
  runs: number;
  warmups: number;
  databases: DatabaseKind[];
  postgresUrl: string;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const settings: Record<string, string | undefined> = { ...env };
  for (const arg of argv) {
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument "${arg}"; flags look like --moments=1000`);
    settings[`BENCH_${match[1].toUpperCase()}`] = match[2];
  }
  const int = (name: string, def: number, min = 0) => {
    const raw = settings[`BENCH_${name}`];
    const value = raw ? Number(raw) : def;
    if (!Number.isInteger(value) || value < min) throw new Error(`BENCH_${name} must be a whole number of at least ${min}, got "${raw}"`);
    return value;
  };
  const databases = (settings.BENCH_DATABASES || 'sqlite,postgresql').split(',').map((d) => d.trim().toLowerCase());
  for (const d of databases) if (d !== 'sqlite' && d !== 'postgresql') throw new Error(`BENCH_DATABASES lists sqlite and/or postgresql, got "${d}"`);
  return {
    size: { stakeholders: int('STAKEHOLDERS', 10_000, 10), interactions: int('INTERACTIONS', 100_000, 1), obligations: int('OBLIGATIONS', 5_000, 1), moments: int('MOMENTS', 250_000) },
    runs: int('RUNS', 20, 1),
    warmups: int('WARMUPS', 3),
    databases: databases as DatabaseKind[],
    postgresUrl: settings.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

async function benchDatabase(kind: DatabaseKind, options: Options): Promise<void> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) return;
  const title = kind === 'sqlite' ? `SQLite (${db.config.sqlitePath})` : `PostgreSQL (${db.config.url})`;
  console.log(`\n== ${title}`);
  try {
    let t = performance.now();
    const orm = await openDatabase(db.config);
    const migrateMs = performance.now() - t;
    let facts: BuildFacts;
    let counts: Record<string, number>;
    try {
      t = performance.now();
      facts = await buildRegister(orm, kind, options.size);
      const buildMs = performance.now() - t;
      t = performance.now();
      await checkRegister(orm, facts);
      counts = await countRows(orm);
      console.log(`data build ${seconds(buildMs)} (migrations ${seconds(migrateMs)}, read-back check and counts ${seconds(performance.now() - t)})`);
    } finally {
      await orm.close(true);
    }
    printCounts(counts, facts);

    // A fresh ORM and server, so that nothing the build kept alive is measured.
    const server = await startBenchServer(db.config);
    try {
      const results: Measurement[] = [];
      for (const op of operations) results.push(await server.measure(op, options.warmups, options.runs));
      printResults(results, options);
    } finally {
      await server.close();
    }
  } finally {
    await db.drop();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number) => n.toLocaleString('en-GB');

function printCounts(counts: Record<string, number>, facts: BuildFacts): void {
  const entries = Object.entries(counts).map(([table, n]) => `${table.padEnd(36)}${thousands(n).padStart(9)}`);
  console.log('rows:');
  for (let i = 0; i < entries.length; i += 3) console.log(`  ${entries.slice(i, i + 3).join('   ')}`);
  const total = Object.values(facts.momentStatus).reduce((a, b) => a + b, 0) || 1;
  const mix = Object.entries(facts.momentStatus).map(([status, n]) => `${status} ${((100 * n) / total).toFixed(0)}%`);
  console.log(`moments as of ${REFERENCE_DATE}: ${mix.join(' · ')}`);
}

function printResults(results: Measurement[], options: Options): void {
  const header = ['operation', 'median ms', 'p95 ms', 'statements', 'took ms', 'SQL alone ms', 'peak RSS MB', '+RSS MB', '+heap MB'];
  const rows = results.map((m) => [
    m.name,
    m.medianMs.toFixed(1),
    m.p95Ms.toFixed(1),
    `${m.statements}${m.statementsVary ? '*' : ''}`,
    m.tookMs.toFixed(0),
    m.sqlAloneMs.toFixed(1),
    m.peakRssMb.toFixed(0),
    m.rssGrowthMb.toFixed(1),
    m.heapGrowthMb.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${options.runs} timed runs after ${options.warmups} warm-ups, each a POST to /graphql; medians per run unless p95`);
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    [
      'statements and took ms: per request, from the MikroORM logger; took is whole ms and includes waiting for the connection and the event loop',
      'SQL alone ms: the statements of the last run replayed one at a time, median of 3 each, summed',
      '+RSS/+heap MB: peak during the timed runs above the baseline after GC' + (results.some((m) => m.statementsVary) ? '; * statement count varies between runs' : ''),
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const { size } = options;
  console.log(
    `Stakeholder Register bench: ${thousands(size.stakeholders)} stakeholders, ${thousands(size.interactions)} interactions, ` +
      `${thousands(size.obligations)} obligations, ${thousands(size.moments)} moments; ${operations.length} operations`,
  );
  if (!(globalThis as { gc?: unknown }).gc) console.log('(node without --expose-gc: memory baselines are taken without a GC first)');
  for (const kind of options.databases) await benchDatabase(kind, options);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
