// Compiled code from the last start, where Node keeps it (it loads nothing itself).
import './compile-cache';
// Tracing first: OpenTelemetry patches http, express, graphql and knex as they load.
import { tracing } from './instrument';
import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { ensureDefaultCategories } from '../seeds/categories.seeder';
import { ensureExampleOperations } from '../seeds/saved-operations.seeder';
import { ConfigError, loadConfig, loadEnvFile } from './config';
import { openDatabase } from './database';
import { createLogger, driverLog, type Logger } from './logger';
import { createAppServer } from './server';
import { clock } from './shared/clock';

// Until the configuration names a level, start-up failures are logged at the default one.
let log: Logger = createLogger('info');

// config → database (created and migrated) → HTTP server → listen; graceful shutdown.
async function main(): Promise<void> {
  loadEnvFile();
  const demo = process.argv.includes('--demo');
  const config = loadConfig(process.env, { demo });
  log = createLogger(config.logLevel);
  if (demo) {
    if (config.database.kind !== 'sqlite') throw new ConfigError('The demo runs on SQLite: DEMO_DATABASE_URL must be sqlite:…');
    // The demo starts from the same data every time.
    for (const suffix of ['', '-wal', '-shm']) rmSync(config.database.sqlitePath + suffix, { force: true });
  }

  clock.useTimeZone(config.timeZone);
  const orm = await openDatabase(config.database, { driverOptions: { log: driverLog(log) } }, (message) => log.info(message));
  const added = await ensureDefaultCategories(orm.em.fork());
  if (added) log.info(`Added ${added} default stakeholder categories.`);
  const examples = await ensureExampleOperations(orm.em.fork());
  if (examples) log.info(`Added ${examples} example reports as shared saved operations.`);
  if (demo) {
    // Only the demo loads its seeds.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DEMO_ORGANISATION_NAME, seedDemo } = require('../seeds/demo.seeder') as typeof import('../seeds/demo.seeder');
    await seedDemo(orm.em.fork());
    log.info(`Demo data loaded: ${DEMO_ORGANISATION_NAME}.`);
  }

  const server = await createAppServer(config, orm, log);
  const url = await server.listen();
  const where = config.database.kind === 'sqlite' ? `SQLite ${config.database.sqlitePath}` : 'PostgreSQL';
  // How long the start took, from the process's own start (module loading included).
  log.info({ url, startupMs: Math.round(process.uptime() * 1000) }, `Stakeholder Register listening on ${url} (${where})${config.graphiql ? ' — open it in a browser for GraphiQL' : ''}`);
  // Metrics and traces: where they are, when they are on.
  if (server.metricsUrl) log.info({ metricsUrl: server.metricsUrl }, `Metrics at ${server.metricsUrl}${config.metrics.token ? ' (with METRICS_TOKEN)' : ''}`);
  else if (config.metrics.token) log.info(`Metrics at ${url}metrics with METRICS_TOKEN`);
  if (tracing) log.info('Tracing to the OTLP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT)');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing open requests and closing.`);
    await server.close();
    await orm.close();
    // Tracing: the spans still queued go out before the process ends.
    await tracing?.shutdown().catch((err: unknown) => log.warn({ err }, 'tracing shutdown failed'));
    log.info('closed');
    log.flush();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  if (error instanceof ConfigError) log.fatal(`Configuration error: ${error.message}`);
  else log.fatal({ err: error }, 'start-up failed');
  log.flush();
  process.exit(1);
});
