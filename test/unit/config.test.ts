import { expect } from 'chai';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/config';

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
});
