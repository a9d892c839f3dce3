import 'reflect-metadata';
import { DefaultLogger, type LoggerOptions, type MikroORM } from '@mikro-orm/core';
import { ensureDefaultCategories } from '../../seeds/categories.seeder';
import { loadConfig, type AppConfig, type LogLevel } from '../../src/config';
import { createLogger, driverLog } from '../../src/logger';
import { openDatabase } from '../../src/database';
import { TokenAccess, UserRole } from '../../src/modules/access/access.enums';
import { AccessService } from '../../src/modules/access/access.service';
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
    // Authentication (token lookup, lastUsedAt) is the same for every request, not part of what is measured.
    if (/\bapi_token\b/.test(context.query)) return;
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
  /** Secrets of API tokens made for the test: an admin (read-write), an editor, a viewer, and a read-only admin token. */
  tokens: TestTokens;
  /** POSTs a GraphQL operation (as the admin unless another token, or null for none, is given) and returns the parsed body. */
  /** What the server logged (LOG_LEVEL, default error), one parsed JSON line each; not printed. */
  logs: Record<string, any>[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GraphQLResponse<T>>;
  /** Like gql but fails the test when the response has errors. */
  ok<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** 0 for any; a fixed one when a setting must name the app's own address (OIDC_REDIRECT_URL). */
  port?: number;
  /** Serve a database the test made (and migrated) itself; it is dropped on close, too. */
  existing?: TestDatabase;
}

export async function startTestApp(env: Record<string, string> = {}, sqlitePath?: string, { port = 0, existing }: TestAppOptions = {}): Promise<TestApp> {
  const db = existing ?? (await createTestDatabase(sqlitePath));
  const statements = new StatementCounter();
  const loaded = loadConfig({ NODE_ENV: 'test', ...env });
  // The test's own database, with the settings the test gave (busy timeout, pool size).
  const database = { ...db.config, busyTimeoutMs: loaded.database.busyTimeoutMs, poolMax: loaded.database.poolMax };
  const config = { ...loaded, database };
  const logs: Record<string, any>[] = [];
  const logger = createLogger((env.LOG_LEVEL as LogLevel) ?? 'error', { write: (line: string) => void logs.push(JSON.parse(line)) });
  const orm = await openDatabase(database, {
    debug: ['query'],
    loggerFactory: (options: LoggerOptions) => new CountingLogger(options, statements),
    driverOptions: { log: driverLog(logger) },
  });
  await ensureDefaultCategories(orm.em.fork());
  const tokens = await createTestTokens(orm);
  const server = await createAppServer(config, orm, logger);
  const url = await server.listen(port, '127.0.0.1');
  // Start-up planning runs in the background once the server listens; tests start from a planned register.
  await server.planning.idle();

  async function gql<T>(query: string, variables?: Record<string, unknown>, token: string | null = tokens.admin): Promise<GraphQLResponse<T>> {
    variables = await withCurrentRevision(orm, query, variables);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
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
    tokens,
    logs,
    gql,
    async ok<T>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<T> {
      const res = await gql<T>(query, variables, token);
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

export interface TestTokens {
  admin: string;
  editor: string;
  viewer: string;
  readOnly: string;
}

/** Users and tokens for tests, made through the same service as the API. */
async function createTestTokens(orm: MikroORM): Promise<TestTokens> {
  const em = orm.em.fork();
  const service = new AccessService();
  const admin = await service.createUser(em, { name: 'Test Admin', email: 'admin@test.example', role: UserRole.ADMIN });
  const editor = await service.createUser(em, { name: 'Test Editor', email: 'editor@test.example', role: UserRole.EDITOR });
  const viewer = await service.createUser(em, { name: 'Test Viewer', email: 'viewer@test.example', role: UserRole.VIEWER });
  const tokens = {
    admin: service.createToken(em, admin, { name: 'test admin', access: TokenAccess.READ_WRITE }).secret,
    editor: service.createToken(em, editor, { name: 'test editor', access: TokenAccess.READ_WRITE }).secret,
    viewer: service.createToken(em, viewer, { name: 'test viewer' }).secret,
    readOnly: service.createToken(em, admin, { name: 'test admin read-only', access: TokenAccess.READ_ONLY }).secret,
  };
  await em.flush();
  return tokens;
}

/**
 * Most tests update a record they just read, as a well-behaved client does: when an update
 * declares `$revision` and the test gives none, the record's current revision is filled in.
 * Tests of stale revisions pass one explicitly.
 */
async function withCurrentRevision(orm: MikroORM, query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  if (!/\$revision\b/.test(query) || !variables || variables.revision !== undefined || typeof variables.id !== 'string') return variables;
  const entity = /\bupdate([A-Z]\w*)\s*\(/.exec(query)?.[1];
  if (!entity) return variables;
  const current = await orm.em.fork().findOne<{ revision: number }>(entity, { id: variables.id } as never).catch(() => null);
  return { ...variables, revision: current?.revision ?? 1 };
}
