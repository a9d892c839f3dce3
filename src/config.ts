import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isTimeZone } from './shared/clock';

// The only reader of process.env. Every setting is declared once, in SETTINGS below: its zod
// schema (type and rule), its default and its description. `.env.example` and the README's
// settings table are generated from it (`npm run settings:docs`), and a test compares them.

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
  /** OpenID Connect sign-in for people; null when OIDC_ISSUER is unset (bearer tokens only). */
  oidc: OidcConfig | null;
  /** SCIM 2.0 provisioning at /scim/v2; null when SCIM_TOKEN is unset (then /scim is not found). */
  scim: ScimConfig | null;
}

/** SCIM 2.0 provisioning from the directory (Entra ID): accounts made, changed and switched off there. */
export interface ScimConfig {
  /** The bearer token the directory sends (SCIM_TOKEN). */
  token: string;
}

/** Sign-in through an OpenID Connect provider (Entra ID or any other), with server-side sessions. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** null for a public client (PKCE only). */
  clientSecret: string | null;
  redirectUrl: string;
  /** The ID token claim that carries the directory's roles (OIDC_ROLES_CLAIM). */
  rolesClaim: string;
  /** Claim value → register role (OIDC_ROLE_MAP). */
  roleMap: Map<string, 'ADMIN' | 'EDITOR' | 'VIEWER'>;
  /** How long a session lasts from sign-in (SESSION_LIFETIME_MINUTES). */
  sessionLifetimeMinutes: number;
  /** The cookie gets `Secure`: the redirect URL is https. */
  secureCookies: boolean;
  /** The directory (tenant) whose people may sign in: ID tokens with another `tid` are refused (OIDC_TENANT_ID). */
  tenantId: string | null;
  /** API tokens of people are refused; only service accounts' tokens sign in (SSO_ONLY). */
  ssoOnly: boolean;
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
const NODE_ENVS = ['development', 'production', 'test'] as const;

export class ConfigError extends Error {}

// ---- What the documentation is made of ------------------------------------------------------

/** The groups of `.env.example`, in order, each with the comment above it. */
export const SETTING_GROUPS = {
  server: 'The HTTP server.',
  database: 'The database. Migrations run at every start.',
  api: 'GraphQL for browsers and clients.',
  limits: 'Request limits; each breach gets an error that names the limit and what was asked.',
  register: 'The register.',
  http: 'HTTP connections: slow and idle clients are closed.',
  observability: 'Logs, Prometheus metrics and OpenTelemetry traces (see README, Metrics and traces).',
  signIn: 'Sign-in with OpenID Connect (Entra ID or another provider); off unless OIDC_ISSUER is set, and API tokens keep working.',
  provisioning: 'SCIM 2.0 provisioning from the directory (Entra ID) at /scim/v2/Users; off unless SCIM_TOKEN is set.',
} as const;

export interface SettingMeta {
  group: keyof typeof SETTING_GROUPS;
  /** Markdown: the README's "meaning" column, and (without the markup) the comment in `.env.example`. */
  description: string;
  /** The value used when the setting is unset or empty, as written in `.env.example`; '' is none. */
  default: string;
  /** Said after the default in the README, e.g. "off". */
  defaultNote?: string;
  /** Older names read when this one is unset. */
  aliases?: string[];
  /** Integer settings: the allowed range, shown in the docs. */
  range?: { min: number; max: number };
}

/** Each setting's metadata, attached to its schema (zod's registry: the description lives in the schema). */
export const settingsRegistry = z.registry<SettingMeta>();
const ranges = z.registry<{ min: number; max: number }>();

// ---- Value types; each message follows the setting's name -----------------------------------

function integer(min: number, max: number) {
  const schema = z.string().transform((raw, ctx) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      ctx.addIssue({ code: 'custom', message: `must be an integer between ${min} and ${max}, got "${raw}"` });
      return z.NEVER;
    }
    return value;
  });
  return schema.register(ranges, { min, max });
}

const boolean = () =>
  z.string().transform((raw, ctx) => {
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, got "${raw}"` });
    return z.NEVER;
  });

const oneOf = <const T extends readonly [string, ...string[]]>(values: T, listed: string) =>
  z.enum(values, { error: (issue) => `must be ${listed}, got "${String(issue.input)}"` });

/** '' (unset) is null; anything else must pass `inner`, whose messages are kept (a union's are not). */
const orNone = <T extends z.ZodType<unknown, string>>(inner: T) =>
  z.string().transform((raw, ctx): z.output<T> | null => {
    if (raw === '') return null;
    const result = inner.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });

const databaseUrl = () =>
  z.string().refine((url) => DATABASE_URL.test(url) || POSTGRES_URL.test(url), {
    error: (issue) => `must start with sqlite:, file: or postgres://, got "${String(issue.input)}"`,
  });

const origins = () =>
  z.string().transform((raw, ctx) => {
    const list = raw.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of list) {
      // An origin is exactly what a browser sends in its Origin header: no path, no trailing slash.
      if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of origins like https://dashboard.example.org, got "${origin}"` });
      }
    }
    return list;
  });

const httpUrl = () =>
  z.string().check((ctx) => {
    if (!/^https?:\/\//i.test(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `must be an http:// or https:// URL, got "${ctx.value}"` });
    else if (!URL.canParse(ctx.value)) ctx.issues.push({ code: 'custom', input: ctx.value, message: `must be a URL, got "${ctx.value}"` });
  });

const REGISTER_ROLES = ['ADMIN', 'EDITOR', 'VIEWER'] as const;

/** `Value=ROLE,Value=ROLE`: claim values (Entra ID app role values) to register roles. */
const roleMap = () =>
  z.string().transform((raw, ctx) => {
    const map = new Map<string, (typeof REGISTER_ROLES)[number]>();
    for (const pair of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
      const at = pair.lastIndexOf('=');
      const value = pair.slice(0, at).trim();
      const role = pair.slice(at + 1).trim().toUpperCase();
      if (at <= 0 || !value || !(REGISTER_ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({ code: 'custom', message: `must be a comma-separated list of claim=ROLE pairs with ROLE one of ADMIN, EDITOR, VIEWER, e.g. Register.Admin=ADMIN,Register.Viewer=VIEWER; got "${pair}"` });
      } else if (map.has(value)) {
        ctx.addIssue({ code: 'custom', message: `names the claim value "${value}" twice` });
      } else map.set(value, role as (typeof REGISTER_ROLES)[number]);
    }
    return map;
  });

// https, except on this machine (tests, a local provider): openid-client refuses plain http otherwise.
const LOCAL_HTTP = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?(\/|$)/i;
const secureUrl = () =>
  z.string().check((ctx) => {
    if (!URL.canParse(ctx.value) || !(/^https:\/\//i.test(ctx.value) || LOCAL_HTTP.test(ctx.value))) {
      ctx.issues.push({ code: 'custom', input: ctx.value, message: `must be an https:// URL (http:// only for localhost), got "${ctx.value}"` });
    }
  });

// A token long enough not to be guessed, in characters a header carries as they are. The message
// does not repeat the value: it is a secret.
const METRICS_TOKEN = /^[\x21-\x7e]{16,200}$/;
const SCIM_TOKEN = /^[\x21-\x7e]{32,500}$/;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An Entra ID issuer names its tenant: https://login.microsoftonline.com/<tenant id>/v2.0 */
const ENTRA_ISSUER_TENANT = /^https:\/\/login\.microsoftonline\.com\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\//i;
const POSTGRES_URL = /^postgres(ql)?:\/\//i;
const DATABASE_URL = /^(?:sqlite|file):(?:\/\/)?(.+)$/i;

function setting<T extends z.ZodType<unknown, string>>(schema: T, meta: SettingMeta) {
  // An empty value is an unset one (`NAME=` in .env): both mean the default.
  const field = z.preprocess((raw) => (raw === undefined || raw === '' ? meta.default : raw), schema);
  const range = ranges.get(schema);
  settingsRegistry.add(field as z.ZodType, range ? { ...meta, range } : meta);
  return field;
}

// ---- The settings ---------------------------------------------------------------------------

export const SETTINGS = z.object({
  NODE_ENV: setting(oneOf(NODE_ENVS, 'development, production or test'), {
    group: 'server', default: 'development',
    description: '`development`, `production` or `test`; in `production` internal errors are answered as `Internal server error`',
  }),
  HOST: setting(z.string(), {
    group: 'server', default: '127.0.0.1',
    description: 'address to listen on (`0.0.0.0` for all interfaces)',
  }),
  PORT: setting(integer(0, 65535), { group: 'server', default: '4000', description: 'port to listen on' }),

  DATABASE_URL: setting(databaseUrl(), {
    group: 'database', default: 'sqlite:./data/register.sqlite',
    description: '`sqlite:<path>` (embedded, created on first start) or `postgres://user@host:5432/db` (the database is created when it does not exist)',
  }),
  DEMO_DATABASE_URL: setting(databaseUrl(), {
    group: 'database', default: 'sqlite:./data/demo.sqlite',
    description: 'database `npm run demo` rebuilds with the demo organisation at every start (SQLite only)',
  }),
  LOCK_TIMEOUT_MS: setting(integer(0, 600_000), {
    group: 'database', default: '5000', aliases: ['SQLITE_BUSY_TIMEOUT_MS'],
    description: "how long a write waits for a lock another process holds, in milliseconds, then `SERVICE_UNAVAILABLE` (`DATABASE_LOCKED`): SQLite's busy timeout, PostgreSQL's `lock_timeout`",
  }),
  DATABASE_POOL_MAX: setting(integer(1, 200), { group: 'database', default: '10', description: 'PostgreSQL: connections in the pool at most' }),

  GRAPHIQL: setting(boolean(), { group: 'api', default: 'true', description: 'serve GraphiQL to browsers at `/` and `/graphql`' }),
  INTROSPECTION: setting(boolean(), { group: 'api', default: 'true', description: "allow schema introspection (GraphiQL's docs pane needs it)" }),
  CORS_ORIGINS: setting(origins(), {
    group: 'api', default: '',
    description: 'comma-separated origins whose browser pages (dashboards) may call the API, each exactly as the browser sends it, e.g. `https://dashboard.example.org,http://localhost:8080`',
  }),
  DEFAULT_PAGE_SIZE: setting(integer(1, 1000), { group: 'api', default: '20', description: 'page size of a cursor connection when `first` is left out' }),
  MAX_PAGE_SIZE: setting(integer(1, 1000), { group: 'api', default: '100', description: 'largest `first` a client may ask for' }),

  MAX_QUERY_DEPTH: setting(integer(1, 100), {
    group: 'limits', default: '12',
    description: "deepest selection in an operation, fragments counted as inlined (the examples reach 6, GraphiQL's schema query is exempt)",
  }),
  MAX_QUERY_COST: setting(integer(1, 100_000_000), {
    group: 'limits', default: '100000',
    description: 'largest estimated cost of an operation: every field counts 1, and what is selected below a list counts once per item it may return (see [Limits](#limits-and-security))',
  }),
  MAX_ALIASES: setting(integer(0, 1000), { group: 'limits', default: '15', description: 'aliases in one operation' }),
  MAX_TOKENS: setting(integer(100, 1_000_000), {
    group: 'limits', default: '2000',
    description: "lexical tokens in one query document, counted while parsing (before validation); GraphiQL's schema query has 183, the largest example 132",
  }),
  MAX_FIELDS: setting(integer(10, 100_000), {
    group: 'limits', default: '500',
    description: 'fields in one operation with its fragments expanded; a field may appear at most 10 times in one selection',
  }),
  MAX_RESPONSE_ITEMS: setting(integer(100, 10_000_000), {
    group: 'limits', default: '20000',
    description: 'list items one response may hold, counted as it executes (the guard for what the cost estimate missed)',
  }),
  MAX_BATCH: setting(integer(1, 100), { group: 'limits', default: '1', description: 'operations in one batched HTTP request (a JSON array); `1` switches batching off' }),
  MAX_BODY_BYTES: setting(integer(1024, 100 * 1_048_576), {
    group: 'limits', default: '1048576',
    description: 'largest request body in bytes (the largest valid mutation, with 20,000-character texts, fits)',
  }),

  MOMENT_HORIZON_MONTHS: setting(integer(1, 120), {
    group: 'register', default: '24',
    description: "how many months ahead accountability moments are planned from each obligation's schedule; the planner keeps the horizon filled as time passes",
  }),
  TIME_ZONE: setting(z.string().refine(isTimeZone, { error: (issue) => `must be an IANA time zone such as Europe/Amsterdam, got "${String(issue.input)}"` }), {
    group: 'register', default: 'Europe/Amsterdam',
    description: 'the organisation\'s time zone: what "today" is for due dates, statuses and reports (a server in UTC would otherwise be a day behind after midnight)',
  }),

  HTTP_HEADERS_TIMEOUT_MS: setting(integer(100, 600_000), {
    group: 'http', default: '20000',
    description: "time a client has to send a request's headers, in milliseconds; a socket that sends nothing is closed after it",
  }),
  HTTP_REQUEST_TIMEOUT_MS: setting(integer(100, 3_600_000), {
    group: 'http', default: '30000',
    description: 'time a client has to send a whole request, body included, in milliseconds (a body sent a byte a second is cut off)',
  }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: setting(integer(100, 600_000), {
    group: 'http', default: '5000',
    description: 'how long an idle keep-alive connection stays open after a response, in milliseconds',
  }),
  HTTP_MAX_CONNECTIONS: setting(integer(1, 100_000), { group: 'http', default: '1000', description: 'open connections at most; more are closed at once' }),

  LOG_LEVEL: setting(oneOf(LOG_LEVELS, `one of ${LOG_LEVELS.join(', ')}`), {
    group: 'observability', default: 'info', defaultNote: '`silent` when `NODE_ENV=test`',
    description: 'level of the JSON log lines on stdout: `fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`',
  }),
  METRICS_PORT: setting(integer(0, 65535), {
    group: 'observability', default: '0', defaultNote: 'off',
    description: 'port of a listener of its own, on `HOST`, that serves only Prometheus metrics at `/metrics` (keep it off the load balancer)',
  }),
  METRICS_TOKEN: setting(orNone(z.string().regex(METRICS_TOKEN, { error: 'must be 16 to 200 printable characters without spaces' })), {
    group: 'observability', default: '', defaultNote: 'off',
    description: '16–200 printable characters; `/metrics` is then served on `PORT` too, to `Authorization: Bearer <token>` only',
  }),
  OTEL_EXPORTER_OTLP_ENDPOINT: setting(orNone(httpUrl()), {
    group: 'observability', default: '', defaultNote: 'off',
    description: 'OTLP/HTTP collector for traces, e.g. `http://collector:4318`; the other standard `OTEL_*` variables (`OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_TRACES_SAMPLER`, …) apply',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: setting(orNone(httpUrl()), {
    group: 'observability', default: '', defaultNote: 'off',
    description: 'full URL for traces, e.g. `http://collector:4318/v1/traces`; used instead of `OTEL_EXPORTER_OTLP_ENDPOINT` when set',
  }),
  OTEL_SDK_DISABLED: setting(boolean(), { group: 'observability', default: 'false', description: 'switch tracing off while an endpoint is set' }),
  OTEL_SERVICE_NAME: setting(z.string(), { group: 'observability', default: 'stakeholder-register', description: 'service name of the traces' }),

  OIDC_ISSUER: setting(orNone(secureUrl()), {
    group: 'signIn', default: '', defaultNote: 'off',
    description: 'the OpenID Connect issuer; its `/.well-known/openid-configuration` is read at the first sign-in. Entra ID: `https://login.microsoftonline.com/<tenant id>/v2.0` (one tenant, never `common`). Setting it switches on `/auth/login`, `/auth/callback`, `/auth/logout` and `/auth/signed-out`, and sends browsers that open GraphiQL without a session to sign in',
  }),
  OIDC_CLIENT_ID: setting(orNone(z.string().max(200)), {
    group: 'signIn', default: '',
    description: "the app registration's client (application) id; required with `OIDC_ISSUER`",
  }),
  OIDC_CLIENT_SECRET: setting(orNone(z.string().max(500)), {
    group: 'signIn', default: '', defaultNote: 'a public client, PKCE only',
    description: "the app registration's client secret (sent with HTTP Basic)",
  }),
  OIDC_REDIRECT_URL: setting(orNone(secureUrl()), {
    group: 'signIn', default: '',
    description: 'the register\'s `/auth/callback` as the browser reaches it, e.g. `https://register.example.org/auth/callback`; registered with the provider as the redirect URI; required with `OIDC_ISSUER`. When it is https the session cookie is `Secure`',
  }),
  OIDC_ROLES_CLAIM: setting(z.string().regex(/^[\w.:\/-]{1,200}$/, { error: 'must be a claim name such as roles or groups' }), {
    group: 'signIn', default: 'roles',
    description: 'the ID token claim with the directory\'s roles (Entra ID app roles are in `roles`)',
  }),
  OIDC_ROLE_MAP: setting(roleMap(), {
    group: 'signIn', default: '',
    description: 'claim values to register roles, e.g. `Register.Admin=ADMIN,Register.Editor=EDITOR,Register.Viewer=VIEWER`; a person with several gets the highest, one with none is refused (never a default role); required with `OIDC_ISSUER`',
  }),
  SESSION_LIFETIME_MINUTES: setting(integer(5, 7 * 24 * 60), {
    group: 'signIn', default: '480',
    description: 'how long a sign-in lasts, in minutes, before the person signs in again (and gets the roles the directory gives them then)',
  }),
  OIDC_TENANT_ID: setting(orNone(z.string().regex(TENANT_ID, { error: 'must be a directory (tenant) id such as 72f988bf-86f1-41af-91ab-2d7cd011db47' })), {
    group: 'signIn', default: '', defaultNote: 'the tenant of an Entra ID issuer; else not checked',
    description: "the directory (tenant) whose people may sign in: an ID token whose `tid` claim names another tenant, or has none, is refused (`OIDC_WRONG_TENANT`). Read from an Entra ID `OIDC_ISSUER` when unset; must match it when both are set",
  }),
  SSO_ONLY: setting(boolean(), {
    group: 'signIn', default: 'false',
    description: 'people sign in through the organisation only: API tokens of users of kind `PERSON` are refused (`UNAUTHENTICATED`), those of service accounts (kind `SERVICE`: dashboards, scripts) keep working; needs `OIDC_ISSUER`',
  }),

  SCIM_TOKEN: setting(orNone(z.string().regex(SCIM_TOKEN, { error: 'must be 32 to 500 printable characters without spaces, e.g. the output of `openssl rand -base64 48`' })), {
    group: 'provisioning', default: '', defaultNote: 'off: `/scim` is not found',
    description: "the bearer token the directory sends to `/scim/v2` (Entra ID: the provisioning's *Secret Token*), 32–500 printable characters; compared in constant time. Needs `OIDC_ISSUER`: provisioned people sign in through the organisation",
  }),
});

export type SettingName = keyof typeof SETTINGS.shape;
type Settings = z.output<typeof SETTINGS>;

/** The metadata of every setting, in the order of SETTINGS. */
export function settingsMeta(): Array<{ name: SettingName } & SettingMeta> {
  return (Object.keys(SETTINGS.shape) as SettingName[]).map((name) => ({ name, ...settingsRegistry.get(SETTINGS.shape[name])! }));
}

/**
 * Parses the settings of `schema` from `env`; every bad value is reported in one ConfigError, each
 * message starting with the name of the variable it was read from.
 */
function parse<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const input: Record<string, string | undefined> = {};
  const readFrom: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const alias = env[name] ? undefined : settingsRegistry.get(schema.shape[name])?.aliases?.find((a) => env[a]);
    input[name] = env[alias ?? name];
    if (alias) readFrom[name] = alias;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${readFrom[String(issue.path[0])] ?? issue.path.join('.')} ${issue.message}`).join('; '),
  );
}

// Rules between settings; they are checked once each setting is valid on its own.
const APP = SETTINGS.check((ctx) => {
  const s = ctx.value;
  if (s.DEFAULT_PAGE_SIZE > s.MAX_PAGE_SIZE) {
    ctx.issues.push({ code: 'custom', input: s, path: ['DEFAULT_PAGE_SIZE'], message: 'must not exceed MAX_PAGE_SIZE' });
  }
  // Node refuses a headers timeout longer than the request timeout.
  if (s.HTTP_HEADERS_TIMEOUT_MS > s.HTTP_REQUEST_TIMEOUT_MS) {
    ctx.issues.push({ code: 'custom', input: s, path: ['HTTP_HEADERS_TIMEOUT_MS'], message: 'must not exceed HTTP_REQUEST_TIMEOUT_MS' });
  }
  // Sign-in is all or nothing: half a configuration is refused at start, not at the first sign-in.
  const oidc = { OIDC_CLIENT_ID: s.OIDC_CLIENT_ID, OIDC_CLIENT_SECRET: s.OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL: s.OIDC_REDIRECT_URL };
  if (s.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const) {
      if (!oidc[name]) ctx.issues.push({ code: 'custom', input: s, path: [name], message: 'is required when OIDC_ISSUER is set' });
    }
    if (!s.OIDC_ROLE_MAP.size) ctx.issues.push({ code: 'custom', input: s, path: ['OIDC_ROLE_MAP'], message: 'is required when OIDC_ISSUER is set: without it nobody could sign in (no default role is given)' });
    if (/^https:\/\/login\.microsoftonline\.com\/(common|organizations|consumers)\b/i.test(s.OIDC_ISSUER)) {
      ctx.issues.push({ code: 'custom', input: s, path: ['OIDC_ISSUER'], message: "must name your tenant (https://login.microsoftonline.com/<tenant id>/v2.0), not a multi-tenant authority: its ID tokens' issuer is the tenant's" });
    }
    const issuerTenant = ENTRA_ISSUER_TENANT.exec(s.OIDC_ISSUER)?.[1];
    if (s.OIDC_TENANT_ID && issuerTenant && issuerTenant.toLowerCase() !== s.OIDC_TENANT_ID.toLowerCase()) {
      ctx.issues.push({ code: 'custom', input: s, path: ['OIDC_TENANT_ID'], message: `is ${s.OIDC_TENANT_ID} but OIDC_ISSUER names the tenant ${issuerTenant}: leave OIDC_TENANT_ID unset or make them the same` });
    }
  } else {
    for (const name of Object.keys(oidc) as (keyof typeof oidc)[]) {
      if (oidc[name]) ctx.issues.push({ code: 'custom', input: s, path: [name], message: 'is set but OIDC_ISSUER is not: set OIDC_ISSUER to switch sign-in on, or leave this unset' });
    }
    if (s.OIDC_ROLE_MAP.size) ctx.issues.push({ code: 'custom', input: s, path: ['OIDC_ROLE_MAP'], message: 'is set but OIDC_ISSUER is not: set OIDC_ISSUER to switch sign-in on, or leave this unset' });
    if (s.OIDC_TENANT_ID) ctx.issues.push({ code: 'custom', input: s, path: ['OIDC_TENANT_ID'], message: 'is set but OIDC_ISSUER is not: set OIDC_ISSUER to switch sign-in on, or leave this unset' });
    // Without sign-in through the organisation, SSO_ONLY would lock every person out.
    if (s.SSO_ONLY) ctx.issues.push({ code: 'custom', input: s, path: ['SSO_ONLY'], message: 'needs OIDC_ISSUER: with API tokens of people refused and no sign-in through the organisation, only service accounts could get in' });
    if (s.SCIM_TOKEN) ctx.issues.push({ code: 'custom', input: s, path: ['SCIM_TOKEN'], message: 'needs OIDC_ISSUER: the people SCIM provisions sign in through the organisation, and have no API tokens' });
  }
});

const METRICS = SETTINGS.pick({ METRICS_PORT: true, METRICS_TOKEN: true });
const TRACING = SETTINGS.pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: true, OTEL_SDK_DISABLED: true, OTEL_SERVICE_NAME: true });

function metricsConfig(s: Pick<Settings, 'METRICS_PORT' | 'METRICS_TOKEN'>): MetricsConfig {
  return { port: s.METRICS_PORT, token: s.METRICS_TOKEN };
}

function tracingConfig(s: z.output<typeof TRACING>): TracingConfig {
  const endpoint = s.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? s.OTEL_EXPORTER_OTLP_ENDPOINT;
  return { endpoint: s.OTEL_SDK_DISABLED ? null : endpoint, serviceName: s.OTEL_SERVICE_NAME };
}

export function loadMetricsConfig(env: NodeJS.ProcessEnv): MetricsConfig {
  return metricsConfig(parse(METRICS, env));
}

/** Read first, by instrument.ts, before the rest of the configuration: tracing starts before the app loads. */
export function loadTracingConfig(env: NodeJS.ProcessEnv): TracingConfig {
  return tracingConfig(parse(TRACING, env));
}

export function parseDatabaseUrl(url: string, busyTimeoutMs = 5000, poolMax = 10): DatabaseConfig {
  if (POSTGRES_URL.test(url)) {
    return { kind: 'postgresql', url, sqlitePath: '', busyTimeoutMs, poolMax };
  }
  const match = DATABASE_URL.exec(url);
  if (!match) {
    throw new ConfigError(`DATABASE_URL must start with sqlite:, file: or postgres://, got "${url}"`);
  }
  return { kind: 'sqlite', url, sqlitePath: match[1], busyTimeoutMs, poolMax };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, options: { demo?: boolean } = {}): AppConfig {
  const s = parse(APP, env);
  return {
    env: s.NODE_ENV,
    host: s.HOST,
    port: s.PORT,
    database: parseDatabaseUrl(options.demo ? s.DEMO_DATABASE_URL : s.DATABASE_URL, s.LOCK_TIMEOUT_MS, s.DATABASE_POOL_MAX),
    graphiql: s.GRAPHIQL,
    introspection: s.INTROSPECTION,
    defaultPageSize: s.DEFAULT_PAGE_SIZE,
    maxPageSize: s.MAX_PAGE_SIZE,
    momentHorizonMonths: s.MOMENT_HORIZON_MONTHS,
    demo: options.demo ?? false,
    limits: {
      maxQueryDepth: s.MAX_QUERY_DEPTH,
      maxQueryCost: s.MAX_QUERY_COST,
      maxAliases: s.MAX_ALIASES,
      maxTokens: s.MAX_TOKENS,
      maxFields: s.MAX_FIELDS,
      maxResponseItems: s.MAX_RESPONSE_ITEMS,
      maxBatch: s.MAX_BATCH,
      maxBodyBytes: s.MAX_BODY_BYTES,
    },
    corsOrigins: s.CORS_ORIGINS,
    // Tests are silent unless they ask for a level: the one default that depends on another setting.
    logLevel: !env.LOG_LEVEL && s.NODE_ENV === 'test' ? 'silent' : s.LOG_LEVEL,
    timeZone: s.TIME_ZONE,
    http: {
      headersTimeoutMs: s.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: s.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: s.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: s.HTTP_MAX_CONNECTIONS,
    },
    metrics: metricsConfig(s),
    tracing: tracingConfig(s),
    oidc: s.OIDC_ISSUER
      ? {
          issuer: s.OIDC_ISSUER,
          clientId: s.OIDC_CLIENT_ID!,
          clientSecret: s.OIDC_CLIENT_SECRET,
          redirectUrl: s.OIDC_REDIRECT_URL!,
          rolesClaim: s.OIDC_ROLES_CLAIM,
          roleMap: s.OIDC_ROLE_MAP,
          sessionLifetimeMinutes: s.SESSION_LIFETIME_MINUTES,
          secureCookies: s.OIDC_REDIRECT_URL!.startsWith('https:'),
          tenantId: (s.OIDC_TENANT_ID ?? ENTRA_ISSUER_TENANT.exec(s.OIDC_ISSUER)?.[1] ?? null)?.toLowerCase() ?? null,
          ssoOnly: s.SSO_ONLY,
        }
      : null,
    scim: s.SCIM_TOKEN ? { token: s.SCIM_TOKEN } : null,
  };
}

/** Loads `.env` from the working directory when present (Node's own loader, no dependency). */
export function loadEnvFile(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
