import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeSetType, wrap, type Collection, type EntityManager, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import { ForbiddenError } from '../../shared/errors';
import { placeholders } from '../../shared/sql';
import type { MutationCall, UnitOfWorkHook } from '../../shared/unit-of-work';
import type { Visibility } from '../../shared/visibility';
import { PortfolioScope } from './access.enums';

// The writes of a user with a portfolio scope, held to the scope in the mutation's own flush
// (so in its transaction): every record the flush creates, changes, links or deletes must be
// one the user may change (portfolio-scope.ts, `writable`) as it was before the flush and as it
// is after it. One check for every mutation, present and future: a service need not remember
// it, and a refused write changes nothing. Lookups of records outside the scope already answered
// NOT_FOUND (crud.ts); what is left here is a record the user sees but may not change (one shared
// with stakeholders outside the scope, or the organisation's), or a change that would take a
// record out of the scope: FORBIDDEN.

interface WriteScope {
  visibility: Visibility;
  scope: string;
}

const writeScope = new AsyncLocalStorage<WriteScope>();

/** Opens the check around every mutation of a caller with a portfolio scope. */
export function portfolioWritesHook(): UnitOfWorkHook {
  return {
    around<T>(call: MutationCall, run: () => Promise<T>): Promise<T> {
      const visibility = call.caller.visibility;
      if (!visibility) return run();
      const scope = (call.caller.user as { scope?: string }).scope ?? PortfolioScope.ALL;
      return writeScope.run({ visibility, scope }, run);
    },
  };
}

type Touched = Map<string, Set<string>>;

function add(touched: Touched, entity: string, id: string): void {
  (touched.get(entity) ?? touched.set(entity, new Set()).get(entity)!).add(id);
}

/** The records a flush writes, as they were before it (`before`) or are after it. */
function touchedBy(args: FlushEventArgs, when: 'before' | 'after'): Touched {
  const touched: Touched = new Map();
  const created = new Set<object>();
  for (const cs of args.uow.getChangeSets()) {
    if (cs.type === ChangeSetType.CREATE) created.add(cs.entity);
    const counts = when === 'before' ? cs.type !== ChangeSetType.CREATE : cs.type !== ChangeSetType.DELETE && cs.type !== ChangeSetType.DELETE_EARLY;
    // (A record deleted in the flush is checked as it was; one created, as it is.)
    if (counts) add(touched, cs.meta.className, String(wrap(cs.entity, true).getPrimaryKey()));
  }
  for (const coll of args.uow.getCollectionUpdates() as Collection<object>[]) {
    if (when === 'before' && created.has(coll.owner)) continue;
    add(touched, wrap(coll.owner, true).__meta.className, String(wrap(coll.owner, true).getPrimaryKey()));
  }
  return touched;
}

async function check(em: EntityManager, store: WriteScope, touched: Touched, when: 'before' | 'after'): Promise<void> {
  for (const [entity, ids] of touched) {
    const condition = store.visibility.writable(entity, 't');
    if (!condition) continue;
    const table = em.getMetadata().find(entity)?.tableName;
    if (!table) throw new ForbiddenError(`a record of type ${entity} cannot be changed with a portfolio scope`);
    const list = [...ids];
    const rows = (await em
      .getConnection()
      .execute(`select cast(t.id as text) as id from ${table} t where t.id in (${placeholders(list)}) and (${condition.sql})`, [...list, ...condition.params], 'all', em.getTransactionContext())) as { id: string }[];
    const allowed = new Set(rows.map((r) => String(r.id)));
    const refused = list.find((id) => !allowed.has(id));
    if (refused) {
      throw new ForbiddenError(
        `${entity} ${refused} ${when === 'before' ? 'is' : 'would be'} outside what your portfolio (scope ${store.scope}) lets you change: ` +
          'with a portfolio scope you change only records all of whose stakeholders are in it. Records shared with stakeholders outside it, and the ' +
          "organisation's own (governance codes and provisions, categories, obligations owed to no named stakeholder), are changed by a user with scope ALL",
      );
    }
  }
}

/** Registered with the ORM's subscribers; does nothing outside a scoped user's mutation. */
export class PortfolioWriteCheck implements EventSubscriber {
  async onFlush(args: FlushEventArgs): Promise<void> {
    const store = writeScope.getStore();
    if (store) await check(args.em, store, touchedBy(args, 'before'), 'before');
  }

  async afterFlush(args: FlushEventArgs): Promise<void> {
    const store = writeScope.getStore();
    if (store) await check(args.em, store, touchedBy(args, 'after'), 'after');
  }
}
