import 'reflect-metadata';
import { DefaultLogger, type LoggerOptions, type MikroORM } from '@mikro-orm/core';
import { ensureDefaultCategories } from '../../seeds/categories.seeder';
import { loadConfig, type AppConfig, type LogLevel } from '../../src/config';
import { createLogger } from '../../src/logger';
import { openDatabase } from '../../src/database';
import { createAppServer, type AppServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './database';

/** Counts the SQL statements the ORM sends, without printing them. */
export class StatementCounter {
  count = 0;
  statements: string[] = [];
  reset(): void {
    this.count = 0;
    this.statements = [];
  }
}

class CountingLogger extends DefaultLogger {
  constructor(options: LoggerOptions, private readonly counter: StatementCounter) {
    super(options);
  }
  override isEnabled(namespace: string): boolean {
    return namespace === 'query';
  }
  override log(): void {}
  override logQuery(context: { query: string }): void {
    this.counter.count++;
    this.counter.statements.push(context.query);
  }
}

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[];
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  config: AppConfig;
  server: AppServer;
  statements: StatementCounter;
  db: TestDatabase;
  /** What the server logged (LOG_LEVEL, default error), one parsed JSON line each; not printed. */
  logs: Record<string, any>[];
  /** POSTs a GraphQL operation and returns the parsed response body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like gql but fails the test when the response has errors. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}, sqlitePath?: string): Promise<TestApp> {
  const db = await createTestDatabase(sqlitePath);
  const statements = new StatementCounter();
  const config = { ...loadConfig({ NODE_ENV: 'test', ...env }), database: db.config };
  const orm = await openDatabase(db.config, {
    debug: ['query'],
    loggerFactory: (options: LoggerOptions) => new CountingLogger(options, statements),
  });
  await ensureDefaultCategories(orm.em.fork());
  const logs: Record<string, any>[] = [];
  const logger = createLogger((env.LOG_LEVEL as LogLevel) ?? 'error', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await createAppServer(config, orm, logger);
  const url = await server.listen(0, '127.0.0.1');

  async function gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  }

  return {
    url,
    orm,
    config,
    server,
    statements,
    db,
    logs,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const res = await gql<T>(query, variables);
      if (res.errors?.length) {
        // Internal errors reach the client without detail; show the logged cause in the test.
        const logged = logs.filter((l) => l.err).at(-1);
        const cause = logged ? `\nlogged: ${logged.err.stack}` : '';
        throw new Error(`GraphQL errors: ${JSON.stringify(res.errors, null, 2)}${cause}`);
      }
      return res.data as T;
    },
    async close() {
      await server.close();
      await orm.close(true);
      await db.drop();
    },
  };
}
