import { existsSync } from 'node:fs';
import { isTimeZone } from './shared/clock';

// The only reader of process.env: every setting is typed, validated and has a default.
// `.env.example` lists the same settings; keep the two in step.

export type DatabaseKind = 'sqlite' | 'postgresql';

export interface DatabaseConfig {
  kind: DatabaseKind;
  /** SQLite: path of the database file (or ':memory:'). PostgreSQL: the connection URL. */
  url: string;
  sqlitePath: string;
  /** How long a write waits for a lock another process holds: SQLite's busy timeout, PostgreSQL's lock_timeout. */
  busyTimeoutMs: number;
  poolMax: number;
}

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: DatabaseConfig;
  graphiql: boolean;
  introspection: boolean;
  defaultPageSize: number;
  maxPageSize: number;
  /** How many months ahead accountability moments are planned (MOMENT_HORIZON_MONTHS). */
  momentHorizonMonths: number;
  /** True when started with --demo: the database is DEMO_DATABASE_URL, rebuilt with demo data. */
  demo: boolean;
  limits: RequestLimits;
  /** Origins (scheme://host[:port]) whose browser pages may call the API (CORS_ORIGINS). */
  corsOrigins: string[];
  logLevel: LogLevel;
  /** The organisation's time zone (TIME_ZONE): it decides what "today" is. */
  timeZone: string;
  http: HttpLimits;
  metrics: MetricsConfig;
  tracing: TracingConfig;
}

/** How long and how many connections the HTTP server holds (slow and idle clients are closed). */
export interface HttpLimits {
  /** Time to receive a request's headers (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** Time to receive a whole request, body included (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open after a response (HTTP_KEEP_ALIVE_TIMEOUT_MS). */
  keepAliveTimeoutMs: number;
  /** Open connections at most; more are refused at once (HTTP_MAX_CONNECTIONS). */
  maxConnections: number;
}

/** Prometheus metrics; off unless a port or a token is set. */
export interface MetricsConfig {
  /** METRICS_PORT: a listener of its own on HOST serving only /metrics; 0 is off. */
  port: number;
  /** METRICS_TOKEN: when set, /metrics (on PORT too) requires `Authorization: Bearer <token>`. */
  token: string | null;
}

/** OpenTelemetry tracing; on when an OTLP endpoint is set. The SDK reads the other OTEL_* variables itself. */
export interface TracingConfig {
  /** OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); null is off. */
  endpoint: string | null;
  /** OTEL_SERVICE_NAME. */
  serviceName: string;
}

/** What one request may ask for; each breach is refused with a GraphQL error naming the limit. */
export interface RequestLimits {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  /** Lexical tokens in one query document, counted while parsing (before validation). */
  maxTokens: number;
  /** Field selections written in one query document. */
  maxFields: number;
  /** List items one response may hold, counted as it executes: the guard for what the cost estimate missed. */
  maxResponseItems: number;
  /** Operations in one batched HTTP request (a JSON array); 1 switches batching off. */
  maxBatch: number;
  maxBodyBytes: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, def: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, def: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return def;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  const list = (env[name] ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of list) {
    // An origin is exactly what a browser sends in its Origin header: no path, no trailing slash.
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
      throw new ConfigError(`${name} must be a comma-separated list of origins like https://dashboard.example.org, got "${origin}"`);
    }
  }
  return list;
}

// A token long enough not to be guessed, in characters a header carries as they are.
const METRICS_TOKEN = /^[\x21-\x7e]{16,200}$/;

export function loadMetricsConfig(env: NodeJS.ProcessEnv): MetricsConfig {
  const token = env.METRICS_TOKEN || null;
  if (token !== null && !METRICS_TOKEN.test(token)) {
    throw new ConfigError('METRICS_TOKEN must be 16 to 200 printable characters without spaces');
  }
  return { port: int(env, 'METRICS_PORT', 0, 0, 65535), token };
}

/** Read first, by instrument.ts, before the rest of the configuration: tracing starts before the app loads. */
export function loadTracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  const name = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const endpoint = env[name] || null;
  if (endpoint !== null && !/^https?:\/\//i.test(endpoint)) throw new ConfigError(`${name} must be an http:// or https:// URL, got "${endpoint}"`);
  if (endpoint !== null && !URL.canParse(endpoint)) throw new ConfigError(`${name} must be a URL, got "${endpoint}"`);
  const disabled = bool(env, 'OTEL_SDK_DISABLED', false);
  return { endpoint: disabled ? null : endpoint, serviceName: env.OTEL_SERVICE_NAME || 'stakeholder-register' };
}

export function parseDatabaseUrl(url: string, busyTimeoutMs = 5000, poolMax = 10): DatabaseConfig {
  if (/^postgres(ql)?:\/\//i.test(url)) {
    return { kind: 'postgresql', url, sqlitePath: '', busyTimeoutMs, poolMax };
  }
  const match = /^(?:sqlite|file):(?:\/\/)?(.+)$/i.exec(url);
  if (!match) {
    throw new ConfigError(`DATABASE_URL must start with sqlite:, file: or postgres://, got "${url}"`);
  }
  return { kind: 'sqlite', url, sqlitePath: match[1], busyTimeoutMs, poolMax };
}

function timeZone(env: NodeJS.ProcessEnv): string {
  const zone = env.TIME_ZONE || 'Europe/Amsterdam';
  if (!isTimeZone(zone)) throw new ConfigError(`TIME_ZONE must be an IANA time zone such as Europe/Amsterdam, got "${zone}"`);
  return zone;
}

function httpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const limits = {
    headersTimeoutMs: int(env, 'HTTP_HEADERS_TIMEOUT_MS', 20_000, 100, 600_000),
    requestTimeoutMs: int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    keepAliveTimeoutMs: int(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 600_000),
    maxConnections: int(env, 'HTTP_MAX_CONNECTIONS', 1000, 1, 100_000),
  };
  // Node refuses a headers timeout longer than the request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new ConfigError('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
  return limits;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, production or test, got "${nodeEnv}"`);
  }
  const defaultPageSize = int(env, 'DEFAULT_PAGE_SIZE', 20, 1, 1000);
  const maxPageSize = int(env, 'MAX_PAGE_SIZE', 100, 1, 1000);
  if (defaultPageSize > maxPageSize) {
    throw new ConfigError('DEFAULT_PAGE_SIZE must not exceed MAX_PAGE_SIZE');
  }
  const graphiql = bool(env, 'GRAPHIQL', true);
  const logLevel = (env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info')) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return {
    env: nodeEnv as AppConfig['env'],
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 4000, 0, 65535),
    database: parseDatabaseUrl(
      options.demo ? env.DEMO_DATABASE_URL || 'sqlite:./data/demo.sqlite' : env.DATABASE_URL || 'sqlite:./data/register.sqlite',
      // LOCK_TIMEOUT_MS for both databases; SQLITE_BUSY_TIMEOUT_MS is its older, SQLite-only name.
      env.LOCK_TIMEOUT_MS ? int(env, 'LOCK_TIMEOUT_MS', 5000, 0, 600000) : int(env, 'SQLITE_BUSY_TIMEOUT_MS', 5000, 0, 600000),
      int(env, 'DATABASE_POOL_MAX', 10, 1, 200),
    ),
    graphiql,
    introspection: bool(env, 'INTROSPECTION', true),
    defaultPageSize,
    maxPageSize,
    momentHorizonMonths: int(env, 'MOMENT_HORIZON_MONTHS', 24, 1, 120),
    demo: options.demo ?? false,
    limits: {
      maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
      maxQueryCost: int(env, 'MAX_QUERY_COST', 100_000, 1, 100_000_000),
      maxAliases: int(env, 'MAX_ALIASES', 15, 0, 1000),
      maxTokens: int(env, 'MAX_TOKENS', 2000, 100, 1_000_000),
      maxFields: int(env, 'MAX_FIELDS', 500, 10, 100_000),
      maxResponseItems: int(env, 'MAX_RESPONSE_ITEMS', 20_000, 100, 10_000_000),
      maxBatch: int(env, 'MAX_BATCH', 1, 1, 100),
      maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    },
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    logLevel,
    timeZone: timeZone(env),
    http: httpLimits(env),
    metrics: loadMetricsConfig(env),
    tracing: loadTracingConfig(env),
  };
}

/** Loads `.env` from the working directory when present (Node's own loader, no dependency). */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
