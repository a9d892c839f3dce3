import { performance } from 'node:perf_hooks';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { loadConfig, type DatabaseConfig } from '../src/config';
import { openDatabase } from '../src/database';
import { UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';
import { createLogger } from '../src/logger';
import { createAppServer } from '../src/server';
import type { BenchOperation } from './operations';

/** The SQL statements of one request and the sum of their `took`. */
class SqlMeter {
  /** As executed: MikroORM inlines the parameters before it sends a statement. */
  statements: string[] = [];
  tookMs = 0;
  reset(): void {
    this.statements = [];
    this.tookMs = 0;
  }
}

// MikroORM 6 hands every statement to logQuery, with `took` = the Date.now() difference from
// before acquiring a connection until the result is back on the event loop: whole
// milliseconds, and it includes waiting for the connection (SQLite has one) and for a busy
// event loop, so concurrent statements' `took` can add up to more than the request took.
class MeasuringLogger extends DefaultLogger {
  constructor(options: LoggerOptions, private readonly meter: SqlMeter) {
    super(options);
  }
  // With 'query-params' on, the logged SQL is the executed SQL with its values inlined, so it
  // can be replayed as is; without, PostgreSQL statements are logged with $1 and no values.
  override isEnabled(namespace: string): boolean {
    return namespace === 'query' || namespace === 'query-params';
  }
  override log(): void {}
  override logQuery(context: LogContext): void {
    // Authentication's token lookup is the same for every request; it is not what is measured.
    if (/\bapi_token\b/.test(context.query ?? '')) return;
    this.meter.statements.push(context.query ?? '');
    this.meter.tookMs += context.took ?? 0;
  }
}

export interface BenchServer {
  close(): Promise<void>;
  measure(op: BenchOperation, warmups: number, runs: number): Promise<Measurement>;
  /** The plan of one statement: EXPLAIN QUERY PLAN on SQLite, EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL. */
  explain(sql: string): Promise<string>;
}

export interface Measurement {
  name: string;
  medianMs: number;
  p95Ms: number;
  /** Median per run of the sum of MikroORM's `took`. */
  tookMs: number;
  /** The statements of the last run replayed one at a time, each the median of three, summed. */
  sqlAloneMs: number;
  /** Median per run; whether the count differed between runs. */
  statements: number;
  /** The read statements of the last run, as executed. */
  lastStatements: string[];
  statementsVary: boolean;
  peakRssMb: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
}

/** The real app (Express + Apollo + MikroORM) on `db`, in this process, on a free port. */
export async function startBenchServer(db: DatabaseConfig): Promise<BenchServer> {
  const meter = new SqlMeter();
  const orm = await openDatabase(db, { debug: ['query'], loggerFactory: (options: LoggerOptions) => new MeasuringLogger(options, meter) });
  const internalErrors: unknown[] = [];
  const config = { ...loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'false' }), database: db };
  // Errors only, kept for the report when an operation fails; request lines would cost time.
  const logger = createLogger('error', { write: (line: string) => void internalErrors.push(line) });
  const server = await createAppServer(config, orm, logger);
  const url = await server.listen(0, '127.0.0.1');
  // The register is planned up to a year from REFERENCE_DATE; a later today leaves planning to
  // do in the background, whose statements would be measured with the reports'.
  await server.planning.idle();
  // Every request authenticates, as a dashboard's would: a viewer with a read-only token.
  const access = new AccessService();
  const em = orm.em.fork();
  const viewer = await access.createUser(em, { name: 'Bench dashboard', email: `bench-${Date.now()}@example.org`, role: UserRole.VIEWER });
  const { secret } = access.createToken(em, viewer, { name: 'bench' });
  await em.flush();
  meter.reset();

  async function run(op: BenchOperation): Promise<number> {
    const start = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: op.query, variables: op.variables }),
    });
    const body = (await res.json()) as { errors?: unknown[] };
    const ms = performance.now() - start;
    if (body.errors?.length || !res.ok) {
      const cause = internalErrors.length ? `\nServer log: ${internalErrors.map(String).join('\n')}` : '';
      throw new Error(`${op.name}: HTTP ${res.status}, GraphQL errors ${JSON.stringify(body.errors, null, 2)}${cause}`);
    }
    return ms;
  }

  /**
   * The time of the SQL alone: each statement run again on its own through the ORM's
   * connection (the same SQL the app sent), without GraphQL, hydration or other statements
   * competing for the connection and the event loop. Only reads are replayed.
   */
  async function replay(statements: SqlMeter['statements']): Promise<number> {
    const connection = orm.em.getConnection();
    let total = 0;
    for (const sql of statements.filter(isRead)) {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        await connection.execute(sql);
        times.push(performance.now() - start);
      }
      total += percentile(times, 50);
    }
    return total;
  }

  async function explain(sql: string): Promise<string> {
    const connection = orm.em.getConnection();
    if (db.kind === 'sqlite') {
      const rows = await connection.execute<{ id: number; parent: number; detail: string }[]>(`explain query plan ${sql}`);
      const depth = new Map<number, number>([[0, 0]]);
      return rows
        .map((r: { id: number; parent: number; detail: string }) => {
          depth.set(r.id, (depth.get(r.parent) ?? 0) + 1);
          return `${'  '.repeat(depth.get(r.id)! - 1)}${r.detail}`;
        })
        .join('\n');
    }
    const rows = await connection.execute<Record<string, string>[]>(`explain (analyze, buffers) ${sql}`);
    return rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  }

  return {
    explain,
    async close() {
      await server.close();
      await orm.close(true);
    },
    async measure(op, warmups, runs) {
      for (let i = 0; i < warmups; i++) await run(op);
      const memory = new MemoryPeak();
      const wall: number[] = [];
      const took: number[] = [];
      const statements: number[] = [];
      for (let i = 0; i < runs; i++) {
        meter.reset();
        wall.push(await run(op));
        memory.sample();
        took.push(meter.tookMs);
        statements.push(meter.statements.length);
      }
      memory.stop();
      const lastRun = meter.statements;
      meter.reset();
      return {
        name: op.name,
        medianMs: percentile(wall, 50),
        p95Ms: percentile(wall, 95),
        tookMs: percentile(took, 50),
        sqlAloneMs: await replay(lastRun),
        lastStatements: lastRun.filter(isRead),
        statements: percentile(statements, 50),
        statementsVary: new Set(statements).size > 1,
        peakRssMb: memory.rss / 2 ** 20,
        rssGrowthMb: (memory.rss - memory.baseline.rss) / 2 ** 20,
        heapGrowthMb: (memory.heapUsed - memory.baseline.heapUsed) / 2 ** 20,
      };
    },
  };
}

/**
 * Peak memory from a baseline taken after a garbage collection (when node runs with
 * --expose-gc). Sampled every few milliseconds and after each request; a sample cannot
 * interrupt synchronous work, so a short spike inside one may go unseen.
 */
class MemoryPeak {
  readonly baseline: NodeJS.MemoryUsage;
  rss: number;
  heapUsed: number;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 5) {
    (globalThis as { gc?: () => void }).gc?.();
    this.baseline = process.memoryUsage();
    this.rss = this.baseline.rss;
    this.heapUsed = this.baseline.heapUsed;
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  sample(): void {
    const now = process.memoryUsage();
    this.rss = Math.max(this.rss, now.rss);
    this.heapUsed = Math.max(this.heapUsed, now.heapUsed);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const isRead = (sql: string) => /^\s*(select|with)\b/i.test(sql);

/** Nearest-rank percentile; the median of an even count is the mean of the middle two. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
