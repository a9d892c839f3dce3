import 'reflect-metadata';
import { initOrm } from '../src/mikro-orm.config';
import { parseDatabaseUrl } from '../src/config';
(async () => {
  const orm = await initOrm(parseDatabaseUrl(process.argv[2] ?? 'sqlite::memory:'));
  console.log(await orm.schema.getCreateSchemaSQL());
  await orm.close();
})();
