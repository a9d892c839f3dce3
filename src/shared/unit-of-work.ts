import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import type { Visibility } from './visibility';

// What the unit of work of one mutation offers to the modules that ride along with it (the audit
// trail, planning): hooks that server.ts wires, so that the request context knows no module.

/** Who runs a mutation, as far as the unit of work needs to know. */
export interface Principal {
  readonly user: { readonly id: string; readonly name: string };
  readonly token: { readonly id: string };
  /** What they may see and change (a portfolio scope); null or absent: everything. */
  readonly visibility?: Visibility | null;
}

/** One mutation field being run. */
export interface MutationCall {
  /** The mutation's field name (e.g. `createStakeholder`). */
  readonly operation: string;
  readonly caller: Principal;
  /** The request's Idempotency-Key with the field's response key, or null without one. */
  readonly idempotencyKey: string | null;
  /** The mutation and its arguments as a hash: what "the same request" means for that key. */
  readonly requestHash: string | null;
}

/** The record a mutation answers with. */
export interface EntityRef {
  readonly entityType: string;
  readonly id: string;
}

export interface UnitOfWorkHook {
  /** Before the transaction: the record an earlier run of this very call made (a retry), or null. */
  replay?(call: MutationCall): Promise<EntityRef | null>;
  /** Around the transaction, e.g. to open a scope that a flush subscriber reads. */
  around?<T>(call: MutationCall, run: () => Promise<T>): Promise<T>;
  /** In the transaction, before the work. */
  begin?(em: EntityManager, call: MutationCall): void | Promise<void>;
  /** In the transaction, after the work and before the flush that commits it. */
  end?(em: EntityManager, call: MutationCall, result: EntityRef): void | Promise<void>;
  /** After the commit, with the entity types the flush wrote (created, changed, removed, relinked). */
  committed?(call: MutationCall, written: ReadonlySet<string>): Promise<void>;
}

const flushScope = new AsyncLocalStorage<Set<string>>();

/** Runs `work`, collecting the entity types its flushes write. */
export async function collectWrites<T>(work: () => Promise<T>): Promise<{ result: T; written: Set<string> }> {
  const written = new Set<string>();
  const result = await flushScope.run(written, work);
  return { result, written };
}

/** Tells collectWrites what a flush writes; registered with the ORM's subscribers. */
export class WrittenEntities implements EventSubscriber {
  onFlush({ uow }: FlushEventArgs): void {
    const written = flushScope.getStore();
    if (!written) return;
    for (const cs of uow.getChangeSets()) written.add(cs.meta.className);
    for (const coll of uow.getCollectionUpdates()) written.add(coll.owner.constructor.name);
  }
}
