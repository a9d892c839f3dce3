import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { parseDatabaseUrl } from '../../src/config';
import { initOrm } from '../../src/mikro-orm.config';
import { createProcessToken, DIST, startServerProcess } from '../helpers/server-process';

const run = promisify(execFile);

/** `npm run backup -- <file>` without the build step: its exit code, stdout and stderr. */
async function backup(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(DIST, 'scripts', 'backup.js'), ...args], {
      cwd: tmpdir(),
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// SQLite only, whatever TEST_DATABASE says: PostgreSQL backups are pg_dump's job.
describe('npm run backup: an online copy of the SQLite database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'register-backup-'));
  const live = join(dir, 'register.sqlite');
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('copies the database of a running server, while it writes, into a file that opens with all the data and passes integrity_check', async () => {
    const token = await createProcessToken(`sqlite:${live}`);
    const server = await startServerProcess({ NODE_ENV: 'production', LOG_LEVEL: 'info', DATABASE_URL: `sqlite:${live}` });
    try {
      const gql = async (query: string, variables?: unknown) =>
        (await (await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) })).json()) as any;
      const categoryId = (await gql('{ stakeholderCategories { id } }')).data.stakeholderCategories[0].id;
      const create = (name: string) => gql(`mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`, { input: { name, categoryId } });
      const before = ['Huurdersvereniging De Brug', 'Gemeente Rivierstad', 'Zorggroep Oost'];
      for (const name of before) expect((await create(name)).errors).to.equal(undefined);

      // Writes go on during the backup; the copy is one consistent snapshot.
      const writing = Promise.all(Array.from({ length: 10 }, (_, i) => create(`Tijdens backup ${i}`)));
      const result = await backup(`sqlite:${live}`, join(dir, 'copy.sqlite'));
      expect(result, result.stderr).to.include({ code: 0 });
      expect(result.stdout).to.match(/Backed up .*register\.sqlite to .*copy\.sqlite/);
      for (const r of await writing) expect(r.errors).to.equal(undefined);
    } finally {
      server.proc.kill('SIGTERM');
      await server.exited;
    }

    const copy = await initOrm(parseDatabaseUrl(`sqlite:${join(dir, 'copy.sqlite')}`));
    try {
      const conn = copy.em.getConnection();
      expect(await conn.execute('pragma integrity_check')).to.deep.equal([{ integrity_check: 'ok' }]);
      const names = (await conn.execute('select name from stakeholder')).map((r: { name: string }) => r.name);
      expect(names).to.include.members(['Huurdersvereniging De Brug', 'Gemeente Rivierstad', 'Zorggroep Oost']);
      expect(Number((await conn.execute('select count(*) as n from stakeholder_category'))[0].n)).to.be.greaterThan(5);
      const migrations = await conn.execute('select count(*) as n from mikro_orm_migrations');
      expect(Number(migrations[0].n)).to.be.greaterThan(0);
    } finally {
      await copy.close(true);
    }
  });

  it('never overwrites a file, needs a file name and an existing database', async () => {
    const existing = join(dir, 'existing.sqlite');
    writeFileSync(existing, 'keep me');
    expect(await backup(`sqlite:${live}`, existing)).to.deep.include({ code: 1, stderr: `${existing} exists already; a backup never overwrites a file.\n` });
    expect(await backup(`sqlite:${live}`)).to.deep.include({ code: 1, stderr: 'Usage: npm run backup -- <file>\n' });
    const missing = await backup(`sqlite:${join(dir, 'nothing-here.sqlite')}`, join(dir, 'x.sqlite'));
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/There is no SQLite database at .*nothing-here\.sqlite/);
  });

  it('refuses on PostgreSQL and points to pg_dump', async () => {
    const result = await backup('postgres://postgres@127.0.0.1:5432/register', join(dir, 'pg.sqlite'));
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/pg_dump/).and.to.match(/pg_restore/);
  });
});
