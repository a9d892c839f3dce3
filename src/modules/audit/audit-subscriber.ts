import { AsyncLocalStorage } from 'node:async_hooks';
import { ChangeSetType, type Collection, type EventSubscriber, type FlushEventArgs, wrap } from '@mikro-orm/core';
import { AuditChange, AuditRecord, ChangeAction } from './audit.entity';

// Writes the field-level changes of a mutation into the audit trail, inside the mutation's own
// flush (so in its transaction): a failed mutation writes no audit either. The mutation's
// record is put in `auditScope` by the audit hook (audit-hook.ts); flushes outside a mutation (start-up
// planning, seeds) are not audited.

export const auditScope = new AsyncLocalStorage<{ record: AuditRecord }>();

/** Fields that say nothing about the change itself, or must never be copied. */
const SKIPPED = new Set(['updatedAt', 'createdAt', 'revision']);
const HIDDEN = new Set(['secretHash']);

function plain(value: unknown): unknown {
  if (value == null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'id' in (value as object)) return (value as { id: unknown }).id;
  return value;
}

function json(field: string, value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(HIDDEN.has(field) ? '[hidden]' : plain(value));
}

function idsOf(items: readonly object[] | undefined): string[] {
  return (items ?? []).map((i) => String(wrap(i, true).getPrimaryKey())).sort();
}

export class AuditSubscriber implements EventSubscriber {
  onFlush(args: FlushEventArgs): void {
    const scope = auditScope.getStore();
    if (!scope) return;
    const { uow, em } = args;
    const changes: AuditChange[] = [];
    const add = (entityType: string, entityId: string, action: ChangeAction, field: string, before: string | null, after: string | null) => {
      const c = new AuditChange();
      Object.assign(c, { record: scope.record, entityType, entityId, action, field, before, after });
      changes.push(c);
    };
    const created = new Set(uow.getChangeSets().filter((cs) => cs.type === ChangeSetType.CREATE).map((cs) => cs.entity));
    for (const cs of uow.getChangeSets()) {
      if (cs.entity instanceof AuditRecord || cs.entity instanceof AuditChange) continue;
      const type = cs.meta.className;
      const id = String(wrap(cs.entity, true).getPrimaryKey());
      if (cs.type === ChangeSetType.CREATE) {
        for (const [field, value] of Object.entries(cs.payload)) if (!SKIPPED.has(field)) add(type, id, ChangeAction.CREATE, field, null, json(field, value));
      } else if (cs.type === ChangeSetType.UPDATE) {
        for (const [field, value] of Object.entries(cs.payload)) {
          if (!SKIPPED.has(field)) add(type, id, ChangeAction.UPDATE, field, json(field, (cs.originalEntity as Record<string, unknown>)?.[field]), json(field, value));
        }
      } else if (cs.type === ChangeSetType.DELETE) {
        add(type, id, ChangeAction.DELETE, '*', JSON.stringify(cs.originalEntity ?? null), null);
      }
    }
    for (const coll of uow.getCollectionUpdates() as Collection<object>[]) {
      const owner = coll.owner;
      const before = idsOf(coll.getSnapshot() as object[] | undefined);
      const after = idsOf(coll.getItems(false));
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      const isNew = created.has(owner);
      add(wrap(owner, true).__meta.className, String(wrap(owner, true).getPrimaryKey()), isNew ? ChangeAction.CREATE : ChangeAction.UPDATE, coll.property.name, isNew ? null : JSON.stringify(before), JSON.stringify(after));
    }
    for (const c of changes) {
      em.persist(c);
      uow.computeChangeSet(c);
    }
  }
}
