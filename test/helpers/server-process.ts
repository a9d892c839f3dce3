import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { TokenAccess, UserRole } from '../../src/modules/access/access.enums';
import { AccessService } from '../../src/modules/access/access.service';

// The real server as `npm start` runs it (dist/src/main.js), in a child process, for tests of
// what only a process shows: signals, exit codes, the log on stdout.

export const DIST = join(__dirname, '..', '..');

export interface ServerProcess {
  proc: ChildProcess;
  url: string;
  /** Every stdout line, parsed as JSON; a line that is not JSON is kept as `{ notJson: line }`. */
  logs: Record<string, any>[];
  stderr: string[];
  exited: Promise<number | null>;
}

/**
 * Starts `node dist/src/main.js` with `env` in an empty working directory (no .env) and waits
 * until it logs that it listens (LOG_LEVEL info or lower).
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const cwd = mkdtempSync(join(tmpdir(), 'register-process-'));
  const proc = spawn(process.execPath, [join(DIST, 'src', 'main.js')], {
    cwd,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, any>[] = [];
  const stderr: string[] = [];
  createInterface({ input: proc.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(code);
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`server did not start: ${stderr.join('\n')}`));
    }, 30_000);
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      let entry: Record<string, any>;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = { notJson: line };
      }
      logs.push(entry);
      if (entry.url) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr.join('\n')}`)));
  });
  return { proc, url, logs, stderr, exited };
}

/** Makes the database (migrated) with an administrator and returns a read-write token for it. */
export async function createProcessToken(databaseUrl: string): Promise<string> {
  const orm = await openDatabase(parseDatabaseUrl(databaseUrl));
  try {
    const em = orm.em.fork();
    const access = new AccessService();
    const admin = await access.createUser(em, { name: 'Process test', email: `process-${Date.now()}@test.example`, role: UserRole.ADMIN });
    const { secret } = access.createToken(em, admin, { name: 'process test', access: TokenAccess.READ_WRITE });
    await em.flush();
    return secret;
  } finally {
    await orm.close(true);
  }
}
