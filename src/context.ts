import { createHash } from 'node:crypto';
import { OptimisticLockError, UniqueConstraintViolationException, type EntityClass, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { AppConfig } from './config';
import type { BaseEntity } from './shared/base.entity';
import { clock } from './shared/clock';
import { isUuid } from './shared/crud';
import { lockForWrite } from './shared/database-faults';
import { ConflictError } from './shared/errors';
import { Loaders } from './shared/loaders';
import type { PageLimits } from './shared/pagination';
import { ResponseBudget } from './shared/response-budget';
import { uniqueConflict } from './shared/unique-conflict';
import { collectWrites, type EntityRef, type MutationCall, type Principal, type UnitOfWorkHook } from './shared/unit-of-work';
import { allOf } from './shared/filters';
import { bindVisibility, visibleWhere } from './shared/visibility';

// The request context knows no module: what rides along with a mutation (the audit trail,
// planning) plugs in as hooks that server.ts wires.

export interface MutateOptions {
  /** An update: the record and the revision the client read; a stale revision gives CONFLICT. */
  revisionOf?: [EntityClass<BaseEntity>, string, number];
}

async function checkRevision(em: EntityManager, entity: EntityClass<BaseEntity>, id: string, revision: number): Promise<BaseEntity | null> {
  // An id that cannot exist, or one the caller may not see, is left to the mutation, which answers NOT_FOUND.
  const current = isUuid(id) ? await em.findOne(entity, allOf({ id }, visibleWhere(em, entity))) : null;
  if (current && current.revision !== revision) {
    throw new ConflictError(`stale revision: you read revision ${revision}, it is now ${current.revision}; read it again and redo your change`, 'revision');
  }
  return current;
}

/** Everything a resolver may use for one request: its own EntityManager and loaders. */
export class RequestContext<C extends Principal = Principal> {
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
    readonly caller: C,
    /** The request's Idempotency-Key header: a retried mutation is answered with its first result. */
    readonly idempotencyKey: string | null = null,
    /** What runs with every mutation's unit of work, in this order. */
    private readonly hooks: readonly UnitOfWorkHook[] = [],
  ) {
    this.em = orm.em.fork();
    // What the caller may see (a portfolio scope) goes with every EntityManager of the request.
    bindVisibility(this.em, caller.visibility);
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

  /**
   * Runs one mutation in one transaction on a fresh EntityManager; the unit of work is
   * flushed once at the end, and nothing is written if `work` throws. Afterwards the
   * request's own EntityManager and loaders forget what they had read, so the result and
   * later fields see the new state.
   */
  async mutate<T extends { id: string }>(work: (em: EntityManager) => Promise<T>, options: MutateOptions = {}): Promise<T> {
    const key = this.idempotencyKey && `${this.idempotencyKey}#${this.call?.responseKey ?? this.operation}`;
    const call: MutationCall = {
      operation: this.operation ?? 'unknown',
      caller: this.caller,
      idempotencyKey: key,
      requestHash: key ? requestHash(this.operation, this.call?.args) : null,
    };
    const first = await this.replay(call);
    if (first) return first as T;
    const transaction = async (): Promise<EntityRef> =>
      this.orm.em.fork().transactional(async (em) => {
        bindVisibility(em, this.caller.visibility);
        await lockForWrite(em);
        for (const hook of this.hooks) await hook.begin?.(em, call);
        const read = options.revisionOf ? await checkRevision(em, ...options.revisionOf) : null;
        const done = await work(em);
        // Every update raises the revision, also one that only changed links (no column of its own).
        if (read) read.updatedAt = clock.now();
        const ref = { entityType: done.constructor.name, id: done.id };
        for (const hook of this.hooks) await hook.end?.(em, call, ref);
        return ref;
      });
    // Each hook's `around` wraps the next; the innermost runs the transaction.
    const wrapped = this.hooks.reduceRight<() => Promise<EntityRef>>((next, hook) => (hook.around ? () => hook.around!(call, next) : next), transaction);
    const outcome = await collectWrites(wrapped).catch(async (error): Promise<{ replayed: unknown }> => {
      // Someone else changed the record between our read and our write.
      if (error instanceof OptimisticLockError) throw new ConflictError('the record was changed by someone else meanwhile: read it again', 'revision');
      if (error instanceof UniqueConstraintViolationException) {
        // The same Idempotency-Key, sent twice at once: the other request committed first; answer with its result.
        const replayed = call.idempotencyKey ? await this.replay(call) : null;
        if (replayed) return { replayed };
        // Any other unique key: CONFLICT, mapped here once for every mutation.
        throw uniqueConflict(error, this.orm.getMetadata(), this.orm.em.getPlatform());
      }
      throw error;
    });
    if ('replayed' in outcome) return outcome.replayed as T;
    for (const hook of this.hooks) await hook.committed?.(call, outcome.written);
    this.em.clear();
    this.loaders.clear();
    return this.em.findOneOrFail(outcome.result.entityType as never, { id: outcome.result.id } as never) as Promise<T>;
  }

  /** The record an earlier run of this call made (a retried Idempotency-Key), as it is now; null when there was none. */
  private async replay(call: MutationCall): Promise<unknown> {
    for (const hook of this.hooks) {
      const ref = await hook.replay?.(call);
      if (ref) return this.em.findOneOrFail(ref.entityType as never, { id: ref.id } as never);
    }
    return null;
  }
}

/** The mutation and its arguments, as a hash: what "the same request" means for an Idempotency-Key. */
function requestHash(operation: string | null, args: Record<string, unknown> | undefined): string {
  return createHash('sha256').update(JSON.stringify([operation, args ?? {}])).digest('hex');
}
