// A test app with tracing into an InMemorySpanExporter, in a child process of its own: the
// instrumentations patch http, express, graphql and knex as they load, and in the mocha
// process they were loaded long before. Started by startTracedApp below (fork with IPC); it
// answers `spans` with every span exported so far, as JSON, and `close` by closing the app.
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { fork, type ChildProcess } from 'node:child_process';
import { startTracing } from '../../src/tracing';
import type { TestTokens } from './test-app';

/** What the test gets of each exported span: everything an exporter would send, as plain JSON. */
export interface ExportedSpan {
  name: string;
  kind: number;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
  events: { name: string; attributes?: Record<string, unknown> }[];
  status: { code: number; message?: string };
  links: unknown[];
  resource: Record<string, unknown>;
}

type Request = { type: 'spans' } | { type: 'execute'; sql: string } | { type: 'close' };
type Reply =
  | { type: 'ready'; url: string; tokens: TestTokens; databaseKind: string }
  | { type: 'spans'; spans: ExportedSpan[] }
  | { type: 'executed' }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

export interface TracedApp {
  url: string;
  tokens: TestTokens;
  databaseKind: string;
  spans(): Promise<ExportedSpan[]>;
  /** Runs SQL on the app's database (to set up a fault). */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts this file as a child process with `env` for the app and waits until it serves. */
export async function startTracedApp(env: Record<string, string> = {}): Promise<TracedApp> {
  const child: ChildProcess = fork(__filename, [], {
    env: { ...process.env, TRACED_APP_ENV: JSON.stringify(env) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends Reply['type']>(type: T) =>
    new Promise<Extract<Reply, { type: T }>>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (reply.type === 'failed') reject(new Error(`traced app: ${reply.error}`));
        else if (reply.type === type) resolve(reply as Extract<Reply, { type: T }>);
        else return;
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onExit = (code: number | null) => reject(new Error(`traced app exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ask = (request: Request) => child.send(request);
  const ready = await next('ready');
  return {
    url: ready.url,
    tokens: ready.tokens,
    databaseKind: ready.databaseKind,
    async execute(sql) {
      const reply = next('executed');
      ask({ type: 'execute', sql });
      await reply;
    },
    async spans() {
      const reply = next('spans');
      ask({ type: 'spans' });
      return (await reply).spans;
    },
    async close() {
      const closed = next('closed');
      ask({ type: 'close' });
      await closed;
      await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    },
  };
}

async function serve(): Promise<void> {
  const exporter = new InMemorySpanExporter();
  // Before anything requires http, express, graphql or knex: the test app is required below.
  const tracing = startTracing({ serviceName: 'register-tracing-test', exporter, simple: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTestApp } = require('./test-app') as typeof import('./test-app');
  const app = await startTestApp(JSON.parse(process.env.TRACED_APP_ENV ?? '{}'));
  const send = (reply: Reply) => process.send!(reply);
  process.on('message', (request: Request) => {
    if (request.type === 'spans') {
      send({
        type: 'spans',
        spans: exporter.getFinishedSpans().map((span) => ({
          name: span.name,
          kind: span.kind,
          scope: span.instrumentationScope.name,
          traceId: span.spanContext().traceId,
          spanId: span.spanContext().spanId,
          parentSpanId: span.parentSpanContext?.spanId,
          attributes: { ...span.attributes },
          events: span.events.map((e) => ({ name: e.name, attributes: { ...e.attributes } })),
          status: { ...span.status },
          links: span.links,
          resource: { ...span.resource.attributes },
        })),
      });
    } else if (request.type === 'execute') {
      app.orm.em
        .getConnection()
        .execute(request.sql)
        .then(() => send({ type: 'executed' }), (error: Error) => send({ type: 'failed', error: error.message }));
    } else if (request.type === 'close') {
      void app
        .close()
        .then(() => tracing.shutdown())
        .then(() => send({ type: 'closed' }))
        .then(() => process.disconnect());
    }
  });
  send({ type: 'ready', url: app.url, tokens: app.tokens, databaseKind: app.config.database.kind });
}

if (require.main === module) {
  serve().catch((error: Error) => {
    process.send?.({ type: 'failed', error: String(error.stack ?? error) });
    process.exit(1);
  });
}
