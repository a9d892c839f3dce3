import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample, withSettingsTable } from '../src/settings-docs';

// npm run settings:docs — writes .env.example and the README's settings table from the settings'
// schema in src/config.ts. With --check it writes nothing and fails when either is out of date.
const root = join(__dirname, '..', '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const [file, render] of [
  ['.env.example', () => renderEnvExample()],
  ['README.md', (current: string) => withSettingsTable(current)],
] as const) {
  const path = join(root, file);
  const current = readFileSync(path, 'utf8');
  const wanted = render(current);
  if (current === wanted) {
    console.log(`${file} is up to date`);
  } else if (check) {
    console.error(`${file} differs from src/config.ts: run npm run settings:docs`);
    stale++;
  } else {
    writeFileSync(path, wanted);
    console.log(`wrote ${file}`);
  }
}
process.exitCode = stale ? 1 : 0;
