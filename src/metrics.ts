import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import type { RequestHandler } from 'express';
import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode } from 'graphql';
import type { Registry } from 'prom-client';
import type { MetricsConfig } from './config';
import { ErrorCode, formatError } from './shared/errors';

// Prometheus metrics, off unless METRICS_PORT or METRICS_TOKEN is set. Every label value comes
// from a small set this file or the schema names: never an id, a name, an argument, a path or
// anything else a client typed (the client's operationName is free text, so the operation is
// named by its root fields). prom-client is loaded only when metrics are on.

/** An operation that did not parse or validate, or named no operation of its document. */
export const INVALID = '(invalid)';
/** A request refused before its document was read: no token, a bad Idempotency-Key, a database that does not answer. */
export const NONE = '(none)';
/** A value outside the bounded set: an unknown path, an odd method, one combination of root fields too many. */
export const OTHER = '(other)';

/** An operation with more root fields than this is labelled by this many and `…`. */
const MAX_LABEL_FIELDS = 3;
/** Distinct combinations of several root fields kept as labels; single fields are bounded by the schema. */
export const MAX_COMBINATIONS = 200;
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const DRIVER_CODE = /^[A-Za-z0-9_]{1,40}$/;
const ROUTES = new Set(['/', '/graphql', '/healthz', '/readyz', '/metrics', '/auth/login', '/auth/callback', '/auth/logout', '/auth/signed-out', '/scim/v2/Users', '/scim/v2/ServiceProviderConfig']);
// SCIM's PUT, PATCH and DELETE too.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);

export interface AppMetrics {
  registry: Registry;
  /** graphql_requests_total and graphql_request_duration_seconds. */
  plugin: ApolloServerPlugin;
  /** http_requests_total and http_request_duration_seconds; mount it first. */
  countRequests: RequestHandler;
  /** GET /metrics on the main port (only with METRICS_TOKEN). */
  serve: RequestHandler;
  /** The METRICS_PORT listener: only /metrics. Resolves to its URL. */
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export function metricsEnabled(config: MetricsConfig): boolean {
  return config.port > 0 || config.token !== null;
}

function promClient(): typeof import('prom-client') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('prom-client') as typeof import('prom-client');
}

/** What the planning job says it is doing (PlanningScheduler.status). */
export interface PlanningState {
  running: boolean;
  behind: number;
  created: number;
}

export function createMetrics(config: MetricsConfig, orm: MikroORM, planning?: () => PlanningState): AppMetrics {
  const { collectDefaultMetrics, Counter, Histogram, Registry } = promClient();
  // One registry per app: tests start several apps in one process.
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });

  const graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL operations by root fields (operation), kind and outcome (ok, or the first error’s extensions.code)',
    labelNames: ['operation', 'kind', 'outcome'] as const,
    registers,
  });
  const graphqlDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from the start of a GraphQL operation to its response, by root fields and kind',
    labelNames: ['operation', 'kind'] as const,
    registers,
  });
  const httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests on the main port by route (paths the API serves; others "(other)"), method and status class',
    labelNames: ['route', 'method', 'status'] as const,
    registers,
  });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request time on the main port by route',
    labelNames: ['route'] as const,
    registers,
  });

  const database = watchDatabase(orm, registry);
  if (planning) watchPlanning(planning, registry);
  const operationLabel = operationLabeller();

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const start = process.hrtime.bigint();
      let operation = INVALID;
      let kind = INVALID;
      return {
        async didResolveOperation({ document, operation: definition }) {
          if (!definition) return;
          operation = operationLabel(rootFields(document, definition.selectionSet));
          kind = definition.operation;
        },
        async willSendResponse({ response }) {
          const body = response.body;
          const errors = body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors;
          graphqlRequests.inc({ operation, kind, outcome: outcomeOf(errors) });
          graphqlDuration.observe({ operation, kind }, Number(process.hrtime.bigint() - start) / 1e9);
        },
      };
    },
    // Refused before an operation starts: Apollo calls no request hooks for these.
    async contextCreationDidFail({ error }) {
      graphqlRequests.inc({ operation: NONE, kind: NONE, outcome: clientCode(error) });
    },
    async invalidRequestWasReceived({ error }) {
      graphqlRequests.inc({ operation: NONE, kind: NONE, outcome: clientCode(error) });
    },
  };

  const countRequests: RequestHandler = (req, res, next) => {
    database.watch();
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const route = routeOf(req.path);
      const status = res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted';
      httpRequests.inc({ route, method: METHODS.has(req.method) ? req.method : OTHER, status });
      httpDuration.observe({ route }, Number(process.hrtime.bigint() - start) / 1e9);
    });
    next();
  };

  const expected = config.token === null ? null : digest(config.token);
  async function expose(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (expected && !sameToken(req.headers.authorization, expected)) {
      res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' });
      res.end(JSON.stringify({ errors: [{ message: 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`', extensions: { code: ErrorCode.UNAUTHENTICATED } }] }));
      return;
    }
    database.watch();
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(req.method === 'HEAD' ? undefined : text);
  }

  let listener: Server | undefined;
  return {
    registry,
    plugin,
    countRequests,
    serve: (req, res, next) => void expose(req, res).catch(next),
    listen(port, host) {
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://x').pathname;
        if (path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
          expose(req, res).catch(() => {
            res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] }));
          });
          return;
        }
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: 'Not found; this port serves only /metrics', extensions: { code: ErrorCode.NOT_FOUND } }] }));
      });
      listener = server;
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}/metrics`);
        });
      });
    },
    async close() {
      const server = listener;
      if (server?.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Scrapers keep their connection open; nothing of theirs is worth waiting for.
          server.closeAllConnections();
        });
      }
    },
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compared in constant time: both sides are hashed to the same length first. */
function sameToken(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+)$/i.exec(header ?? '');
  const given = digest(match?.[1] ?? '');
  return timingSafeEqual(given, expected) && match !== null;
}

function routeOf(path: string): string {
  if (ROUTES.has(path)) return path;
  if (path.startsWith('/graphiql-assets/')) return '/graphiql-assets/…';
  if (path.startsWith('/scim/v2/Users/')) return '/scim/v2/Users/…';
  return OTHER;
}

/** `ok`, or the first error's code as the client got it. */
function outcomeOf(errors: readonly GraphQLFormattedError[] | undefined): string {
  if (!errors?.length) return 'ok';
  const code = errors[0].extensions?.code;
  return typeof code === 'string' && CODE.test(code) ? code : OTHER;
}

/**
 * The code a client gets for an error Apollo answers before any request hook: it wraps the
 * error as Apollo does and passes it through the app's own formatError (nothing is logged here;
 * Apollo's own call logs it).
 */
function clientCode(error: Error): string {
  const graphQLError = error instanceof GraphQLError ? error : new GraphQLError(error.message, { originalError: error });
  const code = graphQLError.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR;
  const formatted = formatError({ message: graphQLError.message, extensions: { ...graphQLError.extensions, code } }, graphQLError, () => undefined);
  return outcomeOf([formatted]);
}

/** The names (not aliases) of an operation's root fields, fragments followed, sorted and unique. */
export function rootFields(document: DocumentNode, selectionSet: SelectionSetNode): string[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names = new Set<string>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) visit(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) visit(fragment.selectionSet);
      }
    }
  };
  visit(selectionSet);
  return [...names].sort();
}

/**
 * The operation label: its root field names joined by commas (at most MAX_LABEL_FIELDS, then
 * `…`). The names come from a validated document, so each is a field of the schema; the number
 * of combinations of several is capped, after which a new one is `(other)`.
 */
export function operationLabeller(): (fields: string[]) => string {
  const combinations = new Set<string>();
  return (fields) => {
    if (fields.length === 0) return INVALID;
    if (fields.length === 1) return fields[0];
    const label = fields.length > MAX_LABEL_FIELDS ? `${fields.slice(0, MAX_LABEL_FIELDS).join(',')},…` : fields.join(',');
    if (combinations.has(label)) return label;
    if (combinations.size >= MAX_COMBINATIONS) return OTHER;
    combinations.add(label);
    return label;
  };
}

/** The parts of knex and its tarn pool this file reads. */
interface KnexLike {
  on(event: 'query-error', listener: (error: unknown) => void): unknown;
  client?: { pool?: PoolLike };
}
interface PoolLike {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  on(event: 'createFail' | 'acquireFail', listener: (eventId: number, error: unknown) => void): unknown;
}

/** A driver error as a label: its code (SQLITE_BUSY, a PostgreSQL SQLSTATE, ECONNREFUSED) or its class. Never its message. */
export function driverCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'number' || (typeof code === 'string' && DRIVER_CODE.test(code))) return String(code);
  const name = (error as object | null)?.constructor?.name;
  return typeof name === 'string' && DRIVER_CODE.test(name) ? name : OTHER;
}

/** How far planning the horizon has got: read from the job at each scrape. */
function watchPlanning(planning: () => PlanningState, registry: Registry): void {
  const { Counter, Gauge } = promClient();
  new Gauge({
    name: 'planning_running',
    help: '1 while the planning job is planning accountability moments (at start-up, after the day changed, after an obligation changed), else 0',
    registers: [registry],
    collect() {
      this.set(planning().running ? 1 : 0);
    },
  });
  new Gauge({
    name: 'planning_obligations_behind',
    help: 'Obligations whose moments are not yet planned up to the horizon, as the planning job last counted (0 once it is done)',
    registers: [registry],
    collect() {
      this.set(planning().behind);
    },
  });
  let counted = 0;
  new Counter({
    name: 'planning_moments_created_total',
    help: 'Accountability moments the planning job has created since the process started',
    registers: [registry],
    collect() {
      const { created } = planning();
      if (created > counted) this.inc(created - counted);
      counted = created;
    },
  });
}

/**
 * db_errors_total from knex's `query-error` events (every failed statement, also those a service
 * turns into CONFLICT) and from the pool (a connection that could not be made, an acquire that
 * timed out); pool gauges from tarn. The ORM may make a new knex or pool after a reconnect, so
 * `watch()` is called per request and per scrape and attaches to whatever is current.
 */
function watchDatabase(orm: MikroORM, registry: Registry): { watch(): void } {
  const { Counter, Gauge } = promClient();
  const errors = new Counter({
    name: 'db_errors_total',
    help: 'Database errors by driver code (SQLITE_BUSY, a PostgreSQL SQLSTATE, ECONNREFUSED …) or error class',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const watched = new WeakSet<object>();
  const current = (): { knex?: KnexLike; pool?: PoolLike } => {
    try {
      const connection = orm.em.getConnection() as unknown as { getKnex?: () => KnexLike };
      const knex = connection.getKnex?.();
      return { knex, pool: knex?.client?.pool };
    } catch {
      return {};
    }
  };
  const watch = () => {
    const { knex, pool } = current();
    if (knex && !watched.has(knex)) {
      watched.add(knex);
      knex.on('query-error', (error) => errors.inc({ code: driverCode(error) }));
    }
    if (pool && !watched.has(pool)) {
      watched.add(pool);
      pool.on('createFail', (_id, error) => errors.inc({ code: driverCode(error) }));
      // A failed create also fails the waiting acquire; only a time-out is news.
      pool.on('acquireFail', (_id, error) => {
        if ((error as Error | null)?.name === 'TimeoutError') errors.inc({ code: 'POOL_ACQUIRE_TIMEOUT' });
      });
    }
  };
  watch();

  new Gauge({
    name: 'db_pool_connections',
    help: 'Database connections in the pool by state (used, free)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const { pool } = current();
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
    },
  });
  new Gauge({
    name: 'db_pool_pending_acquires',
    help: 'Requests waiting for a database connection',
    registers: [registry],
    collect() {
      const { pool } = current();
      if (pool) this.set(pool.numPendingAcquires());
    },
  });
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'Largest number of connections the pool opens (DATABASE_POOL_MAX on PostgreSQL, 1 on SQLite)',
    registers: [registry],
    collect() {
      const { pool } = current();
      if (pool) this.set(pool.max);
    },
  });
  return { watch };
}
