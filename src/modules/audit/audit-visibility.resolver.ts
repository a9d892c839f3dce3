import type { FilterQuery } from '@mikro-orm/core';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AppContext } from '../access/access.service';
import { sqlCondition } from '../../shared/filters';
import { placeholders } from '../../shared/sql';
import type { Caller } from '../access/access.service';
import { ACCESS_ENTITY_TYPES, isAdmin, seesAuditAuthor, seesAuditToken, seesAuditValue } from '../access/policy';
import { AuditChange, AuditRecord } from './audit.entity';

// What the audit trail shows to whom; the rules are in access/policy.ts ("The audit trail").
// The values are withheld here, in the fields themselves, so that every way to an audit
// record or change (auditTrail, history on every type, personalDataExport) shows the same.

/**
 * The audit records `caller` may see, as an SQL condition (so that paging and totalCount
 * count only those): for anyone but an administrator, no record of a change to users or API
 * tokens, i.e. none that returned one, and none whose every change is of one.
 */
export function visibleAuditRecords(caller: Caller): FilterQuery<AuditRecord> | undefined {
  if (isAdmin(caller)) return undefined;
  const types = [...ACCESS_ENTITY_TYPES];
  return sqlCondition<AuditRecord>(
    (a) =>
      `((${a}.entity_type is null or ${a}.entity_type not in (${placeholders(types)}))` +
      ` and (exists (select 1 from audit_change vc where vc.record_id = ${a}.id and vc.entity_type not in (${placeholders(types)}))` +
      ` or not exists (select 1 from audit_change vc where vc.record_id = ${a}.id)))`,
    [...types, ...types],
  );
}

@Resolver(() => AuditRecord)
export class AuditAuthorResolver {
  @FieldResolver()
  userId(@Root() record: AuditRecord, @Ctx() ctx: AppContext): string | null {
    return seesAuditAuthor(ctx.caller) ? record.userId : null;
  }

  @FieldResolver()
  userName(@Root() record: AuditRecord, @Ctx() ctx: AppContext): string | null {
    return seesAuditAuthor(ctx.caller) ? record.userName : null;
  }

  @FieldResolver()
  tokenId(@Root() record: AuditRecord, @Ctx() ctx: AppContext): string | null {
    return seesAuditToken(ctx.caller) ? record.tokenId : null;
  }
}

@Resolver(() => AuditChange)
export class AuditChangeValueResolver {
  @FieldResolver()
  before(@Root() change: AuditChange, @Ctx() ctx: AppContext): string | null {
    return seesAuditValue(ctx.caller, change.entityType, change.field) ? (change.before ?? null) : null;
  }

  @FieldResolver()
  after(@Root() change: AuditChange, @Ctx() ctx: AppContext): string | null {
    return seesAuditValue(ctx.caller, change.entityType, change.field) ? (change.after ?? null) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether `before` and `after` are withheld from you (both null then): the values of personal data (a contact person\'s name, role, e-mail and phone) are shown to administrators only.',
  })
  redacted(@Root() change: AuditChange, @Ctx() ctx: AppContext): boolean {
    return !seesAuditValue(ctx.caller, change.entityType, change.field);
  }
}
