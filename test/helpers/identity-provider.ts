import { createSign, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// An identity provider in the test's own process: oidc-provider (a certified OpenID Provider),
// issuing Entra ID-shaped ID tokens (`tid`, `oid`, `roles`), signed with a key the test knows.
// It is reached through a proxy of ours on the issuer's address, so that a test can play a
// hostile or broken provider: `tamper` rewrites the ID token in the token endpoint's answer (and
// signs it again with the real key, so that only the claim it changes is at fault).
// With `loginPages`, the provider shows a sign-in form (as Entra ID does) that a browser fills in;
// without, whoever the test named with signInAs is signed in at once.

export const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const CLIENT_ID = 'stakeholder-register';
export const CLIENT_SECRET = 'register-test-secret';

export interface Account {
  sub: string;
  oid: string;
  name: string;
  email?: string;
  preferred_username?: string;
  roles?: unknown;
  /** Entra ID's group object ids (sent when the app registration's token configuration adds them). */
  groups?: unknown;
  /** The directory (tenant) id; TENANT_ID unless given. */
  tid?: string;
}

export interface IdentityProviderOptions {
  /** Show a sign-in page at the interaction (a form with the person's e-mail address) instead of signing signInAs's account in at once. */
  loginPages?: boolean;
}

export type JwtParts = { header: Record<string, unknown>; payload: Record<string, unknown> };

export interface TestIdentityProvider {
  issuer: string;
  /** Who signs in at the next interaction. */
  signInAs(account: Account): void;
  /** Accounts by subject; change one to change what the directory says. */
  accounts: Map<string, Account>;
  /** Rewrites the next ID tokens; null leaves them as issued. */
  tamper: ((parts: JwtParts) => JwtParts | 'unsigned') | null;
  close(): Promise<void>;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientId: string, problem = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in · Test directory</title>
<style>body{font:15px sans-serif;max-width:26em;margin:4em auto}label,input,button{display:block;margin:.4em 0}input{width:100%;padding:.4em}</style></head>
<body><h1>Sign in</h1><p>to <b>${escapeHtml(clientId)}</b> with your work account (test directory ${TENANT_ID})</p>
${problem ? `<p id="problem" style="color:#b00">${escapeHtml(problem)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">E-mail address</label><input id="login" name="login" type="email" autofocus required>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button id="submit" type="submit">Sign in</button></form></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startIdentityProvider(redirectUrl: string, options: IdentityProviderOptions = {}): Promise<TestIdentityProvider> {
  const { default: Provider } = (await import('oidc-provider')) as { default: any };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'test-key', alg: 'RS256', use: 'sig' };

  const accounts = new Map<string, Account>();
  let next: Account | null = null;

  // The public face first: its port is the issuer's.
  const proxy = createServer();
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const signedOut = new URL('/auth/signed-out', redirectUrl).href;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [redirectUrl],
        post_logout_redirect_uris: [signedOut],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [jwk] },
    // Entra ID puts the tenant, the object id and the app roles in the ID token itself.
    claims: { openid: ['sub', 'tid', 'oid', 'roles', 'groups'], profile: ['name', 'preferred_username'], email: ['email'] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // The provider's own confirmation page, without the web fonts oidc-provider's default loads (tests are offline).
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: { body: string }, form: string) => {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign out · Test directory</title></head><body><h1>Sign out of the test directory?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button> <button type="submit" form="op.logoutForm">No, stay signed in</button></body></html>`;
        },
      },
    },
    cookies: { keys: ['test-cookie-key'] },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => {
          const { roles, groups, tid, ...rest } = account;
          return { ...rest, tid: tid ?? TENANT_ID, ...(roles === undefined ? {} : { roles }), ...(groups === undefined ? {} : { groups }) };
        },
      };
    },
  });
  const handle = provider.callback();

  // The person signs in and consents to everything: at once as whoever the test said, or at a
  // sign-in page as the account whose e-mail address is typed in (any password).
  const finish = async (req: IncomingMessage, res: ServerResponse, details: { params: Record<string, unknown> }, account: Account) => {
    const grant = new provider.Grant({ accountId: account.sub, clientId: details.params.client_id });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: account.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
  };
  const internal: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (req.url?.startsWith('/interaction/')) {
        const details = await provider.interactionDetails(req, res);
        if (!options.loginPages) {
          if (!next) throw new Error('the test said nobody would sign in (signInAs)');
          return await finish(req, res, details, next);
        }
        if (req.method === 'POST' && req.url.endsWith('/login')) {
          const login = (await formBody(req)).get('login')?.trim().toLowerCase() ?? '';
          const account = [...accounts.values()].find((a) => a.email?.toLowerCase() === login || a.preferred_username?.toLowerCase() === login);
          if (account) return await finish(req, res, details, account);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, String(details.params.client_id), `No account ${login} in this directory.`));
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, String(details.params.client_id)));
        return;
      }
      handle(req, res);
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  const internalPort = (internal.address() as AddressInfo).port;

  const idp: TestIdentityProvider = {
    issuer,
    accounts,
    tamper: null,
    signInAs(account) {
      accounts.set(account.sub, account);
      next = account;
    },
    async close() {
      proxy.closeAllConnections();
      internal.closeAllConnections();
      await Promise.all([new Promise((r) => proxy.close(r)), new Promise((r) => internal.close(r))]);
    },
  };

  const resign = (idToken: string): string => {
    const [h, p] = idToken.split('.');
    const parts: JwtParts = { header: JSON.parse(Buffer.from(h, 'base64url').toString()), payload: JSON.parse(Buffer.from(p, 'base64url').toString()) };
    const changed = idp.tamper!(parts);
    if (changed === 'unsigned') return `${b64({ alg: 'none', typ: 'JWT' })}.${b64(parts.payload)}.`;
    const input = `${b64(changed.header)}.${b64(changed.payload)}`;
    return `${input}.${createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')}`;
  };

  proxy.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const upstream = httpRequest({ host: '127.0.0.1', port: internalPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...answer.headers };
        if (idp.tamper && req.url === '/token' && answer.statusCode === 200) {
          const json = JSON.parse(body.toString('utf8'));
          if (json.id_token) json.id_token = resign(json.id_token);
          body = Buffer.from(JSON.stringify(json));
          delete headers['content-encoding'];
          headers['content-length'] = String(body.length);
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(body);
      });
    });
    upstream.on('error', (error) => {
      res.statusCode = 502;
      res.end(String(error));
    });
    req.pipe(upstream);
  });
  return idp;
}

/** A browser's cookies, by host (as a browser keeps them: the port does not count). */
export class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();

  store(url: string, res: Response): void {
    const host = new URL(url).hostname;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    this.cookies.set(host, jar);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  header(url: string): string {
    return [...(this.cookies.get(new URL(url).hostname) ?? new Map()).entries()].map(([n, v]) => `${n}=${v}`).join('; ');
  }

  get(url: string, name: string): string | undefined {
    const value = this.cookies.get(new URL(url).hostname)?.get(name);
    return value === undefined ? undefined : decodeURIComponent(value);
  }
}

/**
 * Follows redirects as a browser does, keeping cookies, until an answer is not a redirect or
 * `stop` says so for the next URL. Returns the last answer and the URL it came from (or, when
 * stopped, the URL it would have gone to next).
 */
export async function browse(jar: CookieJar, start: string, stop?: (next: URL) => boolean): Promise<{ res: Response; url: string; stopped: boolean }> {
  let url = start;
  for (let hops = 0; hops < 20; hops++) {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url), accept: 'text/html' } });
    jar.store(url, res);
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) return { res, url, stopped: false };
    const nextUrl = new URL(location, url);
    if (stop?.(nextUrl)) return { res, url: nextUrl.href, stopped: true };
    url = nextUrl.href;
  }
  throw new Error(`more than 20 redirects from ${start}`);
}

export const newSubject = () => randomUUID().replace(/-/g, '');
