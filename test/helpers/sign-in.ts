import { randomUUID } from 'node:crypto';
import { browse, CLIENT_ID, CLIENT_SECRET, CookieJar, newSubject, startIdentityProvider, TENANT_ID, type Account, type IdentityProviderOptions, type TestIdentityProvider } from './identity-provider';
import { freePort } from './ports';
import { startTestApp, type TestApp } from './test-app';

// The register with sign-in switched on, against an identity provider in this process: what the
// sign-in, SSO_ONLY and SCIM tests share.

export const ROLE_MAP = 'Register.Admin=ADMIN,Register.Editor=EDITOR,Register.Viewer=VIEWER';

export interface SignInApp {
  app: TestApp;
  idp: TestIdentityProvider;
  /** The register's origin, e.g. http://127.0.0.1:40123 (no trailing slash). */
  base: string;
  /** Signs `account` in with a browser (a fresh one unless `jar` is given); stops at the register's landing page. */
  signIn(account: Account, jar?: CookieJar): Promise<{ jar: CookieJar; res: Response; url: string; stopped: boolean }>;
  /** POSTs GraphQL with the jar's cookies; `csrf` sends the X-CSRF-Token a page of ours sends. */
  gql(jar: CookieJar, query: string, options?: { variables?: Record<string, unknown>; headers?: Record<string, string>; csrf?: boolean }): Promise<Response>;
  close(): Promise<void>;
}

export async function startSignInApp(env: Record<string, string> = {}, idpOptions: IdentityProviderOptions = {}): Promise<SignInApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider(`${base}/auth/callback`, idpOptions);
  const app = await startTestApp(
    // The tenant is checked as it is for an Entra ID issuer, which names it.
    { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET, OIDC_REDIRECT_URL: `${base}/auth/callback`, OIDC_ROLE_MAP: ROLE_MAP, OIDC_TENANT_ID: TENANT_ID, ...env },
    undefined,
    { port },
  ).catch(async (error) => {
    await idp.close();
    throw error;
  });
  return {
    app,
    idp,
    base,
    async signIn(account, jar = new CookieJar()) {
      idp.signInAs(account);
      const end = await browse(jar, `${base}/auth/login`, (next) => next.origin === base && next.pathname === '/');
      return { jar, ...end };
    },
    gql(jar, query, { variables, headers = {}, csrf = false } = {}) {
      return fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: jar.header(base), ...(csrf ? { 'x-csrf-token': jar.get(base, 'sr_csrf') ?? '' } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
    },
    async close() {
      await app.close();
      await idp.close();
    },
  };
}

/** A person in the directory with these app roles (undefined: no roles claim at all). */
export function person(roles: unknown, name = 'Anne de Boer'): Account {
  const sub = newSubject();
  const account: Account = { sub, oid: randomUUID(), name, preferred_username: `${sub.slice(0, 8)}@corporatie.example`, email: `${sub.slice(0, 8)}@corporatie.example`, roles };
  if (roles === undefined) delete account.roles;
  return account;
}
