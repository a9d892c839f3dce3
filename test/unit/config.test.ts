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
    for (const origin of ['dashboard.example.org', 'https://dashboard.example.org/', 'https://dashboard.example.org/app', '*']) {
      expect(() => loadConfig({ CORS_ORIGINS: origin }), origin).to.throw(ConfigError, /CORS_ORIGINS/);
    }
  });
});
