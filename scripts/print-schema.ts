import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from '../src/schema-printer';

// npm run schema:print — writes schema/schema.graphql from the code (the dashboards' contract).
(async () => {
  const path = join(__dirname, '..', '..', 'schema', 'schema.graphql');
  writeFileSync(path, await printAppSchema());
  console.log(`wrote ${path}`);
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
