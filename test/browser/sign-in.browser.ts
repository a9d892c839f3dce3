import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { UserSession } from '../../src/modules/access/user-session.entity';
import { User } from '../../src/modules/access/user.entity';
import { person, startSignInApp } from '../helpers/sign-in';

// npm run test:browser (after graphiql.browser) — the whole sign-in in headless Debian Chromium
// against an identity provider in this process (oidc-provider with its sign-in page, issuing
// Entra ID-shaped tokens: tid, oid, roles, groups): open GraphiQL, get sent to sign in, sign in
// at the provider's page, land in GraphiQL with the schema loaded and run a query, sign out here
// and at the provider. SCREENSHOT_DIR=<dir> keeps a picture of each step.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR;

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function shot(page: Page, name: string): Promise<void> {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: apt-get install chromium (or set CHROMIUM_PATH)`);
  const bench = await startSignInApp({}, { loginPages: true });
  const { base, idp, app } = bench;
  const account = { ...person(['Register.Editor'], 'Anne de Boer'), groups: ['5e1b7c2a-0c1d-4a8e-9d55-2f0b9e7c1a01'] };
  idp.accounts.set(account.sub, account);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(base) && !url.startsWith(idp.issuer) && !url.startsWith('data:')) foreign.push(url);
    });
    page.on('pageerror', (err) => pageErrors.push(err.message));

    // 1. GraphiQL, not signed in: sent to the provider's sign-in page.
    await page.goto(`${base}/`, { waitUntil: 'load' });
    check(page.url().startsWith(`${idp.issuer}/interaction/`), `expected the provider's sign-in page, got ${page.url()}`);
    await page.waitForSelector('#login');
    await shot(page, '1-provider-sign-in');

    // 2. Sign in there: back in GraphiQL, with the session cookie.
    await page.fill('#login', account.email!);
    await page.fill('#password', 'correct horse battery staple');
    await Promise.all([page.waitForURL(`${base}/`, { timeout: 30_000 }), page.click('#submit')]);
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'sr_session');
    check(session?.httpOnly && session.sameSite === 'Lax', `session cookie: ${JSON.stringify(session)}`);
    check(cookies.find((c) => c.name === 'sr_csrf')?.sameSite === 'Strict', 'the CSRF cookie is SameSite=Strict');

    // 3. The schema is loaded (the docs explorer lists the root types) and a query runs in the page.
    await page.waitForSelector('.graphiql-execute-button', { timeout: 30_000 });
    await page.click('[aria-label="Show Documentation Explorer"]');
    await page.waitForFunction(`(document.querySelector('.graphiql-doc-explorer')?.textContent ?? '').includes('Mutation')`, undefined, { timeout: 30_000 });
    await page.click('.graphiql-execute-button');
    await page.waitForFunction(`(document.querySelector('.graphiql-response')?.textContent ?? '').includes('totalCount')`, undefined, { timeout: 30_000 });
    const response = (await page.textContent('.graphiql-response')) ?? '';
    check(!/"errors"/.test(response), `the query returned errors: ${response.slice(0, 500)}`);
    // The page itself signs in with the cookie: who is this, and may they write?
    const me = await page.evaluate(async () => {
      const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ me { user { name role } canWrite } }' }) });
      return res.json();
    });
    check(JSON.stringify(me) === JSON.stringify({ data: { me: { user: { name: 'Anne de Boer', role: 'EDITOR' }, canWrite: true } } }), `me: ${JSON.stringify(me)}`);
    check(await page.isVisible('#sign-out button'), 'GraphiQL shows the Sign out button');
    await shot(page, '2-graphiql-signed-in');

    // 4. Sign out: the session ends here, the provider asks to confirm, and the browser lands on our signed-out page.
    await page.click('#sign-out button');
    await page.waitForURL((url) => url.href.startsWith(idp.issuer), { timeout: 30_000 });
    await shot(page, '3-provider-sign-out');
    await Promise.all([page.waitForURL(`${base}/auth/signed-out`, { timeout: 30_000 }), page.click('button[name="logout"][value="yes"]')]);
    check(((await page.textContent('h1')) ?? '').includes('Signed out'), 'the signed-out page');
    await shot(page, '4-signed-out');
    check(!(await context.cookies(base)).some((c) => c.name === 'sr_session'), 'the session cookie is gone');
    const user = await app.orm.em.fork().findOneOrFail(User, { oidcSubject: account.sub });
    check((await app.orm.em.fork().count(UserSession, { user: user.id, endedAt: null })) === 0, 'the session was ended in the register');
    check(user.directoryId === account.oid && user.role === 'EDITOR', `the user from the Entra-shaped token: ${JSON.stringify(user)}`);
    // Signed out at the provider too: opening GraphiQL asks to sign in there again.
    await page.click('#sign-in');
    await page.waitForSelector('#login', { timeout: 30_000 });
    check(page.url().startsWith(`${idp.issuer}/interaction/`), `signed out at the provider: ${page.url()}`);

    check(!pageErrors.length, `errors in the page: ${pageErrors.join('; ')}`);
    check(!foreign.length, `the pages requested other hosts: ${foreign.join(', ')}`);
    console.log(`Sign-in OK: GraphiQL sent the browser to the provider, ${account.name} signed in there, GraphiQL loaded the schema and ran a query as EDITOR, and signing out ended the session here and at the provider.`);
    console.log('1 passed, 0 failed');
  } finally {
    await browser.close();
    await bench.close();
  }
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
