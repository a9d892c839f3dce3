import type { Attributes, AttributeValue, Link, SpanStatus } from '@opentelemetry/api';
import type { NodeTracerProvider, ReadableSpan, SpanExporter, TimedEvent } from '@opentelemetry/sdk-trace-node';

// OpenTelemetry tracing: spans for HTTP, Express, GraphQL and every SQL statement (knex, on
// SQLite and PostgreSQL), exported over OTLP. It is on only when instrument.ts finds an OTLP
// endpoint; then it has to start before http, express, graphql and knex are first required,
// which is why instrument.ts is the first import of main.ts. Nothing here is loaded otherwise:
// the OpenTelemetry packages are required inside startTracing.
//
// No argument value, id or personal data leaves the process in a span. The instrumentations
// record more than that: graphql.source is the query text (literals are masked by default, but
// aliases, operation and fragment names are the client's text), resolver spans are named after
// the response path (aliases), exceptions quote input (GraphQL's parse and validation errors, a
// NotFoundError's id, the JSON parser's excerpt of the body), knex's db.query.text is the SQL
// with every value inlined (MikroORM formats it before knex sees it), and the HTTP span holds
// the query string of a GET (its variables), the Host header, the client's address and user
// agent. So every span passes through maskSpan on its way to the exporter: an allowlist of
// attributes per instrumentation, span names rebuilt from those, SQL reduced to its shape,
// exceptions to their class and stack frames, and no status messages.

export interface TracingOptions {
  serviceName: string;
  /** Where spans go: the OTLP exporter when the server runs, an InMemorySpanExporter in tests. */
  exporter: SpanExporter;
  /** Export each span as it ends (tests) instead of in batches. */
  simple?: boolean;
}

export interface Tracing {
  provider: NodeTracerProvider;
  /** Sends what is queued and stops; gives up after SHUTDOWN_TIMEOUT_MS (a collector that is down must not hold the exit). */
  shutdown(): Promise<void>;
}

const SHUTDOWN_TIMEOUT_MS = 5000;

/** Paths a probe or a scraper calls every few seconds: no spans. */
const QUIET_PATHS = /^\/(healthz|readyz|metrics)(\?|$)/;

/**
 * Registers the global tracer provider and the instrumentations. Call it before http, express,
 * graphql and knex are required: they are patched as they load.
 */
export function startTracing(options: TracingOptions): Tracing {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { defaultResource, detectResources, envDetector, resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { registerInstrumentations } = require('@opentelemetry/instrumentation') as typeof import('@opentelemetry/instrumentation');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { ExpressInstrumentation } = require('@opentelemetry/instrumentation-express') as typeof import('@opentelemetry/instrumentation-express');
  const { GraphQLInstrumentation } = require('@opentelemetry/instrumentation-graphql') as typeof import('@opentelemetry/instrumentation-graphql');
  const { KnexInstrumentation } = require('@opentelemetry/instrumentation-knex') as typeof import('@opentelemetry/instrumentation-knex');
  /* eslint-enable @typescript-eslint/no-require-imports */

  // OTEL_RESOURCE_ATTRIBUTES apply; the service name is OTEL_SERVICE_NAME or ours.
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes({ 'service.name': options.serviceName }));
  const exporter = new MaskingSpanExporter(options.exporter);
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [options.simple ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)],
  });
  // The global provider, AsyncLocalStorage context and W3C trace-context propagation.
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => QUIET_PATHS.test(req.url ?? ''),
        // The API calls no one; the OTLP exporter's own requests are not traced anyway.
        disableOutgoingRequestInstrumentation: true,
      }),
      new ExpressInstrumentation(),
      // allowValues false (the default) keeps variables off the spans and masks literals in
      // graphql.source, which maskSpan drops anyway.
      new GraphQLInstrumentation({ allowValues: false, mergeItems: true, ignoreTrivialResolveSpans: true }),
      // The statement is kept long enough for maskSpan to take its shape.
      new KnexInstrumentation({ maxQueryLength: 10_000 }),
    ],
  });
  return {
    provider,
    async shutdown() {
      unregister();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS)));
      await Promise.race([provider.shutdown(), timeout]).finally(() => clearTimeout(timer));
    },
  };
}

/** Hands the next exporter masked copies of the spans; the SDK's own spans are left as they are. */
export class MaskingSpanExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter['export']>[1]): void {
    this.next.export(spans.map(maskSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}

type Masker = (value: AttributeValue) => AttributeValue | undefined;
const keep: Masker = (value) => value;

/** Which attributes of each instrumentation's spans are exported, and how. Anything else is dropped. */
const ALLOWED: Record<string, Record<string, Masker>> = {
  '@opentelemetry/instrumentation-http': {
    'http.request.method': keep,
    'http.response.status_code': keep,
    // From the app's route patterns (Express), never from the request.
    'http.route': keep,
    'url.path': (value) => servedPath(String(value)),
    'url.scheme': keep,
    'network.protocol.version': keep,
    'error.type': keep,
    // Not: url.query (a GET's variables), server.address and server.port (the Host header),
    // client.address and network.peer.* (the caller), user_agent.original.
  },
  '@opentelemetry/instrumentation-express': {
    'http.route': keep,
    'express.name': keep,
    'express.type': keep,
  },
  '@opentelemetry/instrumentation-graphql': {
    'graphql.operation.type': keep,
    'graphql.field.name': keep,
    'graphql.field.type': keep,
    'graphql.parent.name': keep,
    // Not: graphql.source (aliases and names of the client's), graphql.operation.name (the
    // client's free text), graphql.field.path (aliases), graphql.variables.*.
  },
  '@opentelemetry/instrumentation-knex': {
    'db.system.name': keep,
    'db.namespace': keep,
    'db.operation.name': keep,
    'db.collection.name': keep,
    'server.address': keep,
    'server.port': keep,
    'knex.version': keep,
    'db.query.text': (value) => statementShape(String(value)),
  },
};

const SERVED_PATHS = new Set(['/', '/graphql', '/healthz', '/readyz', '/metrics']);
function servedPath(path: string): string {
  if (SERVED_PATHS.has(path)) return path;
  return path.startsWith('/graphiql-assets/') ? '/graphiql-assets/…' : '(other)';
}

let splitStatement: ((sql: string) => { statement: string }) | undefined;
/** The statement with every literal replaced by `?`, as the logs have it. */
function statementShape(sql: string): string {
  // Required here, not at the top: logger.ts loads graphql, which must load after the instrumentation.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  splitStatement ??= (require('./logger') as typeof import('./logger')).splitStatement;
  return splitStatement(sql).statement;
}

const FIXED_GRAPHQL_NAMES = new Set(['graphql.parse', 'graphql.validate', 'graphql.parseSchema', 'graphql.validateSchema']);
const SAFE_TYPE = /^[\w.$-]{1,100}$/;

function maskAttributes(scope: string, attributes: Attributes): Attributes {
  const allowed = ALLOWED[scope] ?? {};
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    const mask = Object.hasOwn(allowed, key) ? allowed[key] : undefined;
    if (!mask || value === undefined) continue;
    const masked = mask(value);
    if (masked !== undefined) out[key] = masked;
  }
  return out;
}

/** A span name made of what the masked attributes say (the instrumentations put aliases, operation names and paths in theirs). */
function spanName(scope: string, name: string, attributes: Attributes): string {
  switch (scope) {
    case '@opentelemetry/instrumentation-http': {
      const method = String(attributes['http.request.method'] ?? 'HTTP');
      return attributes['http.route'] ? `${method} ${attributes['http.route']}` : method;
    }
    case '@opentelemetry/instrumentation-express':
      // "middleware - jsonParser", "request handler - /graphql": function names and route patterns.
      return name;
    case '@opentelemetry/instrumentation-graphql':
      if (FIXED_GRAPHQL_NAMES.has(name)) return name;
      if (name.startsWith('graphql.resolve ')) return `graphql.resolve ${attributes['graphql.parent.name']}.${attributes['graphql.field.name']}`;
      return String(attributes['graphql.operation.type'] ?? 'graphql.execute');
    case '@opentelemetry/instrumentation-knex': {
      const where = [attributes['db.namespace'], attributes['db.collection.name']].filter((v) => v !== undefined).join('.');
      return [attributes['db.operation.name'], where].filter(Boolean).join(' ') || 'db';
    }
    default:
      return 'span';
  }
}

/** An exception keeps its type and stack frames; its message, and the first line of the stack that repeats it, go. */
function maskEvent(event: TimedEvent): TimedEvent | undefined {
  if (event.name !== 'exception') return undefined;
  const attributes: Attributes = {};
  const type = event.attributes?.['exception.type'];
  attributes['exception.type'] = typeof type === 'string' && SAFE_TYPE.test(type) ? type : 'Error';
  const stack = event.attributes?.['exception.stacktrace'];
  if (typeof stack === 'string') {
    attributes['exception.stacktrace'] = stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 40)
      .join('\n');
  }
  return { name: 'exception', time: event.time, attributes, droppedAttributesCount: 0 };
}

/** A copy of the span with only what may leave the process. */
export function maskSpan(span: ReadableSpan): ReadableSpan {
  const scope = span.instrumentationScope.name;
  const attributes = maskAttributes(scope, span.attributes);
  const status: SpanStatus = { code: span.status.code };
  return {
    name: spanName(scope, span.name, attributes),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    ended: span.ended,
    status,
    attributes,
    links: span.links.map((link): Link => ({ context: link.context })),
    events: span.events.map(maskEvent).filter((e): e is TimedEvent => e !== undefined),
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}
