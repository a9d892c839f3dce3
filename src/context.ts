import { createHash } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityClass, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { AppConfig } from './config';
import type { Caller } from './modules/access/access.service';
import { auditScope } from './modules/audit/audit-subscriber';
import { AuditRecord } from './modules/audit/audit.entity';
import { extendPlanning, horizonEnd } from './modules/accountability/moment-planner';
import type { PlanningClock } from './modules/accountability/obligation.service';
import type { BaseEntity } from './shared/base.entity';
import { isUuid } from './shared/crud';
import { databaseFault, FaultReason, lockForWrite, noteWriteFault } from './shared/database-faults';
import { ConflictError } from './shared/errors';
import { uniqueConflict } from './shared/unique-conflict';
import { Loaders } from './shared/loaders';
import type { PageLimits } from './shared/pagination';
import { ResponseBudget } from './shared/response-budget';
import { clock } from './shared/clock';

export interface MutateOptions {
  /** An update: the record and the revision the client read; a stale revision gives CONFLICT. */
  revisionOf?: [EntityClass<BaseEntity>, string, number];
}

async function checkRevision(em: EntityManager, entity: EntityClass<BaseEntity>, id: string, revision: number): Promise<BaseEntity | null> {
  // An id that cannot exist is left to the mutation, which answers NOT_FOUND.
  const current = isUuid(id) ? await em.findOne(entity, { id }) : null;
  if (current && current.revision !== revision) {
    throw new ConflictError(`stale revision: you read revision ${revision}, it is now ${current.revision}; read it again and redo your change`, 'revision');
  }
  return current;
}

/** Everything a resolver may use for one request: its own EntityManager and loaders. */
export class RequestContext {
  readonly em: EntityManager;
  readonly loaders: Loaders;

  /** How many list items this request's response may still hold (MAX_RESPONSE_ITEMS). */
  readonly responseBudget: ResponseBudget;

  /** The mutation being run (set by the schema's middleware); named in the audit trail. */
  operation: string | null = null;

  /** The mutation field being run: its response key and arguments, for the Idempotency-Key. */
  private call: { responseKey: string; args: Record<string, unknown> } | null = null;

  constructor(
    readonly orm: MikroORM,
    readonly config: AppConfig,
    /** Who is asking; every GraphQL request is authenticated before it gets here. */
    readonly caller: Caller,
    /** The request's Idempotency-Key header: a retried mutation is answered with its first result. */
    readonly idempotencyKey: string | null = null,
  ) {
    this.em = orm.em.fork();
    this.loaders = new Loaders(this.em);
    this.responseBudget = new ResponseBudget(config.limits.maxResponseItems);
  }

  /** Called as each mutation field starts (mutation fields run one after another). */
  beginMutation(operation: string, responseKey: string, args: Record<string, unknown>): void {
    this.operation = operation;
    this.call = { responseKey, args };
  }

  get pageLimits(): PageLimits {
    return this.config;
  }

  /** Today and the planning horizon, read once per call so that one change sees one day. */
  clock(): PlanningClock {
    const day = clock.today();
    return { today: day, horizon: horizonEnd(day, this.config.momentHorizonMonths) };
  }

  /**
   * Makes sure every obligation has its moments up to the horizon (reports ask this first). A
   * database that takes no writes just now must not stop a report: it counts what is planned.
   */
  async ensurePlanned(): Promise<void> {
    try {
      await extendPlanning(this.orm, this.clock().horizon);
    } catch (error) {
      const fault = databaseFault(error);
      if (!fault || fault.reason === FaultReason.DATABASE_UNAVAILABLE) throw error;
      noteWriteFault(this.em);
    }
  }

  /**
   * Runs one mutation in one transaction on a fresh EntityManager; the unit of work is
   * flushed once at the end, and nothing is written if `work` throws. Afterwards the
   * request's own EntityManager and loaders forget what they had read, so the result and
   * later fields see the new state.
   */
  async mutate<T extends { id: string }>(work: (em: EntityManager) => Promise<T>, options: MutateOptions = {}): Promise<T> {
    const key = this.idempotencyKey && `${this.idempotencyKey}#${this.call?.responseKey ?? this.operation}`;
    const hash = key ? requestHash(this.operation, this.call?.args) : null;
    if (key) {
      const first = await this.replay<T>(key, hash!);
      if (first) return first;
    }
    // The audit record and its field changes are written by the same flush, in the same transaction.
    const record = new AuditRecord();
    record.userId = this.caller.user.id;
    record.userName = this.caller.user.name;
    record.tokenId = this.caller.token.id;
    record.operation = this.operation ?? 'unknown';
    record.idempotencyKey = key;
    record.requestHash = hash;
    const result = await auditScope.run({ record }, () =>
      this.orm.em.fork().transactional(async (em) => {
        await lockForWrite(em);
        em.persist(record);
        const read = options.revisionOf ? await checkRevision(em, ...options.revisionOf) : null;
        const done = await work(em);
        // Every update raises the revision, also one that only changed links (no column of its own).
        if (read) read.updatedAt = clock.now();
        record.entityType = done.constructor.name;
        record.entityId = done.id;
        return done;
      }),
    ).catch(async (error) => {
      // Someone else changed the record between our read and our write.
      if (error instanceof OptimisticLockError) throw new ConflictError('the record was changed by someone else meanwhile: read it again', 'revision');
      if (error instanceof UniqueConstraintViolationException) {
        // The same Idempotency-Key, sent twice at once: the other request committed first; answer with its result.
        if (key) {
          const first = await this.replay<T>(key, hash!);
          if (first) return first;
        }
        // Any other unique key: CONFLICT, mapped here once for every mutation.
        throw uniqueConflict(error, this.orm.getMetadata(), this.orm.em.getPlatform());
      }
      throw error;
    });
    this.em.clear();
    this.loaders.clear();
    return this.em.findOneOrFail(result.constructor as never, { id: result.id } as never);
  }

  /**
   * The record the first request with this key made, as it is now; null when there was none.
   * CONFLICT when the key was used for another request, or longer ago than a retry would be.
   */
  private async replay<T>(key: string, hash: string): Promise<T | null> {
    const first = await this.orm.em.fork().findOne(AuditRecord, { userId: this.caller.user.id, idempotencyKey: key });
    if (!first) return null;
    if (first.requestHash !== hash) {
      throw new ConflictError('this Idempotency-Key was used for another request (another mutation or other arguments): send a new key', 'Idempotency-Key');
    }
    if (clock.millis() - first.occurredAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
      throw new ConflictError(`this Idempotency-Key was used on ${first.occurredAt.toISOString()}, more than 24 hours ago: send a new key`, 'Idempotency-Key');
    }
    return this.em.findOneOrFail(first.entityType as never, { id: first.entityId } as never) as Promise<T>;
  }
}

/** How long a retry is answered with the first result; after that the key is refused. */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The mutation and its arguments, as a hash: what "the same request" means for an Idempotency-Key. */
function requestHash(operation: string | null, args: Record<string, unknown> | undefined): string {
  return createHash('sha256').update(JSON.stringify([operation, args ?? {}])).digest('hex');
}
