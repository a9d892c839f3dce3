import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { clock } from '../../shared/clock';
import { ConflictError } from '../../shared/errors';
import type { EntityRef, MutationCall, UnitOfWorkHook } from '../../shared/unit-of-work';
import { auditScope } from './audit-subscriber';
import { AuditRecord } from './audit.entity';

/** How long a retry is answered with the first result; after that the key is refused. */
const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The audit trail as a hook on every mutation's unit of work: its record and field changes are
 * written by the mutation's own flush, in its transaction (a failed mutation writes no audit
 * either). The record also remembers the Idempotency-Key, so a retried request is answered
 * with the record the first one made.
 */
export function auditHook(orm: MikroORM): UnitOfWorkHook {
  return {
    async replay(call: MutationCall): Promise<EntityRef | null> {
      if (!call.idempotencyKey) return null;
      const first = await orm.em.fork().findOne(AuditRecord, { userId: call.caller.user.id, idempotencyKey: call.idempotencyKey });
      if (!first) return null;
      if (first.requestHash !== call.requestHash) {
        throw new ConflictError('this Idempotency-Key was used for another request (another mutation or other arguments): send a new key', 'Idempotency-Key');
      }
      if (clock.millis() - first.occurredAt.getTime() > IDEMPOTENCY_WINDOW_MS) {
        throw new ConflictError(`this Idempotency-Key was used on ${first.occurredAt.toISOString()}, more than 24 hours ago: send a new key`, 'Idempotency-Key');
      }
      return { entityType: first.entityType!, id: first.entityId! };
    },

    around<T>(call: MutationCall, run: () => Promise<T>): Promise<T> {
      const record = new AuditRecord();
      record.userId = call.caller.user.id;
      record.userName = call.caller.user.name;
      record.tokenId = call.caller.token.id;
      record.operation = call.operation;
      record.idempotencyKey = call.idempotencyKey;
      record.requestHash = call.requestHash;
      return auditScope.run({ record }, run);
    },

    begin(em: EntityManager): void {
      em.persist(auditScope.getStore()!.record);
    },

    end(_em: EntityManager, _call: MutationCall, result: EntityRef): void {
      const { record } = auditScope.getStore()!;
      record.entityType = result.entityType;
      record.entityId = result.id;
    },
  };
}
