import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import cors from 'cors';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { AppConfig } from './config';
import { RequestContext } from './context';
import { authenticate, authenticateSession, type AppContext } from './modules/access/access.service';
import { CallerCache } from './modules/access/caller-cache';
import { cookieOf, oidcRouter, SESSION_COOKIE } from './modules/sign-in/oidc.router';
import { scimRouter } from './modules/provisioning/scim.router';
import { PlanningScheduler, START_DELAY_MS } from './modules/accountability/planning-scheduler';
import { auditHook } from './modules/audit/audit-hook';
import { portfolioWritesHook } from './modules/access/portfolio-writes';
import { DEMO_TOKENS } from './modules/access/demo-tokens';
import { graphiqlRouter } from './graphiql/graphiql.router';
import { reportBrokenSavedOperations, savedOperationRouter } from './modules/saved-operation/saved-operation.router';
import { bindRequestLogger, createLogger, currentLogger, logRequests, type Logger } from './logger';
import { createMetrics, metricsEnabled } from './metrics';
import { buildAppSchema } from './schema';
import { ErrorCode, badInput, excerpt, formatError } from './shared/errors';
import { queryLimitsPlugin, refuseOversizedDocuments } from './shared/query-limits';
import { plannedReadsPlugin } from './shared/planned-read';
import { planStakeholders } from './modules/stakeholder/stakeholder-plan';
import { checkRootField } from './modules/access/policy';
import { databaseFault, databaseFaultsPlugin, ServiceUnavailableError } from './shared/database-faults';
import { writeProblem } from './readiness';
import { clock } from './shared/clock';
import { RequestActivity } from './shared/request-activity';

export const GRAPHQL_ENDPOINTS = ['/', '/graphql'];

export interface AppServer {
  httpServer: Server;
  url: string;
  /** The METRICS_PORT listener's /metrics, once listening; empty when it is off. */
  metricsUrl: string;
  /** Plans accountability moments up to the horizon: once listening, daily, and after obligations change. */
  planning: PlanningScheduler;
  /** The bearer tokens remembered between requests (caller-cache.ts). */
  callers: CallerCache;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the HTTP app: health checks, GraphiQL for browsers and the GraphQL endpoint, at `/` and `/graphql`. */
export async function createAppServer(config: AppConfig, orm: MikroORM, logger: Logger = createLogger(config.logLevel)): Promise<AppServer> {
  // "Today" is the organisation's day.
  clock.useTimeZone(config.timeZone);
  const schema = await buildAppSchema();
  const { limits } = config;
  const queryLimits = { ...limits, defaultPageSize: config.defaultPageSize, maxPageSize: config.maxPageSize };
  const app = express();
  app.disable('x-powered-by');
  // Only `/` and `/graphql` exactly: not `/graphql/x`, `/GRAPHQL` or `/graphql/`.
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  // Slow and idle clients are closed: a client sending a byte a second, or a socket that sends
  // nothing, cannot hold a connection for ever; beyond HTTP_MAX_CONNECTIONS new ones are refused.
  const { http } = config;
  const httpServer = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      // How often the timeouts above are checked: a fraction of the shortest.
      connectionsCheckingInterval: Math.max(50, Math.min(http.headersTimeoutMs, 30_000) / 4),
    },
    app,
  );
  httpServer.maxConnections = http.maxConnections;
  closeSilentSockets(httpServer, http.headersTimeoutMs);
  // Planning the horizon is a job of its own (queries never plan): it starts in the background
  // once the server listens, so that the server answers at once however much a large register
  // has to plan, and it gives way to the requests in flight between its transactions.
  const requests = new RequestActivity();
  const planning = new PlanningScheduler(orm, config.momentHorizonMonths, logger, requests);
  // Metrics: off unless METRICS_PORT or METRICS_TOKEN is set (see metrics.ts).
  const metrics = metricsEnabled(config.metrics) ? createMetrics(config.metrics, orm, () => planning.status()) : undefined;
  // Who each bearer token is, remembered until anything changes (caller-cache.ts).
  const callers = new CallerCache(config.database);
  await callers.start(orm);
  // What rides along with every mutation's unit of work: its audit record, the portfolio
  // scope's check of what it writes, then planning.
  const hooks = [auditHook(orm), portfolioWritesHook(), planning.hook()];

  const apollo = new ApolloServer<AppContext>({
    schema,
    introspection: config.introspection,
    // Apollo's defaults follow NODE_ENV; it reads it from our configuration, not process.env.
    nodeEnv: config.env,
    // main.ts stops the server on SIGINT/SIGTERM itself, then closes the database; Apollo's own
    // handler raced it and shutdown never finished.
    stopOnTerminationSignals: false,
    // Refuses GET and form-like POSTs that a browser would send cross-site without a preflight.
    csrfPrevention: true,
    allowBatchedHttpRequests: limits.maxBatch > 1,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, (err) => currentLogger(logger).error({ err }, 'internal error')),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No field or type has a cache hint and no cache sits in front of us: Apollo's default
      // cache-control plugin would still wrap every field's resolution in a hook.
      ApolloServerPluginCacheControlDisabled(),
      queryLimitsPlugin(queryLimits),
      // After the limits: the stakeholder page answered from one statement, without execution.
      plannedReadsPlugin({ stakeholders: planStakeholders }, (field, args, ctx) => checkRootField('Query', field.name, field.key, args, ctx as AppContext)),
      databaseFaultsPlugin(orm.em, (err, fault) => currentLogger(logger).warn({ err, reason: fault.reason, driverCode: fault.driverCode }, 'database fault')),
      ...(metrics ? [metrics.plugin] : []),
    ],
  });
  await apollo.start();

  app.use(requests.track);
  // Metrics: every request is counted; /metrics on this port only behind METRICS_TOKEN, and
  // scrapes are not logged (like successful probes).
  if (metrics) {
    app.use(metrics.countRequests);
    if (config.metrics.token) app.get('/metrics', metrics.serve);
  }
  app.use(logRequests(logger));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Ready: a write succeeds now (a probe row, within 2 s); the detail goes to the log.
  app.get('/readyz', async (req, res) => {
    const problem = await writeProblem(orm, config.database);
    if (problem) req.log.warn({ reason: problem.reason, detail: problem.detail }, 'not ready: the database cannot be written');
    res.status(problem ? 503 : 200).json(problem ? { status: 'unavailable', reason: problem.reason } : { status: 'ok' });
  });
  // Dashboards on other origins may call the API only when CORS_ORIGINS names them.
  app.all(GRAPHQL_ENDPOINTS, cors({ origin: config.corsOrigins, methods: ['GET', 'POST'], exposedHeaders: ['x-request-id'], maxAge: 600 }));
  // Sign-in for people (OpenID Connect): only when configured; API tokens work either way.
  if (config.oidc) app.use(oidcRouter(config.oidc, orm, logger));
  // SCIM provisioning from the directory: only with its own token (and sign-in, which the settings require).
  if (config.scim && config.oidc) app.use(scimRouter(config.scim, orm, logger, new URL(config.oidc.redirectUrl).origin));
  if (config.graphiql) app.use(graphiqlRouter(GRAPHQL_ENDPOINTS, config.demo ? DEMO_TOKENS.secretary : null, config.oidc != null));
  app.all(
    GRAPHQL_ENDPOINTS,
    express.json({ limit: limits.maxBodyBytes }),
    refuseLongBatches(limits.maxBatch),
    refuseOversizedDocuments(schema, queryLimits),
    bindRequestLogger,
    expressMiddleware(apollo, {
      // No token, no GraphQL: UNAUTHENTICATED (HTTP 401) before any resolver runs.
      context: async ({ req }) => new RequestContext(orm, config, await signIn(orm, req, logger, config.oidc, callers), idempotencyKey(req), hooks),
    }),
  );
  // A saved operation over plain HTTP (GET /saved/<name>), signed in like any GraphQL request.
  app.use(savedOperationRouter(apollo, async (req) => new RequestContext(orm, config, await signIn(orm, req, logger, config.oidc, callers), null, hooks)));
  // Saved operations that a schema change broke are named in the log at every start.
  await reportBrokenSavedOperations(orm, schema, queryLimits, logger);
  // Anything else is not ours: a JSON 404, never Express's HTML page.
  app.use((req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: `Not found: ${excerpt(req.path, 80)}; the API is served at / and /graphql`, extensions: { code: ErrorCode.NOT_FOUND } }] });
  });
  // Malformed JSON, a body that is too large and the like: a JSON error, never Express's HTML
  // page with a stack trace.
  app.use((err: { status?: number; type?: string; length?: number; limit?: number }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) req.log.error({ err }, 'internal error');
    const [code, message] =
      status === 413
        ? [ErrorCode.PAYLOAD_TOO_LARGE, `Request body of ${err.length ?? 'more than ' + err.limit} bytes exceeds the limit of ${err.limit} bytes (MAX_BODY_BYTES)`]
        : status === 500
          ? [ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error']
          : [ErrorCode.BAD_REQUEST, `Bad request: ${err.type ?? 'invalid body'}`];
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  const server: AppServer = {
    httpServer,
    url: '',
    metricsUrl: '',
    planning,
    callers,
    async listen(port = config.port, host = config.host) {
      const url = await new Promise<string>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
          server.url = `http://${shownHost}:${address.port}/`;
          resolve(server.url);
        });
      });
      // Metrics: a listener of its own on the same host, which a load balancer in front of PORT never reaches.
      if (metrics && config.metrics.port) server.metricsUrl = await metrics.listen(config.metrics.port, host);
      // Answering comes first: what is behind is planned from shortly after now on.
      planning.start(START_DELAY_MS);
      return url;
    },
    async close() {
      await planning.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await metrics?.close();
      await callers.close();
    },
  };
  return server;
}

/**
 * Node's headersTimeout starts with a request's first byte: a socket that connects and sends
 * nothing is never timed out. This closes any connection that has not sent a whole request's
 * headers within `ms` of connecting (and keepAliveTimeout closes it between requests).
 */
function closeSilentSockets(server: Server, ms: number): void {
  const waiting = new WeakMap<object, NodeJS.Timeout>();
  server.on('connection', (socket) => {
    const timer = setTimeout(() => socket.destroy(), ms);
    timer.unref();
    waiting.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  server.on('request', (req) => {
    const timer = waiting.get(req.socket);
    if (timer) {
      clearTimeout(timer);
      waiting.delete(req.socket);
    }
  });
}

/** Authenticates the request; a database that cannot answer is SERVICE_UNAVAILABLE (503), not an internal error. */
async function signIn(orm: MikroORM, req: Request, logger: Logger, oidc: AppConfig['oidc'], callers: CallerCache) {
  try {
    // A bearer token wins: API clients work exactly as before. Without one, a browser's session cookie.
    const session = oidc && !req.headers.authorization ? cookieOf(req, SESSION_COOKIE) : undefined;
    if (session) return await authenticateSession(orm.em.fork(), session, headerValue(req.headers['x-csrf-token']));
    return await authenticate(orm.em.fork(), req.headers.authorization, undefined, { ssoOnly: oidc?.ssoOnly ?? false, cache: callers });
  } catch (error) {
    const fault = databaseFault(error);
    if (!fault) throw error;
    currentLogger(logger).warn({ err: error, reason: fault.reason, driverCode: fault.driverCode }, 'database fault');
    throw new ServiceUnavailableError(fault);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

// A key a client makes per request (a UUID, typically): printable ASCII without spaces.
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/** The Idempotency-Key header, or null; BAD_USER_INPUT (HTTP 400) when it is not a plain key. */
function idempotencyKey(req: Request): string | null {
  const value = req.headers['idempotency-key'];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    const error = badInput('Idempotency-Key', 'the Idempotency-Key header must be 1 to 200 printable characters without spaces, e.g. a UUID');
    error.extensions.http = { status: 400 };
    throw error;
  }
  return value;
}

/** Batching is off unless MAX_BATCH > 1; a longer batch is refused before any of it runs. */
function refuseLongBatches(maxBatch: number): RequestHandler {
  return (req, res, next) => {
    if (!Array.isArray(req.body) || (maxBatch > 1 && req.body.length <= maxBatch)) return next();
    const message =
      maxBatch > 1
        ? `Batch of ${req.body.length} operations exceeds the limit of ${maxBatch} (MAX_BATCH)`
        : `Batched requests are switched off (MAX_BATCH=1); got a batch of ${req.body.length} operations`;
    res.status(400).json({ errors: [{ message, extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } }] });
  };
}
