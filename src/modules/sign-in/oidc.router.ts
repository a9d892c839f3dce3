import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import express, { type Request, type Response, type Router } from 'express';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config';
import type { Logger } from '../../logger';
import { clock } from '../../shared/clock';
import { auditScope } from '../audit/audit-subscriber';
import { AuditChange, AuditRecord, ChangeAction } from '../audit/audit.entity';
import { UserRole } from '../access/access.enums';
import { hashSecret } from '../access/access.service';
import { UserSession } from '../access/user-session.entity';
import { User } from '../access/user.entity';

// OpenID Connect sign-in for people (authorization code with PKCE, openid-client). A sign-in
// ends in a server-side session (UserSession) whose secret is in an HttpOnly cookie; GraphQL
// accepts it where no Authorization header is sent (server.ts). API clients keep bearer tokens.

export const SESSION_COOKIE = 'sr_session';
/** Not HttpOnly on purpose: our page reads it and echoes it in X-CSRF-Token. */
export const CSRF_COOKIE = 'sr_csrf';
const PENDING_COOKIE = 'sr_oidc';
const PENDING_MAX_AGE_S = 600;

/** Why a sign-in was refused: the code on the page (and in the log), a sentence for the person. */
export enum SignInRefusal {
  PROVIDER_UNAVAILABLE = 'OIDC_PROVIDER_UNAVAILABLE',
  NO_PENDING_SIGN_IN = 'OIDC_NO_PENDING_SIGN_IN',
  TOKEN_REJECTED = 'OIDC_TOKEN_REJECTED',
  PROVIDER_ERROR = 'OIDC_PROVIDER_ERROR',
  NO_ROLE = 'OIDC_NO_ROLE',
  DEACTIVATED = 'OIDC_USER_DEACTIVATED',
  EMAIL_TAKEN = 'OIDC_EMAIL_TAKEN',
  WRONG_TENANT = 'OIDC_WRONG_TENANT',
  ALREADY_LINKED = 'OIDC_ALREADY_LINKED',
  SIGN_OUT_REFUSED = 'OIDC_SIGN_OUT_REFUSED',
}

/** Expired sessions deleted at each sign-in, at most: sign-ins make sessions, so the table stays bounded. */
export const EXPIRED_SESSIONS_BATCH = 100;

const ROLE_RANK: Record<UserRole, number> = { [UserRole.VIEWER]: 1, [UserRole.EDITOR]: 2, [UserRole.ADMIN]: 3 };

/** The highest register role the claim's values map to; null for none (no default role, ever). */
export function mapRoles(claim: unknown, roleMap: OidcConfig['roleMap']): UserRole | null {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  let best: UserRole | null = null;
  for (const value of values) {
    const role = typeof value === 'string' ? (roleMap.get(value) as UserRole | undefined) : undefined;
    if (role && (!best || ROLE_RANK[role] > ROLE_RANK[best])) best = role;
  }
  return best;
}

function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return cookies;
}

export function cookieOf(req: Request, name: string): string | undefined {
  return parseCookies(req.headers.cookie).get(name);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A page for the person: what happened, its code, and what to do (by default: sign in again). */
function page(res: Response, status: number, title: string, text: string, code?: string, next = '<p><a id="sign-in" href="/auth/login">Sign in again</a></p>'): void {
  res
    .status(status)
    .type('html')
    .set('Cache-Control', 'no-store')
    .send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Stakeholder Register</title></head>` +
        `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>` +
        (code ? `<p>Code: <code id="code">${escapeHtml(code)}</code></p>` : '') +
        `${next}</body></html>`,
    );
}

/** The sign-out button: a POST with the CSRF cookie's value, so that another site cannot sign anybody out. */
function signOutForm(csrf: string, label = 'Sign out'): string {
  return `<form id="sign-out" method="post" action="/auth/logout"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

// Only a path on this site: never `//evil.example` or an absolute URL (an open redirect).
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[\x21-\x7e]*$/.test(value) ? value : '/';
}

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  returnTo: string;
}

export function oidcRouter(config: OidcConfig, orm: MikroORM, logger: Logger): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const secure = config.secureCookies;
  const cookie = (name: string, value: string, maxAgeS: number, options: { httpOnly?: boolean; path?: string; sameSite?: 'Lax' | 'Strict' } = {}) =>
    [
      `${name}=${encodeURIComponent(value)}`,
      `Path=${options.path ?? '/'}`,
      `Max-Age=${maxAgeS}`,
      options.httpOnly === false ? '' : 'HttpOnly',
      `SameSite=${options.sameSite ?? 'Lax'}`,
      secure ? 'Secure' : '',
    ]
      .filter(Boolean)
      .join('; ');

  // Discovery at the first sign-in, not at start: the register starts while the provider is down.
  let discovered: Promise<oidc.Configuration> | null = null;
  const provider = () => {
    discovered ??= (async () => {
      const local = config.issuer.startsWith('http:');
      const auth = config.clientSecret ? oidc.ClientSecretBasic(config.clientSecret) : oidc.None();
      const found = await oidc.discovery(new URL(config.issuer), config.clientId, config.clientSecret ?? undefined, auth, {
        execute: local ? [oidc.allowInsecureRequests] : [],
      });
      // Check the ID token's signature against the provider's keys too, not only TLS.
      oidc.enableNonRepudiationChecks(found);
      return found;
    })().catch((error) => {
      discovered = null;
      throw error;
    });
    return discovered;
  };
  const unavailable = (res: Response, error: unknown) => {
    logger.warn({ err: error, issuer: config.issuer }, 'OpenID Connect provider unavailable');
    page(res, 502, 'Sign-in is unavailable', `The identity provider (${config.issuer}) could not be reached or answered wrongly; try again later.`, SignInRefusal.PROVIDER_UNAVAILABLE);
  };

  router.get('/auth/login', async (req, res) => {
    let found: oidc.Configuration;
    try {
      found = await provider();
    } catch (error) {
      return unavailable(res, error);
    }
    const pending: Pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), returnTo: localPath(req.query.returnTo) };
    const url = oidc.buildAuthorizationUrl(found, {
      redirect_uri: config.redirectUrl,
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    // The checks travel in a cookie only the callback reads: random values nobody else can read.
    res.set('Set-Cookie', cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), PENDING_MAX_AGE_S, { path: '/auth/callback' }));
    res.set('Cache-Control', 'no-store').redirect(303, url.href);
  });

  router.get('/auth/callback', async (req, res) => {
    // The pending checks are used once, whatever happens.
    res.append('Set-Cookie', cookie(PENDING_COOKIE, '', 0, { path: '/auth/callback' }));
    const pending = readPending(cookieOf(req, PENDING_COOKIE));
    if (!pending) {
      return page(res, 400, 'Sign-in not started here', 'This sign-in was not started from this register, or took longer than 10 minutes. Start again.', SignInRefusal.NO_PENDING_SIGN_IN);
    }
    let found: oidc.Configuration;
    try {
      found = await provider();
    } catch (error) {
      return unavailable(res, error);
    }
    let claims: oidc.IDToken;
    try {
      // The URL as the provider sent the browser to it: the registered redirect URL (also behind a proxy).
      const current = new URL(req.originalUrl, config.redirectUrl);
      const tokens = await oidc.authorizationCodeGrant(found, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      const e = error as { code?: string; error?: string; error_description?: string; message?: string; cause?: unknown };
      if (error instanceof oidc.AuthorizationResponseError || e.error) {
        logger.warn({ err: error, issuer: config.issuer }, 'sign-in refused by the identity provider');
        return page(res, 401, 'Sign-in refused', `The identity provider answered: ${e.error}${e.error_description ? ` (${e.error_description})` : ''}.`, SignInRefusal.PROVIDER_ERROR);
      }
      // openid-client's message is generic ("unexpected JWT claim value encountered"); its cause names the claim.
      const detail = e.cause instanceof Error ? `${e.cause.message} (${e.message})` : (e.message ?? String(error));
      logger.warn({ err: error, issuer: config.issuer, reason: e.code, detail }, 'sign-in refused: the response did not pass its checks');
      return page(res, 401, 'Sign-in refused', `The sign-in response did not pass its checks: ${detail}${e.code ? ` [${e.code}]` : ''}. Nobody was signed in.`, SignInRefusal.TOKEN_REJECTED);
    }
    // Entra ID names the person's directory in `tid`: another tenant's people never get in,
    // whatever else the token says (a multi-tenant app registration, a guest's home tenant).
    if (config.tenantId && String(claims.tid ?? '').toLowerCase() !== config.tenantId) {
      logger.warn({ issuer: claims.iss, subject: claims.sub, tenant: claims.tid ?? null }, 'sign-in refused: another tenant');
      return page(
        res,
        403,
        'Sign-in refused',
        `Your account belongs to ${claims.tid ? `another directory (tenant ${String(claims.tid).slice(0, 64)})` : 'no directory the token names (no "tid" claim)'}; this register admits the people of tenant ${config.tenantId} only. Sign in with your account of that organisation. Nobody was signed in.`,
        SignInRefusal.WRONG_TENANT,
      );
    }
    try {
      const outcome = await signInUser(orm.em.fork(), config, claims);
      if ('refused' in outcome) {
        logger.warn({ issuer: claims.iss, subject: claims.sub, reason: outcome.refused }, 'sign-in refused');
        return page(res, 403, outcome.refused === SignInRefusal.NO_ROLE ? 'No access to the register' : 'Sign-in refused', outcome.message, outcome.refused);
      }
      res.append('Set-Cookie', cookie(SESSION_COOKIE, outcome.secret, config.sessionLifetimeMinutes * 60));
      res.append('Set-Cookie', cookie(CSRF_COOKIE, outcome.csrf, config.sessionLifetimeMinutes * 60, { httpOnly: false, sameSite: 'Strict' }));
      // Housekeeping: a failure here signs nobody out and nobody in.
      await deleteExpiredSessions(orm.em.fork()).catch((error) => logger.warn({ err: error }, 'expired sessions not deleted'));
      res.set('Cache-Control', 'no-store').redirect(303, pending.returnTo);
    } catch (error) {
      logger.error({ err: error }, 'sign-in failed');
      page(res, 500, 'Sign-in failed', 'The register could not complete your sign-in; try again later.', 'INTERNAL_SERVER_ERROR');
    }
  });

  const clearCookies = (res: Response) => {
    res.append('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
    res.append('Set-Cookie', cookie(CSRF_COOKIE, '', 0, { httpOnly: false, sameSite: 'Strict' }));
  };
  const signedOut = new URL('/auth/signed-out', config.redirectUrl).href;

  // Signing out is a POST with the CSRF token (GraphiQL's Sign out button): a link or an image on
  // another site cannot end anybody's session. A GET asks the person to confirm.
  router.get('/auth/logout', (req, res) => {
    const csrf = cookieOf(req, CSRF_COOKIE);
    if (!csrf || !cookieOf(req, SESSION_COOKIE)) return page(res, 200, 'Not signed in', 'This browser is not signed in to the register.');
    page(res, 200, 'Sign out?', 'Sign out of the register, and of your organisation\'s sign-in where it offers that.', undefined, signOutForm(csrf));
  });
  router.post('/auth/logout', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    const secret = cookieOf(req, SESSION_COOKIE);
    const session = secret ? await orm.em.fork().findOne(UserSession, { secretHash: hashSecret(secret), endedAt: null }) : null;
    if (!session) {
      // Nothing to end here: forget the cookies; the provider is left alone (nobody asked for it with our token).
      clearCookies(res);
      return res.set('Cache-Control', 'no-store').redirect(303, signedOut);
    }
    const sent = typeof req.body?.csrf === 'string' ? req.body.csrf : req.get('x-csrf-token');
    if (!sent || !timingSafeEqual(Buffer.from(hashSecret(sent)), Buffer.from(session.csrfHash))) {
      logger.warn({ session: session.id }, 'sign-out refused: no valid CSRF token');
      return page(res, 403, 'Sign-out refused', 'This sign-out did not come from the register\'s own page, so your session was left as it was. Sign out with the button in the register.', SignInRefusal.SIGN_OUT_REFUSED, '<p><a href="/">Open the register</a></p>');
    }
    await orm.em.fork().nativeUpdate(UserSession, { id: session.id, endedAt: null }, { endedAt: clock.now() });
    clearCookies(res);
    // RP-initiated logout where the provider offers it, so the person is signed out there too.
    let found: oidc.Configuration | null = null;
    try {
      found = await provider();
    } catch (error) {
      logger.warn({ err: error }, 'OpenID Connect provider unavailable at logout');
    }
    const target = found?.serverMetadata().end_session_endpoint
      ? oidc.buildEndSessionUrl(found, { client_id: config.clientId, post_logout_redirect_uri: signedOut }).href
      : signedOut;
    res.set('Cache-Control', 'no-store').redirect(303, target);
  });
  router.get('/auth/signed-out', (_req, res) => page(res, 200, 'Signed out', 'You are signed out of the Stakeholder Register.'));
  return router;
}

/**
 * Deletes up to EXPIRED_SESSIONS_BATCH sessions that have expired (signed out or not): they can
 * never sign anybody in again. Outside any audit record: a session's end is not a change to the
 * register, and the deleted rows' hashes must not be copied into the audit trail.
 */
export async function deleteExpiredSessions(em: EntityManager, now = clock.now(), batch = EXPIRED_SESSIONS_BATCH): Promise<number> {
  const expired = await em.find(UserSession, { expiresAt: { $lt: now } }, { fields: ['id'], orderBy: { expiresAt: 'asc' }, limit: batch });
  if (!expired.length) return 0;
  return em.nativeDelete(UserSession, { id: { $in: expired.map((s) => s.id) } });
}

function readPending(value: string | undefined): Pending | null {
  if (!value) return null;
  try {
    const p = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Pending;
    return typeof p.state === 'string' && typeof p.nonce === 'string' && typeof p.verifier === 'string' ? { ...p, returnTo: localPath(p.returnTo) } : null;
  } catch {
    return null;
  }
}

type SignInOutcome = { secret: string; csrf: string; user: User } | { refused: SignInRefusal; message: string };

/**
 * The person of a verified ID token: found by (issuer, subject), made at the first sign-in, their
 * role set from the directory at every sign-in. Signing in, refusing and changing a role are
 * written to the audit trail in one transaction with the user and the session (source: the issuer).
 */
export async function signInUser(em: EntityManager, config: OidcConfig, claims: oidc.IDToken, now = clock.now()): Promise<SignInOutcome> {
  const issuer = claims.iss;
  const subject = claims.sub;
  const role = mapRoles(claims[config.rolesClaim], config.roleMap);
  const name = String(claims.name ?? claims.preferred_username ?? subject).slice(0, 200);
  const record = new AuditRecord();
  record.userName = name;
  record.tokenId = '';
  record.userId = '';
  record.entityType = 'User';
  return auditScope.run({ record }, () =>
    em.transactional(async (tx): Promise<SignInOutcome> => {
      let user = await tx.findOne(User, { oidcIssuer: issuer, oidcSubject: subject });
      // The person's directory object id (Entra ID's `oid`): an account SCIM provisioned, or an
      // administrator linked, waits for this person's first sign-in.
      const objectId = typeof claims.oid === 'string' && claims.oid ? claims.oid.slice(0, 255) : null;
      const holder = objectId ? await tx.findOne(User, { directoryId: objectId }) : null;
      const waiting = user ? null : holder;
      const refuse = (refused: SignInRefusal, message: string): SignInOutcome => {
        record.operation = 'signInRefused';
        record.userId = user?.id ?? '';
        record.entityId = user?.id ?? null;
        // Who was refused and why, from where: the record has no user when none was made.
        const change = new AuditChange();
        Object.assign(change, { record, entityType: 'User', entityId: user?.id ?? '', action: ChangeAction.UPDATE, field: 'signIn', before: null, after: JSON.stringify({ issuer, subject, refused, roles: claims[config.rolesClaim] ?? null }) });
        tx.persist([record, change]);
        return { refused, message };
      };
      if (waiting?.oidcSubject) {
        return refuse(SignInRefusal.ALREADY_LINKED, `The register user for your directory account (object id ${objectId}) signs in with another identity. Ask an administrator.`);
      }
      user ??= waiting;
      if (!role) {
        const seen = claims[config.rolesClaim];
        // Entra ID leaves out a groups claim that would not fit (more than 200 groups) and names a link instead.
        const overage = (claims._claim_names as Record<string, unknown> | undefined)?.[config.rolesClaim];
        if (seen === undefined && overage) {
          return refuse(
            SignInRefusal.NO_ROLE,
            `Your account (${name}) is in too many groups for the "${config.rolesClaim}" claim to fit in the sign-in token, so the directory left it out. Ask your administrator to use the register's app roles (the "roles" claim), or to emit only the groups assigned to the application.`,
          );
        }
        return refuse(
          SignInRefusal.NO_ROLE,
          `Your account (${name}) has none of the roles this register knows: the "${config.rolesClaim}" claim ${seen === undefined ? 'is missing' : `holds ${JSON.stringify(seen)}`}. Ask your administrator to assign you one of the register's app roles (${[...config.roleMap.keys()].join(', ')}), then sign in again.`,
        );
      }
      if (user?.archivedAt) return refuse(SignInRefusal.DEACTIVATED, 'Your account was deactivated in the register (by an administrator, or switched off in the directory). Ask an administrator.');
      const email = String(claims.email ?? (typeof claims.preferred_username === 'string' && claims.preferred_username.includes('@') ? claims.preferred_username : `${subject}@users.invalid`))
        .trim()
        .toLowerCase()
        .slice(0, 320);
      let signedIn = user;
      if (!signedIn) {
        // Never matched by e-mail: an existing account with this address is someone else's until an administrator links it.
        if (await tx.count(User, { email })) {
          return refuse(
            SignInRefusal.EMAIL_TAKEN,
            `A register user with the e-mail address ${email} exists without a link to your directory account. Ask an administrator to link it${objectId ? ` (updateUser with directoryId ${objectId})` : ''}, then sign in again.`,
          );
        }
        signedIn = new User();
        signedIn.email = email;
        tx.persist(signedIn);
      }
      signedIn.oidcIssuer = issuer;
      signedIn.oidcSubject = subject;
      // Remembered so that SCIM provisioning finds this person (externalId); never taken from someone else.
      if (objectId && !signedIn.directoryId && !holder) signedIn.directoryId = objectId;
      // The directory decides: name and role follow it at every sign-in (the audit trail shows the change).
      signedIn.name = name;
      signedIn.role = role;
      const secret = randomBytes(32).toString('base64url');
      const csrf = randomBytes(32).toString('base64url');
      const session = new UserSession();
      session.user = signedIn;
      session.secretHash = hashSecret(secret);
      session.csrfHash = hashSecret(csrf);
      session.issuer = issuer;
      session.expiresAt = new Date(now.getTime() + config.sessionLifetimeMinutes * 60_000);
      record.operation = 'signIn';
      record.userId = signedIn.id;
      record.userName = signedIn.name;
      record.tokenId = session.id;
      record.entityId = signedIn.id;
      tx.persist([record, session]);
      return { secret, csrf, user: signedIn };
    }),
  );
}
