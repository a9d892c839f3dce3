import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { testDatabaseKind } from '../helpers/database';

describe('SQLite connection settings', function () {
  before(function () {
    if (testDatabaseKind() !== 'sqlite') this.skip();
  });

  it('a new database file is created and migrated, with WAL, a busy timeout and foreign keys on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'register-sqlite-'));
    const orm = await openDatabase(parseDatabaseUrl(`sqlite:${join(dir, 'nested', 'register.sqlite')}`, 4321));
    try {
      const conn = orm.em.getConnection();
      expect((await conn.execute('pragma journal_mode'))[0].journal_mode).to.equal('wal');
      expect(Object.values((await conn.execute('pragma busy_timeout'))[0])[0]).to.equal(4321);
      expect((await conn.execute('pragma foreign_keys'))[0].foreign_keys).to.equal(1);
      const tables = await conn.execute(`select name from sqlite_master where type = 'table' and name = 'stakeholder'`);
      expect(tables).to.have.length(1);
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
