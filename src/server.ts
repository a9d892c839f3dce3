import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { AppConfig } from './config';
import { RequestContext } from './context';
import { authenticate } from './modules/access/access.service';
import { DEMO_TOKENS } from './modules/access/demo-tokens';
import { graphiqlRouter } from './graphiql/graphiql.router';
import { buildAppSchema } from './schema';
import { formatError } from './shared/errors';

export const GRAPHQL_ENDPOINTS = ['/', '/graphql'];

export interface AppServer {
  httpServer: Server;
  url: string;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Builds the HTTP app: GraphiQL for browsers and the GraphQL endpoint, at `/` and `/graphql`. */
export async function createAppServer(config: AppConfig, orm: MikroORM, log: (err: unknown) => void = console.error): Promise<AppServer> {
  const schema = await buildAppSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, log),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  if (config.graphiql) app.use(graphiqlRouter(GRAPHQL_ENDPOINTS, config.demo ? DEMO_TOKENS.secretary : null));
  app.use(
    GRAPHQL_ENDPOINTS,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      // No token, no GraphQL: UNAUTHENTICATED (HTTP 401) before any resolver runs.
      context: async ({ req }) => new RequestContext(orm, config, await authenticate(orm.em.fork(), req.headers.authorization)),
    }),
  );
  // Malformed JSON and the like: a JSON error, never Express's HTML page with a stack trace.
  app.use((err: { status?: number; type?: string; message?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log(err);
    res.status(status).json({
      errors: [{ message: status === 500 ? 'Internal server error' : `Bad request: ${err.type ?? 'invalid body'}`, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }],
    });
  });

  const server: AppServer = {
    httpServer,
    url: '',
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '127.0.0.1' || host === '::' ? 'localhost' : host;
          server.url = `http://${shownHost}:${address.port}/`;
          resolve(server.url);
        });
      });
    },
    async close() {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
  return server;
}
