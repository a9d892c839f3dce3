import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fork } from 'node:child_process';
import type { DatabaseConfig, DatabaseKind } from '../src/config';
import { openDatabase } from '../src/database';
import { buildRegister, REFERENCE_DATE, type BuildFacts, type RegisterSize } from './data-generator';
import { startBenchServer, type Measurement } from './harness';
import { operations } from './operations';
import { checkRegister, countRows } from './register-check';
import { createScratchDatabase } from './scratch-database';

// npm run bench [-- --stakeholders=N --interactions=N --obligations=N --moments=N --runs=N
//                   --warmups=N --databases=sqlite,postgresql --scales=0.1,1 --explain=1]
// Each flag can also be given as BENCH_<NAME> in the environment; a flag wins.

interface Options {
  size: RegisterSize;
  runs: number;
  warmups: number;
  databases: DatabaseKind[];
  /** Print each report statement's plan after the timings. */
  explain: boolean;
  /** Each database is measured at these fractions of `size`, smallest first. */
  scales: number[];
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
  const scales = (settings.BENCH_SCALES || '1').split(',').map((x) => Number(x.trim()));
  if (scales.some((x) => !(x > 0))) throw new Error(`BENCH_SCALES lists fractions of the size above 0, got "${settings.BENCH_SCALES}"`);
  return {
    scales: [...new Set(scales)].sort((a, b) => a - b),
    size: { stakeholders: int('STAKEHOLDERS', 10_000, 10), interactions: int('INTERACTIONS', 100_000, 1), obligations: int('OBLIGATIONS', 5_000, 1), moments: int('MOMENTS', 250_000) },
    runs: int('RUNS', 20, 1),
    explain: ['1', 'true', 'yes'].includes((settings.BENCH_EXPLAIN ?? '').toLowerCase()),
    warmups: int('WARMUPS', 3),
    databases: databases as DatabaseKind[],
    postgresUrl: settings.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  };
}

/** The register `size` times `scale`, each count at least 1 (10 stakeholders). */
function scaled(size: RegisterSize, scale: number): RegisterSize {
  const at = (n: number, min: number) => Math.max(min, Math.round(n * scale));
  return { stakeholders: at(size.stakeholders, 10), interactions: at(size.interactions, 1), obligations: at(size.obligations, 1), moments: at(size.moments, 0) };
}

async function benchDatabase(kind: DatabaseKind, options: Options, size: RegisterSize): Promise<Measurement[] | undefined> {
  const db = await createScratchDatabase(kind, options.postgresUrl);
  if (!db) return undefined;
  const title = kind === 'sqlite' ? `SQLite (${db.config.sqlitePath})` : `PostgreSQL (${db.config.url})`;
  console.log(`\n== ${title}: ${describe(size)}`);
  try {
    // In a child process: what the build leaves on the heap and in RSS would otherwise be
    // counted in the server's memory (it stayed at 300–700 MB after a full-size build).
    const { facts, counts } = await buildInChild(db.config, size);
    printCounts(counts, facts);

    // A fresh process's ORM and server: nothing the build kept alive is measured.
    const server = await startBenchServer(db.config);
    try {
      const results: Measurement[] = [];
      for (const op of operations) results.push(await server.measure(op, options.warmups, options.runs));
      printResults(results, options);
      if (options.explain) {
        for (const m of results) {
          console.log(`\n-- plans of ${m.name} (${kind}, ${describe(size)})`);
          for (const sql of m.lastStatements) console.log(`\n${sql.replace(/\s+/g, ' ').slice(0, 400)}${sql.length > 400 ? ' …' : ''}\n${await server.explain(sql)}`);
        }
      }
      return results;
    } finally {
      await server.close();
    }
  } finally {
    await db.drop();
  }
}

interface Built {
  facts: BuildFacts;
  counts: Record<string, number>;
}

/**
 * One database at one size in a process of its own, so that each server's peak RSS starts from
 * a fresh process rather than from what the runs before it left (RSS hardly ever shrinks).
 */
function benchInChild(kind: DatabaseKind, options: Options, size: RegisterSize): Promise<Measurement[] | undefined> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_ONE: JSON.stringify({ kind, options, size }) } });
    let results: Measurement[] | undefined;
    child.on('message', (message) => (results = (message as { results?: Measurement[] }).results));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(results) : reject(new Error(`the bench of ${kind} failed (exit code ${code})`))));
  });
}

async function benchOne({ kind, options, size }: { kind: DatabaseKind; options: Options; size: RegisterSize }): Promise<void> {
  const results = await benchDatabase(kind, options, size);
  await new Promise<void>((resolve, reject) => process.send!({ results }, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve())));
}

/** Migrates and fills the database in a child process (this script with BENCH_BUILD_ONLY), which reports what it built. */
function buildInChild(config: DatabaseConfig, size: RegisterSize): Promise<Built> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { env: { ...process.env, BENCH_BUILD_ONLY: JSON.stringify({ config, size }) }, execArgv: [] });
    let built: Built | undefined;
    child.on('message', (message) => (built = message as Built));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && built ? resolve(built) : reject(new Error(`the data build failed (exit code ${code})`))));
  });
}

async function buildOnly({ config, size }: { config: DatabaseConfig; size: RegisterSize }): Promise<void> {
  let t = performance.now();
  const orm = await openDatabase(config);
  const migrateMs = performance.now() - t;
  try {
    t = performance.now();
    const facts = await buildRegister(orm, config.kind, size);
    const buildMs = performance.now() - t;
    t = performance.now();
    await checkRegister(orm, config, facts);
    const counts = await countRows(orm);
    console.log(`data build ${seconds(buildMs)} (migrations ${seconds(migrateMs)}, read-back check and counts ${seconds(performance.now() - t)})`);
    await new Promise<void>((resolve, reject) => process.send!({ facts, counts } satisfies Built, undefined, {}, (error: Error | null) => (error ? reject(error) : resolve())));
  } finally {
    await orm.close(true);
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number) => n.toLocaleString('en-GB');
const describe = (size: RegisterSize) =>
  `${thousands(size.stakeholders)} stakeholders, ${thousands(size.interactions)} interactions, ${thousands(size.obligations)} obligations, ${thousands(size.moments)} moments`;

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)];
}

function printCounts(counts: Record<string, number>, facts: BuildFacts): void {
  const entries = Object.entries(counts).map(([table, n]) => `${table.padEnd(36)}${thousands(n).padStart(9)}`);
  console.log('rows:');
  for (let i = 0; i < entries.length; i += 3) console.log(`  ${entries.slice(i, i + 3).join('   ')}`);
  const total = Object.values(facts.momentStatus).reduce((a, b) => a + b, 0) || 1;
  const mix = Object.entries(facts.momentStatus).map(([status, n]) => `${status} ${((100 * n) / total).toFixed(0)}%`);
  console.log(`moments as of ${REFERENCE_DATE}: ${mix.join(' · ')}`);
}

function printResults(results: Measurement[], options: Options): void {
  const header = ['operation', 'median ms', 'p95 ms', 'statements', 'took ms', 'SQL alone ms', 'API/SQL', 'peak RSS MB', '+RSS MB', '+heap MB'];
  const rows = results.map((m) => [
    m.name,
    m.medianMs.toFixed(1),
    m.p95Ms.toFixed(1),
    `${m.statements}${m.statementsVary ? '*' : ''}`,
    m.tookMs.toFixed(0),
    m.sqlAloneMs.toFixed(1),
    ratio(m.medianMs, m.sqlAloneMs),
    m.peakRssMb.toFixed(0),
    m.rssGrowthMb.toFixed(1),
    m.heapGrowthMb.toFixed(1),
  ]);
  console.log(`\n${options.runs} timed runs after ${options.warmups} warm-ups, each a POST to /graphql; medians per run unless p95 (load average ${loadAverage()})`);
  for (const l of table(header, rows)) console.log(l);
  console.log(
    [
      'statements and took ms: per request, from the MikroORM logger; took is whole ms and includes waiting for the connection and the event loop',
      'SQL alone ms: the statements of the last run replayed one at a time, median of 3 each, summed; API/SQL: median ms over SQL alone ms',
      '+RSS/+heap MB: peak during the timed runs above the baseline after GC' + (results.some((m) => m.statementsVary) ? '; * statement count varies between runs' : ''),
    ].join('\n'),
  );
}

const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** With more than one scale: how each operation's time grows from the smallest to the largest register. */
function printGrowth(byScale: Map<string, Map<number, Measurement[]>>, scales: number[]): void {
  const [small, large] = [scales[0], scales[scales.length - 1]];
  const rows: string[][] = [];
  for (const [kind, measured] of byScale) {
    const a = measured.get(small);
    const b = measured.get(large);
    if (!a || !b) continue;
    for (const m of b) {
      const before = a.find((x) => x.name === m.name);
      if (!before) continue;
      rows.push([`${kind} ${m.name}`, before.sqlAloneMs.toFixed(1), m.sqlAloneMs.toFixed(1), ratio(m.sqlAloneMs, before.sqlAloneMs), ratio(m.medianMs, before.medianMs), ratio(before.medianMs, before.sqlAloneMs), ratio(m.medianMs, m.sqlAloneMs)]);
    }
  }
  if (!rows.length) return;
  console.log(`\nGrowth from scale ${small} to ${large} (×${(large / small).toFixed(1)} data; load average ${loadAverage()})`);
  const header = ['database operation', `SQL ms ×${small}`, `SQL ms ×${large}`, 'SQL growth', 'API growth', `API/SQL ×${small}`, `API/SQL ×${large}`];
  for (const l of table(header, rows)) console.log(l);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const { size } = options;
  console.log(
    `Stakeholder Register bench: ${describe(size)}${options.scales.length > 1 || options.scales[0] !== 1 ? ` at scales ${options.scales.join(', ')}` : ''}; ${operations.length} operations`,
  );
  if (!(globalThis as { gc?: unknown }).gc) console.log('(node without --expose-gc: memory baselines are taken without a GC first)');
  const byScale = new Map<string, Map<number, Measurement[]>>();
  for (const kind of options.databases) {
    for (const scale of options.scales) {
      const results = await benchInChild(kind, options, scaled(size, scale));
      if (!results) break;
      if (!byScale.has(kind)) byScale.set(kind, new Map());
      byScale.get(kind)!.set(scale, results);
    }
  }
  if (options.scales.length > 1) printGrowth(byScale, options.scales);
}

const child = process.env.BENCH_BUILD_ONLY ? buildOnly(JSON.parse(process.env.BENCH_BUILD_ONLY)) : process.env.BENCH_ONE ? benchOne(JSON.parse(process.env.BENCH_ONE)) : undefined;
(child ?? main()).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
