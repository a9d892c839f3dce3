import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureDefaultCategories } from '../../seeds/categories.seeder';
import { DEMO_ORGANISATION_NAME, seedDemo } from '../../seeds/demo.seeder';
import { ensureExampleOperations } from '../../seeds/saved-operations.seeder';
import { DEMO_TOKENS } from '../../src/modules/access/demo-tokens';
import { loadConfig, parseDatabaseUrl } from '../../src/config';
import { openDatabase } from '../../src/database';
import { exampleTabs } from '../../src/graphiql/graphiql.router';
import { TokenAccess, UserRole } from '../../src/modules/access/access.enums';
import { AccessService } from '../../src/modules/access/access.service';
import { createAppServer, type AppServer } from '../../src/server';
import { clock } from '../../src/shared/clock';

// npm run test:browser — opens GraphiQL in headless Debian Chromium (no CDN, no internet) at
// 1440 × 900, first in the demo, then in a real register (not the demo) where the token is typed
// once into the sign-in box. In each: the docs pane shows the schema, the result pane opens
// without an error, every tab can be reached on screen and runs without an error, and no
// request fails. A screenshot of every step goes to test-output/ (ignored by git).
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OUT = process.env.SCREENSHOT_DIR || 'test-output';
const WIDTH = 1440;
/** What GraphiQL shows when something failed: a GraphQL error, a failed fetch, a schema that did not load. */
const PANE_ERROR = /"errors"\s*:|Error fetching schema|Failed to fetch|Introspection failed|Unexpected token|NetworkError/i;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

interface Watch {
  foreign: string[];
  failed: string[];
  pageErrors: string[];
}

function watch(page: Page, base: string): Watch {
  const w: Watch = { foreign: [], failed: [], pageErrors: [] };
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) w.foreign.push(req.url());
  });
  page.on('requestfailed', (req) => w.failed.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    if (res.status() >= 400) w.failed.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
  });
  page.on('pageerror', (err) => w.pageErrors.push(err.message));
  return w;
}

function assertClean(w: Watch, where: string): void {
  check(!w.pageErrors.length, `${where}: errors in the page: ${w.pageErrors.join('; ')}`);
  check(!w.failed.length, `${where}: failed requests: ${w.failed.join('; ')}`);
  check(!w.foreign.length, `${where}: GraphiQL requested other hosts: ${w.foreign.join(', ')}`);
}

async function shot(page: Page, name: string): Promise<string> {
  const path = join(OUT, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** The docs pane lists the schema's root types (not "Error fetching schema"). */
async function checkDocs(page: Page, label: string): Promise<void> {
  await page.click('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]');
  await page.waitForFunction(
    `(document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('stakeholders')
     || (document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('Query')`,
    undefined,
    { timeout: 30_000 },
  );
  const docs = (await page.textContent('.graphiql-doc-explorer')) ?? '';
  check(!PANE_ERROR.test(docs), `${label}: the docs pane shows an error: ${docs.slice(0, 300)}`);
  check(docs.includes('Query'), `${label}: the docs pane is empty: ${docs.slice(0, 300)}`);
  await shot(page, `${label}-00-docs`);
  await page.click('.graphiql-sidebar button[aria-label="Hide Documentation Explorer"]');
}

/** The tabs GraphiQL should show: the caller's saved operations, then the example mutation. */
async function expectedTabs(url: string, token: string): Promise<{ name: string; title: string }[]> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ savedOperations { title document } }' }),
  });
  const saved = ((await res.json()) as { data: { savedOperations: { title: string; document: string }[] } }).data.savedOperations;
  check(saved.length > 10, `${url}: only ${saved.length} saved operations`);
  const mutations = exampleTabs(clock.today()).filter((t) => /^\s*mutation\b/.test(t.query));
  return [...saved.map((o) => ({ title: o.title, name: /(?:query|mutation)\s+(\w+)/.exec(o.document)![1] })), ...mutations];
}

/** Every tab is on screen at 1440 px, has its plain title, and runs without an error. */
async function runEveryTab(page: Page, label: string, expected: { name: string; title: string }[]): Promise<number> {
  await page.waitForFunction(`document.querySelectorAll('.graphiql-tab').length >= ${expected.length}`, undefined, { timeout: 30_000 });
  const response = (await page.textContent('.graphiql-response')) ?? '';
  check(!PANE_ERROR.test(response), `${label}: the result pane opens with an error: ${response.slice(0, 300)}`);
  await shot(page, `${label}-01-on-open`);
  const buttons = page.locator('.graphiql-tab .graphiql-tab-button');
  const count = await buttons.count();
  check(count === expected.length, `${label}: ${count} tabs, expected ${expected.length}`);
  for (let i = 0; i < count; i++) {
    const button = buttons.nth(i);
    const title = ((await button.textContent()) ?? '').trim();
    check(title === expected[i].title, `${label}: tab ${i + 1} is titled "${title}", expected "${expected[i].title}"`);
    const box = await button.boundingBox();
    check(box && box.x >= 0 && box.x + box.width <= WIDTH && box.y >= 0 && box.y < 200, `${label}: tab "${title}" is off screen: ${JSON.stringify(box)}`);
    await button.click();
    await page.waitForFunction(`(document.querySelector('.graphiql-query-editor')?.textContent ?? '').includes(${JSON.stringify(expected[i].name)})`);
    // GraphiQL reads the operation name from the editor shortly after a tab switch (a person is slower).
    await page.waitForTimeout(400);
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(
      `(() => { const t = document.querySelector('.graphiql-response')?.textContent ?? ''; return t.includes('"data"') || t.includes('"errors"') || ${PANE_ERROR}.test(t); })()`,
      undefined,
      { timeout: 30_000 },
    );
    const result = (await page.textContent('.graphiql-response')) ?? '';
    await shot(page, `${label}-${String(i + 2).padStart(2, '0')}-${expected[i].name}`);
    check(!PANE_ERROR.test(result), `${label}: tab "${title}" answered with an error: ${result.slice(0, 500)}`);
    check(/"data"/.test(result), `${label}: tab "${title}" gave no data: ${result.slice(0, 300)}`);
  }
  return count;
}

async function demo(browser: Browser): Promise<string> {
  const db = parseDatabaseUrl('sqlite::memory:');
  const orm = await openDatabase(db);
  await ensureDefaultCategories(orm.em.fork());
  await seedDemo(orm.em.fork());
  const server = await createAppServer({ ...loadConfig({ NODE_ENV: 'test' }, { demo: true }), database: db }, orm);
  const url = await server.listen(0, '127.0.0.1');
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: 900 } });
    const w = watch(page, url);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await checkDocs(page, 'demo');
    const tabs = await runEveryTab(page, 'demo', await expectedTabs(url, DEMO_TOKENS.secretary));
    await page.locator('.graphiql-tab .graphiql-tab-button', { hasText: /^Register$/ }).click();
    await page.waitForTimeout(300);
    const response = (await page.textContent('.graphiql-response')) ?? '';
    check(/"totalCount":\s*[1-9]/.test(response), `demo: the register tab shows no stakeholders: ${response.slice(0, 300)}`);
    assertClean(w, 'demo');
    return `demo: ${tabs} tabs ran without an error (${DEMO_ORGANISATION_NAME}), docs pane filled`;
  } finally {
    await server.close();
    await orm.close(true);
  }
}

async function realRegister(browser: Browser): Promise<string> {
  const db = parseDatabaseUrl('sqlite::memory:');
  const orm: MikroORM = await openDatabase(db);
  let server: AppServer | undefined;
  try {
    // As main.ts does for every register.
    await ensureDefaultCategories(orm.em.fork());
    await ensureExampleOperations(orm.em.fork());
    const secret = await orm.em.fork().transactional(async (em) => {
      const access = new AccessService();
      const user = await access.createUser(em, { name: 'M. Jansen', email: 'secretaris@example.nl', role: UserRole.ADMIN });
      return access.createToken(em, user, { name: 'browser test', access: TokenAccess.READ_WRITE }).secret;
    });
    server = await createAppServer({ ...loadConfig({ NODE_ENV: 'test' }), database: db }, orm);
    const url = await server.listen(0, '127.0.0.1');
    const context = await browser.newContext({ viewport: { width: WIDTH, height: 900 } });
    // A mistyped token is refused in the bar; GraphiQL does not open on it.
    const wrong = await context.newPage();
    await wrong.goto(url, { waitUntil: 'load' });
    await wrong.fill('#token-input', 'sr_mistyped');
    await wrong.click('#token-submit');
    await wrong.waitForFunction(`(document.getElementById('token-status')?.textContent ?? '').includes('werkt niet')`);
    check((await wrong.locator('.graphiql-response').count()) === 0, 'real: GraphiQL opened on a wrong token');
    await shot(wrong, 'real-00-wrong-token');
    await wrong.close();
    const page = await context.newPage();
    const w = watch(page, url);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('#token-input');
    check((await page.locator('.graphiql-response').count()) === 0, 'real: GraphiQL opened before a token was given');
    await shot(page, 'real-00-sign-in');
    // The token, typed once, with "remember on this device".
    await page.fill('#token-input', secret);
    await page.check('#token-remember');
    await page.click('#token-submit');
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await checkDocs(page, 'real');
    const tabs = await runEveryTab(page, 'real', await expectedTabs(url, secret));
    // A reload keeps the remembered token: GraphiQL opens at once with the schema.
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await checkDocs(page, 'real-reloaded');
    // Forgetting it asks again; a token not remembered does not survive a reload.
    await page.click('#token-forget');
    await page.waitForSelector('#token-input:visible');
    await page.fill('#token-input', secret);
    await page.click('#token-submit');
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#token-input:visible');
    check((await page.locator('.graphiql-response').count()) === 0, 'real: a token not remembered survived a reload');
    assertClean(w, 'real');
    return `real register: token typed once, ${tabs} tabs ran without an error, remembered over a reload only when asked`;
  } finally {
    await server?.close();
    await orm.close(true);
  }
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM_PATH)`);
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  try {
    console.log(`GraphiQL OK, ${await demo(browser)}`);
    console.log(`GraphiQL OK, ${await realRegister(browser)}`);
    console.log(`Screenshots in ${OUT}/`);
    console.log('2 passed, 0 failed');
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
