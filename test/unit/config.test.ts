import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError, loadConfig, loadTracingConfig, parseDatabaseUrl, SETTINGS, settingsMeta } from '../../src/config';
import { README_TABLE_END, README_TABLE_START, renderEnvExample, renderSettingsTable } from '../../src/settings-docs';

const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** The message of the ConfigError `env` is refused with. */
function refused(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
}

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config.port).to.equal(4000);
    expect(config.database.kind).to.equal('sqlite');
    expect(config.database.sqlitePath).to.equal('./data/register.sqlite');
    expect(config.maxPageSize).to.equal(100);
    expect(config.graphiql).to.equal(true);
    expect(config.momentHorizonMonths).to.equal(24);
    expect(config.limits).to.deep.equal({ maxQueryDepth: 12, maxQueryCost: 100_000, maxAliases: 15, maxTokens: 2000, maxFields: 500, maxResponseItems: 20_000, maxBatch: 1, maxBodyBytes: 1_048_576 });
    expect(config.corsOrigins).to.deep.equal([]);
    expect(config.logLevel).to.equal('info');
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel, 'tests are silent').to.equal('silent');
    expect(config.metrics, 'metrics off').to.deep.equal({ port: 0, token: null });
    expect(config.tracing, 'tracing off').to.deep.equal({ endpoint: null, serviceName: 'stakeholder-register' });
  });

  it('reads the sign-in settings, off unless OIDC_ISSUER is set, and refuses half a configuration', () => {
    expect(loadConfig({}).oidc, 'off by default').to.equal(null);
    const entra = {
      OIDC_ISSUER: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0',
      OIDC_CLIENT_ID: 'c0ffee00-0000-4000-8000-000000000001',
      OIDC_REDIRECT_URL: 'https://register.example.org/auth/callback',
      OIDC_ROLE_MAP: 'Register.Admin=ADMIN, Register.Editor=editor,Register.Viewer=VIEWER',
    };
    const config = loadConfig(entra).oidc!;
    expect(config).to.include({ issuer: entra.OIDC_ISSUER, clientId: entra.OIDC_CLIENT_ID, clientSecret: null, rolesClaim: 'roles', sessionLifetimeMinutes: 480, secureCookies: true });
    expect([...config.roleMap]).to.deep.equal([['Register.Admin', 'ADMIN'], ['Register.Editor', 'EDITOR'], ['Register.Viewer', 'VIEWER']]);
    expect(loadConfig({ ...entra, OIDC_REDIRECT_URL: 'http://localhost:4000/auth/callback' }).oidc!.secureCookies, 'plain http on this machine: no Secure').to.equal(false);
    expect(refused({ OIDC_ISSUER: entra.OIDC_ISSUER })).to.include('OIDC_CLIENT_ID is required when OIDC_ISSUER is set').and.include('OIDC_REDIRECT_URL is required').and.include('OIDC_ROLE_MAP is required');
    expect(refused({ OIDC_CLIENT_ID: 'x' })).to.include('OIDC_CLIENT_ID is set but OIDC_ISSUER is not');
    expect(refused({ OIDC_ROLE_MAP: 'A=ADMIN' })).to.include('OIDC_ROLE_MAP is set but OIDC_ISSUER is not');
    expect(refused({ ...entra, OIDC_ISSUER: 'https://login.microsoftonline.com/common/v2.0' })).to.include('OIDC_ISSUER must name your tenant');
    expect(refused({ ...entra, OIDC_ISSUER: 'http://idp.example.org' })).to.include('OIDC_ISSUER must be an https:// URL');
    expect(refused({ ...entra, OIDC_ROLE_MAP: 'Register.Admin=OWNER' })).to.include('OIDC_ROLE_MAP must be a comma-separated list of claim=ROLE pairs');
    expect(refused({ ...entra, OIDC_ROLE_MAP: 'A=ADMIN,A=VIEWER' })).to.include('names the claim value "A" twice');
    expect(refused({ ...entra, SESSION_LIFETIME_MINUTES: '1' })).to.include('SESSION_LIFETIME_MINUTES must be an integer between 5 and 10080');
  });

  it('reads SSO_ONLY, the tenant and SCIM_TOKEN, each refused without OIDC_ISSUER', () => {
    const entra = {
      OIDC_ISSUER: 'https://login.microsoftonline.com/72F988BF-86f1-41af-91ab-2d7cd011db47/v2.0',
      OIDC_CLIENT_ID: 'c0ffee00-0000-4000-8000-000000000001',
      OIDC_REDIRECT_URL: 'https://register.example.org/auth/callback',
      OIDC_ROLE_MAP: 'Register.Admin=ADMIN',
    };
    const scimToken = 'S'.repeat(40);
    // The tenant of an Entra ID issuer is the one whose tokens are accepted, unless set.
    expect(loadConfig(entra).oidc).to.include({ ssoOnly: false, tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' });
    expect(loadConfig({ ...entra, OIDC_ISSUER: 'https://idp.example.org' }).oidc!.tenantId, 'another provider: not checked').to.equal(null);
    expect(loadConfig({ ...entra, OIDC_ISSUER: 'https://idp.example.org', OIDC_TENANT_ID: '00000000-0000-4000-8000-00000000000A' }).oidc!.tenantId).to.equal('00000000-0000-4000-8000-00000000000a');
    expect(loadConfig({ ...entra, SSO_ONLY: 'true' }).oidc!.ssoOnly).to.equal(true);
    expect(loadConfig({ ...entra, SCIM_TOKEN: scimToken }).scim).to.deep.equal({ token: scimToken });
    expect(loadConfig(entra).scim, 'SCIM off by default').to.equal(null);
    expect(refused({ SSO_ONLY: 'true' })).to.include('SSO_ONLY needs OIDC_ISSUER');
    expect(refused({ ...entra, SSO_ONLY: 'maybe' })).to.include('SSO_ONLY must be true or false');
    expect(refused({ SCIM_TOKEN: scimToken })).to.include('SCIM_TOKEN needs OIDC_ISSUER');
    const short = refused({ ...entra, SCIM_TOKEN: 'secret-but-short' });
    expect(short).to.include('SCIM_TOKEN must be 32 to 500 printable characters');
    expect(short, 'a secret is not repeated').not.to.include('secret-but-short');
    expect(refused({ OIDC_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47' })).to.include('OIDC_TENANT_ID is set but OIDC_ISSUER is not');
    expect(refused({ ...entra, OIDC_TENANT_ID: 'contoso.onmicrosoft.com' })).to.include('OIDC_TENANT_ID must be a directory (tenant) id');
    expect(refused({ ...entra, OIDC_TENANT_ID: '00000000-0000-4000-8000-000000000001' })).to.include('OIDC_TENANT_ID is 00000000-0000-4000-8000-000000000001 but OIDC_ISSUER names the tenant');
  });

  it('reads the metrics and tracing settings', () => {
    const token = 'a'.repeat(16);
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: token }).metrics).to.deep.equal({ port: 9464, token });
    expect(loadConfig({ METRICS_PORT: '' }).metrics.port, 'empty is off').to.equal(0);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SERVICE_NAME: 'register-eu' }).tracing).to.deep.equal({ endpoint: 'http://collector:4318', serviceName: 'register-eu' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' }).tracing.endpoint).to.equal('http://collector:4318/v1/traces');
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing.endpoint, 'OTEL_SDK_DISABLED').to.equal(null);
  });

  it('reads the request limits, the CORS allow-list and the log level', () => {
    const config = loadConfig({
      MAX_QUERY_DEPTH: '8', MAX_QUERY_COST: '5000', MAX_ALIASES: '0', MAX_BATCH: '10', MAX_BODY_BYTES: '65536',
      CORS_ORIGINS: 'https://dashboard.example.org, http://localhost:8080', LOG_LEVEL: 'debug',
    });
    expect(config.limits).to.deep.equal({ maxQueryDepth: 8, maxQueryCost: 5000, maxAliases: 0, maxTokens: 2000, maxFields: 500, maxResponseItems: 20_000, maxBatch: 10, maxBodyBytes: 65536 });
    expect(config.corsOrigins).to.deep.equal(['https://dashboard.example.org', 'http://localhost:8080']);
    expect(config.logLevel).to.equal('debug');
  });

  it('switches to PostgreSQL by DATABASE_URL alone', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/register' });
    expect(config.database.kind).to.equal('postgresql');
    expect(parseDatabaseUrl('sqlite::memory:').sqlitePath).to.equal(':memory:');
  });

  it('rejects bad values with a message naming the setting', () => {
    expect(() => loadConfig({ PORT: 'abc' })).to.throw(ConfigError, /PORT/);
    expect(() => loadConfig({ GRAPHIQL: 'maybe' })).to.throw(ConfigError, /GRAPHIQL/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).to.throw(ConfigError, /DATABASE_URL/);
    expect(() => loadConfig({ DEFAULT_PAGE_SIZE: '50', MAX_PAGE_SIZE: '10' })).to.throw(ConfigError, /DEFAULT_PAGE_SIZE/);
    expect(() => loadConfig({ MOMENT_HORIZON_MONTHS: '0' })).to.throw(ConfigError, /MOMENT_HORIZON_MONTHS/);
    expect(() => loadConfig({ MAX_QUERY_DEPTH: '0' })).to.throw(ConfigError, /MAX_QUERY_DEPTH/);
    expect(() => loadConfig({ MAX_BATCH: '0' })).to.throw(ConfigError, /MAX_BATCH/);
    expect(() => loadConfig({ MAX_BODY_BYTES: '1kb' })).to.throw(ConfigError, /MAX_BODY_BYTES/);
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).to.throw(ConfigError, /LOG_LEVEL/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).to.throw(ConfigError, /METRICS_PORT/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).to.throw(ConfigError, /METRICS_TOKEN must be 16 to 200 printable characters/);
    expect(() => loadConfig({ METRICS_TOKEN: 'with a space in it, long enough' })).to.throw(ConfigError, /METRICS_TOKEN/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).to.throw(ConfigError, /OTEL_EXPORTER_OTLP_ENDPOINT/);
    for (const origin of ['dashboard.example.org', 'https://dashboard.example.org/', 'https://dashboard.example.org/app', '*']) {
      expect(() => loadConfig({ CORS_ORIGINS: origin }), origin).to.throw(ConfigError, /CORS_ORIGINS/);
    }
  });

  it('reports every bad setting at once, and treats an empty value as unset', () => {
    expect(() => loadConfig({ PORT: '-1', GRAPHIQL: 'maybe', TIME_ZONE: 'Mars/Olympus' })).to.throw(
      ConfigError,
      'PORT must be an integer between 0 and 65535, got "-1"; GRAPHIQL must be true or false, got "maybe"; TIME_ZONE must be an IANA time zone such as Europe/Amsterdam, got "Mars/Olympus"',
    );
    expect(() => loadConfig({ NODE_ENV: 'prod' })).to.throw(ConfigError, 'NODE_ENV must be development, production or test, got "prod"');
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).to.throw(ConfigError, 'HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');
    const empty = Object.fromEntries(Object.keys(SETTINGS.shape).map((name) => [name, '']));
    expect(loadConfig(empty)).to.deep.equal(loadConfig({}));
  });

  it('reads SQLITE_BUSY_TIMEOUT_MS, the older name, only when LOCK_TIMEOUT_MS is unset, and names it in errors', () => {
    expect(loadConfig({ SQLITE_BUSY_TIMEOUT_MS: '1234' }).database.busyTimeoutMs).to.equal(1234);
    expect(loadConfig({ SQLITE_BUSY_TIMEOUT_MS: '1234', LOCK_TIMEOUT_MS: '99' }).database.busyTimeoutMs).to.equal(99);
    expect(() => loadConfig({ SQLITE_BUSY_TIMEOUT_MS: 'soon' })).to.throw(ConfigError, /^SQLITE_BUSY_TIMEOUT_MS must be an integer/);
  });

  it('uses DEMO_DATABASE_URL in demo mode, and names it when it is bad', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x/db' }, { demo: true }).database.sqlitePath).to.equal('./data/demo.sqlite');
    expect(() => loadConfig({ DEMO_DATABASE_URL: 'demo.sqlite' }, { demo: true })).to.throw(ConfigError, /^DEMO_DATABASE_URL must start with sqlite:/);
  });

  it('reads the tracing settings alone, before the rest of the configuration is valid', () => {
    expect(loadTracingConfig({ PORT: 'abc', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector/v1/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://other:4318' }))
      .to.deep.equal({ endpoint: 'https://collector/v1/traces', serviceName: 'stakeholder-register' });
  });
});

describe('settings documentation (npm run settings:docs writes it from the schema)', () => {
  const settings = settingsMeta();

  it('every setting in the schema has a description and a group', () => {
    expect(settings.map((s) => s.name)).to.deep.equal(Object.keys(SETTINGS.shape));
    for (const s of settings) expect(s.description, s.name).to.match(/\w{3}/);
  });

  it('.env.example sets every setting, and only those, to its default', () => {
    const example = parseEnv(read('.env.example'));
    expect(Object.keys(example), 'settings in .env.example').to.have.members(settings.map((s) => s.name));
    for (const s of settings) expect(example[s.name], s.name).to.equal(s.default);
    // What .env.example says is the default is what the code does with nothing set.
    expect(loadConfig(example)).to.deep.equal(loadConfig({}));
  });

  it("the README's settings table lists every setting with the schema's default", () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf(README_TABLE_START), readme.indexOf(README_TABLE_END));
    const rows = [...table.matchAll(/^\| `([A-Z_0-9]+)` \| ([^|]+) \|/gm)].map(([, name, value]) => [name, value.trim()]);
    expect(rows.map(([name]) => name), 'settings in the README').to.deep.equal(settings.map((s) => s.name));
    for (const [name, value] of rows) {
      const s = settings.find((setting) => setting.name === name)!;
      expect(value.startsWith(s.default ? `\`${s.default}\`` : 'none'), `${name}'s default in the README`).to.equal(true);
    }
  });

  it('.env.example and the README table are exactly what npm run settings:docs writes', () => {
    expect(read('.env.example'), 'run npm run settings:docs').to.equal(renderEnvExample());
    expect(read('README.md'), 'run npm run settings:docs').to.include(renderSettingsTable());
  });
});
