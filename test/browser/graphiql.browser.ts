import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ensureDefaultCategories } from '../../seeds/categories.seeder';
import { DEMO_ORGANISATION_NAME, seedDemo } from '../../seeds/demo.seeder';
import { loadConfig, parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { createAppServer } from '../../src/server';

// npm run test:browser — opens GraphiQL in headless Debian Chromium (no CDN, no internet),
// runs the first example operation and checks that demo data comes back.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM_PATH)`);
  const db = parseDatabaseUrl('sqlite::memory:');
  const orm = await openDatabase(db);
  await ensureDefaultCategories(orm.em.fork());
  await seedDemo(orm.em.fork());
  const server = await createAppServer({ ...loadConfig({ NODE_ENV: 'test' }, { demo: true }), database: db }, orm);
  const url = await server.listen(0, '127.0.0.1');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const foreign: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(url) && !req.url().startsWith('data:')) foreign.push(req.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(`(document.querySelector('.graphiql-response')?.textContent ?? '').includes('totalCount')`, undefined, {
      timeout: 30_000,
    });
    const response = (await page.textContent('.graphiql-response')) ?? '';
    if (!/"totalCount":\s*\d+/.test(response) || !response.includes('"edges"')) throw new Error(`unexpected response: ${response.slice(0, 500)}`);
    if (/"errors"/.test(response)) throw new Error(`the query returned errors: ${response.slice(0, 500)}`);
    const tabs = await page.locator('.graphiql-tab').count();
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
    if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('; ')}`);
    if (foreign.length) throw new Error(`GraphiQL requested other hosts: ${foreign.join(', ')}`);
    console.log(`GraphiQL OK: loaded offline from ${url}, ${tabs} example tabs, ran the first one and got ${DEMO_ORGANISATION_NAME}'s register.`);
    console.log('1 passed, 0 failed');
  } finally {
    await browser.close();
    await server.close();
    await orm.close(true);
  }
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
