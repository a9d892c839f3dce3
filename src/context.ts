import { OptimisticLockError, type EntityClass, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { AppConfig } from './config';
import type { Caller } from './modules/access/access.service';
import { auditScope } from './modules/audit/audit-subscriber';
import { AuditRecord } from './modules/audit/audit.entity';
import { extendPlanning, horizonEnd } from './modules/accountability/moment-planner';
import type { PlanningClock } from './modules/accountability/obligation.service';
import type { BaseEntity } from './shared/base.entity';
import { today } from './shared/dates';
import { isUuid } from './shared/crud';
import { ConflictError } from './shared/errors';
import { Loaders } from './shared/loaders';
import type { PageLimits } from './shared/pagination';
import { ResponseBudget } from './shared/response-budget';

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

  constructor(
    readonly orm: MikroORM,
    readonly config: AppConfig,
    /** Who is asking; every GraphQL request is authenticated before it gets here. */
    readonly caller: Caller,
  ) {
    this.em = orm.em.fork();
    this.loaders = new Loaders(this.em);
    this.responseBudget = new ResponseBudget(config.limits.maxResponseItems);
  }

  get pageLimits(): PageLimits {
    return this.config;
  }

  /** Today and the planning horizon, read once per call so that one change sees one day. */
  clock(): PlanningClock {
    const day = today();
    return { today: day, horizon: horizonEnd(day, this.config.momentHorizonMonths) };
  }

  /** Makes sure every obligation has its moments up to the horizon (reports ask this first). */
  async ensurePlanned(): Promise<void> {
    await extendPlanning(this.orm, this.clock().horizon);
  }

  /**
   * Runs one mutation in one transaction on a fresh EntityManager; the unit of work is
   * flushed once at the end, and nothing is written if `work` throws. Afterwards the
   * request's own EntityManager and loaders forget what they had read, so the result and
   * later fields see the new state.
   */
  async mutate<T extends { id: string }>(work: (em: EntityManager) => Promise<T>, options: MutateOptions = {}): Promise<T> {
    // The audit record and its field changes are written by the same flush, in the same transaction.
    const record = new AuditRecord();
    record.userId = this.caller.user.id;
    record.userName = this.caller.user.name;
    record.tokenId = this.caller.token.id;
    record.operation = this.operation ?? 'unknown';
    const result = await auditScope.run({ record }, () =>
      this.orm.em.fork().transactional(async (em) => {
        em.persist(record);
        const read = options.revisionOf ? await checkRevision(em, ...options.revisionOf) : null;
        const done = await work(em);
        // Every update raises the revision, also one that only changed links (no column of its own).
        if (read) read.updatedAt = new Date();
        record.entityType = done.constructor.name;
        record.entityId = done.id;
        return done;
      }),
    ).catch((error) => {
      // Someone else changed the record between our read and our write.
      if (error instanceof OptimisticLockError) throw new ConflictError('the record was changed by someone else meanwhile: read it again', 'revision');
      throw error;
    });
    this.em.clear();
    this.loaders.clear();
    return this.em.findOneOrFail(result.constructor as never, { id: result.id } as never);
  }
}
