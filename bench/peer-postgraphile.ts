import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makePgService } from 'postgraphile/adaptors/pg';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

// PostGraphile 5 on the bench's PostgreSQL database, as the peer of our API in bench:peer.
// Runs on Node 24 (PostGraphile 5 needs 22+); started by bench/peer.ts with DATABASE_URL and
// prints {"url": …} once it listens. Configured as for production: no GraphiQL, no watch
// mode, no explain; a pool of 10 connections, as our API's DATABASE_POOL_MAX default.

async function main(): Promise<void> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('DATABASE_URL is required');
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset],
    // PostGraphile leaves out relations and filters on columns without an index; the bench
    // compares the same database before and after our index migration, so expose them all.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    pgServices: [makePgService({ connectionString, schemas: ['public'], poolConfig: { max: 10 } })],
    grafserv: { graphiql: false, graphiqlOnGraphQLGET: false, watch: false, graphqlPath: '/graphql' },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.on('error', (error) => {
    console.error(error);
    process.exit(1);
  });
  await serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
  const stop = () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
