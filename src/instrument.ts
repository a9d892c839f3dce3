import { ConfigError, loadEnvFile, loadTracingConfig } from './config';
import { startTracing, type Tracing } from './tracing';

// The first import of main.ts: OpenTelemetry has to patch http, express, graphql and knex before
// anything requires them. Off (and nothing of OpenTelemetry loaded) unless
// OTEL_EXPORTER_OTLP_ENDPOINT is set, in the environment or in .env.

function start(): Tracing | undefined {
  loadEnvFile();
  const config = loadTracingConfig(process.env);
  if (!config.endpoint) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  // The exporter reads the endpoint and the other OTEL_EXPORTER_OTLP_* settings itself.
  return startTracing({ serviceName: config.serviceName, exporter: new OTLPTraceExporter() });
}

/** The running tracing, to flush at shutdown; undefined when it is off. */
export const tracing: Tracing | undefined = (() => {
  try {
    return start();
  } catch (error) {
    // main.ts reads the same settings and reports a bad one as a configuration error.
    if (error instanceof ConfigError) return undefined;
    throw error;
  }
})();
