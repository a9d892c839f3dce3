import { raw, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import { isUuid } from '../../shared/crud';
import { lockForWrite } from '../../shared/database-faults';
import { auditScope } from '../audit/audit-subscriber';
import { AuditRecord } from '../audit/audit.entity';
import { ApiToken } from '../access/api-token.entity';
import { UserSession } from '../access/user-session.entity';
import { User } from '../access/user.entity';
import { applyChange, parseFilter, parsePatch, parseUser, ScimError, type ScimAttributes, type StoredScimUser } from './scim-user';

// SCIM provisioning against the register's users. A SCIM user is a User whose scimUserName is
// set; the directory sees no other users (administrators' own, service accounts). Every change
// is one transaction with its audit record, whose author is "SCIM provisioning". Switching a
// person off (active false, or DELETE) deactivates the user and, in the same transaction,
// revokes their API tokens and ends their sessions: nothing of theirs signs in from the next
// request, and switching them on again brings back sign-in through the organisation only.

/** The author of SCIM's audit records. */
export const SCIM_AUTHOR = 'SCIM provisioning';
export const SCIM_PAGE_MAX = 100;

export function storedOf(user: User): StoredScimUser {
  return {
    id: user.id,
    userName: user.scimUserName!,
    externalId: user.directoryId ?? null,
    displayName: user.name,
    email: user.email,
    active: !user.archivedAt,
    created: user.createdAt,
    lastModified: user.updatedAt,
    revision: user.revision,
  };
}

const sameUserName = (userName: string) => ({ [raw((alias: string) => `lower(${alias}.scim_user_name)`)]: userName.toLowerCase() });

export class ScimService {
  constructor(private readonly orm: MikroORM) {}

  async list(filterParam: unknown, startIndex: number, count: number): Promise<{ total: number; users: User[] }> {
    const filter = parseFilter(filterParam);
    const em = this.orm.em.fork();
    let where: Record<string, unknown> = { scimUserName: { $ne: null } };
    if (filter?.attribute === 'id') {
      if (!isUuid(filter.value)) return { total: 0, users: [] };
      where = { ...where, id: filter.value };
    } else if (filter?.attribute === 'externalId') where = { ...where, directoryId: filter.value };
    else if (filter?.attribute === 'userName') where = { ...where, ...sameUserName(filter.value) };
    const [users, total] = await em.findAndCount(User, where, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], offset: startIndex - 1, limit: count });
    return { total, users };
  }

  async get(id: string): Promise<User> {
    return this.find(this.orm.em.fork(), id);
  }

  /** POST: a new user, or the one an administrator or a sign-in already linked to this externalId. */
  create(body: unknown): Promise<User> {
    const wanted = parseUser(body);
    return this.write('scimCreateUser', async (tx, now) => {
      let user = wanted.externalId ? await tx.findOne(User, { directoryId: wanted.externalId }) : null;
      if (user?.scimUserName) throw new ScimError(409, `externalId ${wanted.externalId} is provisioned already, as user ${user.id} (userName ${user.scimUserName})`, 'uniqueness');
      // A new person's role is the column's default, VIEWER, until the first sign-in sets the one
      // the directory gives; without a sign-in nothing signs them in (no tokens, no session).
      user ??= new User(); // a person: kind's default
      await this.apply(tx, user, wanted, now);
      tx.persist(user);
      return user;
    });
  }

  /** PUT: the whole resource. */
  async replace(id: string, body: unknown): Promise<User> {
    return this.write('scimReplaceUser', async (tx, now) => {
      const user = await this.find(tx, id);
      await this.apply(tx, user, parseUser(body, storedOf(user)), now);
      return user;
    });
  }

  /** PATCH: the operations, applied in order, then checked together. */
  async patch(id: string, body: unknown): Promise<User> {
    const change = parsePatch(body);
    return this.write('scimPatchUser', async (tx, now) => {
      const user = await this.find(tx, id);
      await this.apply(tx, user, applyChange(storedOf(user), change), now);
      return user;
    });
  }

  /** DELETE: the person is switched off and no longer provisioned; the user and its history stay. */
  async remove(id: string): Promise<void> {
    await this.write('scimDeleteUser', async (tx, now) => {
      const user = await this.find(tx, id);
      await this.switchOff(tx, user, now);
      user.scimUserName = null;
      return user;
    });
  }

  private async find(em: EntityManager, id: string): Promise<User> {
    const user = isUuid(id) ? await em.findOne(User, { id, scimUserName: { $ne: null } }) : null;
    if (!user) throw new ScimError(404, `no provisioned user ${JSON.stringify(id.slice(0, 100))}`);
    return user;
  }

  private async write(operation: string, work: (tx: EntityManager, now: Date) => Promise<User>): Promise<User> {
    const record = new AuditRecord();
    Object.assign(record, { userId: '', userName: SCIM_AUTHOR, tokenId: '', operation, entityType: 'User' });
    try {
      return await auditScope.run({ record }, () =>
        this.orm.em.fork().transactional(async (tx) => {
          await lockForWrite(tx);
          // First, so that a flush on the way (before a query) writes the record before its changes.
          tx.persist(record);
          const user = await work(tx, clock.now());
          record.entityId = user.id;
          return user;
        }),
      );
    } catch (error) {
      // Two requests for one new person at once: the second meets the first's unique key.
      if (error instanceof UniqueConstraintViolationException) throw new ScimError(409, 'another request provisioned this userName, externalId or e-mail address at the same time', 'uniqueness');
      throw error;
    }
  }

  private async apply(tx: EntityManager, user: User, wanted: ScimAttributes, now: Date): Promise<void> {
    const others = { id: { $ne: user.id } };
    if (wanted.userName.toLowerCase() !== user.scimUserName?.toLowerCase() && (await tx.count(User, { ...sameUserName(wanted.userName), ...others }))) {
      throw new ScimError(409, `userName ${wanted.userName} is provisioned already`, 'uniqueness');
    }
    if (wanted.externalId && wanted.externalId !== user.directoryId && (await tx.count(User, { directoryId: wanted.externalId, ...others }))) {
      throw new ScimError(409, `externalId ${wanted.externalId} belongs to another register user`, 'uniqueness');
    }
    if (wanted.email !== user.email && (await tx.count(User, { email: wanted.email, ...others }))) {
      throw new ScimError(
        409,
        `a register user with the e-mail address ${wanted.email} exists without a link to this directory account: an administrator links it (updateUser with directoryId${wanted.externalId ? ` ${wanted.externalId}` : ''}), or the directory sends the person's object id as externalId`,
        'uniqueness',
      );
    }
    user.scimUserName = wanted.userName;
    user.directoryId = wanted.externalId;
    user.name = wanted.displayName;
    user.email = wanted.email;
    if (!wanted.active) await this.switchOff(tx, user, now);
    // Switched on again: sign-in through the organisation works; revoked tokens stay revoked.
    else if (user.archivedAt) user.archivedAt = null;
  }

  /** Deactivates the user, revokes their API tokens and ends their sessions, in the caller's transaction. */
  private async switchOff(tx: EntityManager, user: User, now: Date): Promise<void> {
    user.archivedAt ??= now;
    for (const token of await tx.find(ApiToken, { user, revokedAt: null })) token.revokedAt = now;
    for (const session of await tx.find(UserSession, { user, endedAt: null, expiresAt: { $gt: now } })) session.endedAt = now;
  }
}
