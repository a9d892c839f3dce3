import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { MikroORM } from '@mikro-orm/core';
import { ConfigError, loadConfig, loadEnvFile } from '../src/config';
import { openDatabase } from '../src/database';
import { TokenAccess, UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';

// npm run admin:create -- --name "M. de Vries" --email secretaris@example.nl
// Creates an administrator in the configured database with a read-write API token and
// prints the token once: the way in to a new register. More users and tokens are then made
// through the API (createUser, createApiToken).
async function main(): Promise<void> {
  loadEnvFile();
  const { values } = parseArgs({ options: { name: { type: 'string' }, email: { type: 'string' } } });
  if (!values.name?.trim() || !values.email?.includes('@')) {
    throw new ConfigError('usage: npm run admin:create -- --name "Full Name" --email name@example.org');
  }
  const config = loadConfig(process.env);
  let orm: MikroORM | undefined;
  try {
    orm = await openDatabase(config.database, {}, (message) => console.log(message));
    const secret = await orm.em.fork().transactional(async (em) => {
      const access = new AccessService();
      const user = await access.createUser(em, { name: values.name!, email: values.email!, role: UserRole.ADMIN });
      return access.createToken(em, user, { name: 'Created by admin:create', access: TokenAccess.READ_WRITE }).secret;
    });
    console.log(`Administrator ${values.name} <${values.email!.trim().toLowerCase()}> created.`);
    console.log(`API token (shown once; send it as "Authorization: Bearer <token>"):\n${secret}`);
  } finally {
    await orm?.close();
  }
}

main().catch((error) => {
  const message = error instanceof ConfigError ? `Error: ${error.message}` : (error as { message?: string }).message ?? String(error);
  console.error(message);
  process.exit(1);
});
