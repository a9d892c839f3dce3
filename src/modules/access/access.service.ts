import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { columnsOf, readOnlyRow } from '../../shared/loaders';
import { readRows } from '../../shared/sql';
import type { RequestContext } from '../../context';
import { databaseFault, FaultReason, noteWriteFault, writesFailedRecently } from '../../shared/database-faults';
import { ConflictError, UnauthenticatedError, badInput } from '../../shared/errors';
import { findOrFail } from '../../shared/crud';
import { TokenAccess, UserKind, UserRole } from './access.enums';
import { ApiToken } from './api-token.entity';
import { assertOwnOrAdmin, assertTokenAccessFits } from './policy';
import { portfolioVisibility } from './portfolio-scope';
import type { Visibility } from '../../shared/visibility';
import { User } from './user.entity';
import type { CallerCache } from './caller-cache';
import { UserSession } from './user-session.entity';
import { clock } from '../../shared/clock';

const TOKEN_PREFIX = 'sr_';
/** lastUsedAt is written at most this often per token, not on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** Who is asking: the user and the token they sent. What they may do is in policy.ts. */
export class Caller {
  constructor(
    readonly user: User,
    readonly token: ApiToken,
    /** Set when a browser session (OpenID Connect) signed this request in instead of a bearer token. */
    readonly session: { id: string; csrfVerified: boolean } | null = null,
  ) {}

  private scope?: Visibility | null;

  /** What the user's portfolio scope lets them see and change (portfolio-scope.ts); null: everything. */
  get visibility(): Visibility | null {
    if (this.scope === undefined) this.scope = portfolioVisibility(this);
    return this.scope;
  }
}

/** The request context of this register: its caller is a user with a token. */
export type AppContext = RequestContext<Caller>;

/**
 * The token of a secret with its user, as read-only rows (loaders.ts) read in one statement: every
 * request asks this first, and building managed entities through the ORM cost more than the
 * page's own read. The token's `user` holds the user's row.
 */
async function findToken(em: EntityManager, secretHash: string): Promise<ApiToken | null> {
  const metadata = em.getMetadata();
  const tokenMeta = metadata.get<ApiToken>(ApiToken.name);
  const userMeta = metadata.get<User>(User.name);
  const userColumns = columnsOf(userMeta);
  const [raw] = await readRows(
    em,
    `select t.*, ${userColumns.map((c) => `u.${c} as u__${c}`).join(', ')} from ${tokenMeta.tableName} t join "${userMeta.tableName}" u on u.id = t.${tokenMeta.properties.user.fieldNames[0]} where t.secret_hash = ?`,
    [secretHash],
  );
  if (!raw) return null;
  const userRaw: Record<string, unknown> = {};
  for (const c of userColumns) {
    userRaw[c] = raw[`u__${c}`];
    delete raw[`u__${c}`];
  }
  const driver = em.getDriver() as unknown as AbstractSqlDriver;
  const token = readOnlyRow(tokenMeta, driver.mapResult(raw as never, tokenMeta as never) as Record<string, unknown>);
  (token as { user: User }).user = readOnlyRow(userMeta, driver.mapResult(userRaw as never, userMeta as never) as Record<string, unknown>);
  return token;
}

/** Refused with SSO_ONLY on: people sign in through the organisation, not with a token. */
export const SSO_ONLY_REFUSAL =
  'SSO_ONLY is on: people sign in through the organisation (open the register in a browser, or /auth/login), and their API tokens no longer work; dashboards and scripts use the token of a service account (user kind SERVICE)';

/** Resolves `Authorization: Bearer <secret>` to a caller, or UNAUTHENTICATED. With `ssoOnly`, only service accounts' tokens sign in. */
export async function authenticate(
  em: EntityManager,
  header: string | undefined,
  now = clock.now(),
  { ssoOnly = false, cache }: { ssoOnly?: boolean; cache?: CallerCache } = {},
): Promise<Caller> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw new UnauthenticatedError(ssoOnly ? 'Sign in through the organisation: open the register in a browser, or /auth/login (SSO_ONLY); service accounts send their API token as `Authorization: Bearer <token>`' : undefined);
  const secretHash = hashSecret(match[1]);
  let token = cache?.lookup(secretHash);
  if (!token) {
    const generation = cache?.begin();
    token = (await findToken(em, secretHash)) ?? undefined;
    // Only a token that signs in is remembered; every check below runs on each request.
    if (token && cache && !token.revokedAt && !token.user.archivedAt) cache.store(secretHash, token, generation!);
  }
  if (!token) throw new UnauthenticatedError('This API token is not known');
  if (token.revokedAt) throw new UnauthenticatedError('This API token was revoked');
  if (token.expiresAt && token.expiresAt <= now) throw new UnauthenticatedError('This API token has expired');
  if (token.user.archivedAt) throw new UnauthenticatedError('The user of this API token was deactivated');
  if (ssoOnly && token.user.kind !== UserKind.SERVICE) throw new UnauthenticatedError(SSO_ONLY_REFUSAL);
  // lastUsedAt is advisory: a database that takes no writes (locked, full, read-only) must not
  // stop reads, and while writes fail it is not even tried, so reads do not wait for a lock.
  if ((!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) && !writesFailedRecently(em)) {
    try {
      await em.nativeUpdate(ApiToken, { id: token.id }, { lastUsedAt: now });
      token.lastUsedAt = now;
    } catch (error) {
      const fault = databaseFault(error);
      if (!fault || fault.reason === FaultReason.DATABASE_UNAVAILABLE) throw error;
      noteWriteFault(em);
    }
  }
  return new Caller(token.user, token);
}

/**
 * Resolves a session cookie to a caller. The session stands in for a token (`me.token`, the
 * audit trail's token id): an unsaved ApiToken with the session's id, read-write, so that the
 * role alone decides what the person may do. `csrfHeader` is the page's X-CSRF-Token.
 */
export async function authenticateSession(em: EntityManager, secret: string, csrfHeader: string | undefined, now = clock.now()): Promise<Caller> {
  const session = await em.findOne(UserSession, { secretHash: hashSecret(secret) }, { populate: ['user'] });
  if (!session) throw new UnauthenticatedError('This session is not known: sign in again at /auth/login');
  if (session.endedAt) throw new UnauthenticatedError('This session was signed out: sign in again at /auth/login');
  if (session.expiresAt <= now) throw new UnauthenticatedError('This session has expired: sign in again at /auth/login');
  if (session.user.archivedAt) throw new UnauthenticatedError('The user of this session was deactivated');
  const token = new ApiToken();
  token.id = session.id;
  token.createdAt = session.createdAt;
  token.name = 'Browser session (OpenID Connect sign-in)';
  token.access = TokenAccess.READ_WRITE;
  token.prefix = 'session';
  token.expiresAt = session.expiresAt;
  token.user = session.user;
  const csrfVerified = typeof csrfHeader === 'string' && hashSecret(csrfHeader) === session.csrfHash;
  return new Caller(session.user, token, { id: session.id, csrfVerified });
}

export interface NewToken {
  token: ApiToken;
  secret: string;
}

/** A user linked to the directory (signed in, or provisioned) is a person: only people sign in there. */
export function assertKindFits(user: User): void {
  if (user.kind === UserKind.SERVICE && (user.oidcSubject || user.directoryId || user.scimUserName)) {
    throw new ConflictError('a user linked to the directory (signed in through the organisation, provisioned by SCIM or with a directoryId) is a person, not a service account', 'input.kind');
  }
}

export class AccessService {
  async createUser(em: EntityManager, input: { name: string; email: string; role?: UserRole | null; kind?: UserKind | null }): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (await em.count(User, { email })) throw new ConflictError(`a user with e-mail ${email} exists`, 'input.email');
    const user = new User();
    user.name = input.name.trim();
    user.email = email;
    if (input.role) user.role = input.role;
    if (input.kind) user.kind = input.kind;
    em.persist(user);
    return user;
  }

  /** Links `user` to a person in the directory by their object id (null unlinks); CONFLICT when another user has it. */
  async linkToDirectory(em: EntityManager, user: User, directoryId: string | null): Promise<void> {
    if (directoryId && (await em.count(User, { directoryId, id: { $ne: user.id } }))) {
      throw new ConflictError(`another user is linked to the directory id ${directoryId}`, 'input.directoryId');
    }
    user.directoryId = directoryId;
  }

  /** A token for `user`; a viewer's tokens are read-only whatever is asked. */
  createToken(em: EntityManager, user: User, input: { name: string; access?: TokenAccess | null; expiresAt?: Date | null }, now = clock.now(), secret = newSecret()): NewToken {
    if (input.expiresAt && input.expiresAt <= now) throw badInput('input.expiresAt', 'expiresAt must be in the future');
    if (user.archivedAt) throw new ConflictError('this user is deactivated', 'input.userId');
    const token = new ApiToken();
    token.user = user;
    token.name = input.name.trim();
    token.access = input.access ?? TokenAccess.READ_ONLY;
    assertTokenAccessFits(user.role, token.access);
    token.expiresAt = input.expiresAt ?? null;
    token.secretHash = hashSecret(secret);
    token.prefix = secret.slice(0, 8);
    em.persist(token);
    return { token, secret };
  }

  async revokeToken(em: EntityManager, caller: Caller, id: string): Promise<ApiToken> {
    const token = await findOrFail(em, ApiToken, id);
    assertOwnOrAdmin(caller, token.user.id);
    token.revokedAt ??= clock.now();
    return token;
  }
}
