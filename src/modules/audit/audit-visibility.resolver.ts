import { ReferenceKind, type FilterQuery } from '@mikro-orm/core';
import { visibilityOf } from '../../shared/visibility';
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

  // A record is shown for the changes a portfolio scope lets the caller see; the record it
  // returned may be one they may not see (a link to one of theirs made from it): then null.
  @FieldResolver()
  entityType(@Root() record: AuditRecord, @Ctx() ctx: AppContext): string | null | Promise<string | null> {
    return ifReturnedVisible(record, ctx, record.entityType ?? null);
  }

  @FieldResolver()
  entityId(@Root() record: AuditRecord, @Ctx() ctx: AppContext): string | null | Promise<string | null> {
    return ifReturnedVisible(record, ctx, record.entityId ?? null);
  }
}

/** `value` when the caller may see the record `record` returned (at once when nothing is withheld: no promise per field). */
function ifReturnedVisible(record: AuditRecord, ctx: AppContext, value: string | null): string | null | Promise<string | null> {
  if (!visibilityOf(ctx.em) || !record.entityType || !record.entityId) return value;
  return ctx.loaders.isVisible(record.entityType, record.entityId).then((seen) => (seen ? value : null));
}

/**
 * A value of a change as the caller may see it: in a link (a relation's id, or a list of them)
 * the ids of records outside their portfolio scope are left out (a to-one link to one is null),
 * so that a shared record's history does not name the stakeholders of others.
 */
async function visibleValue(change: AuditChange, value: string | null, ctx: AppContext): Promise<string | null> {
  if (value == null) return value;
  const prop = ctx.em.getMetadata().find(change.entityType)?.properties[change.field as never] as { kind: ReferenceKind; type: string } | undefined;
  if (!prop || prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) return value;
  const parsed = JSON.parse(value) as unknown;
  const seen = (id: unknown) => (typeof id === 'string' ? ctx.loaders.isVisible(prop.type, id) : Promise.resolve(true));
  if (Array.isArray(parsed)) {
    const keep = await Promise.all(parsed.map(seen));
    return JSON.stringify(parsed.filter((_, i) => keep[i]));
  }
  return (await seen(parsed)) ? value : JSON.stringify(null);
}

@Resolver(() => AuditChange)
export class AuditChangeValueResolver {
  @FieldResolver()
  before(@Root() change: AuditChange, @Ctx() ctx: AppContext): string | null | Promise<string | null> {
    if (!seesAuditValue(ctx.caller, change.entityType, change.field)) return null;
    return visibilityOf(ctx.em) ? visibleValue(change, change.before ?? null, ctx) : (change.before ?? null);
  }

  @FieldResolver()
  after(@Root() change: AuditChange, @Ctx() ctx: AppContext): string | null | Promise<string | null> {
    if (!seesAuditValue(ctx.caller, change.entityType, change.field)) return null;
    return visibilityOf(ctx.em) ? visibleValue(change, change.after ?? null, ctx) : (change.after ?? null);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether `before` and `after` are withheld from you (both null then): the values of personal data (a contact person\'s name, role, e-mail and phone) are shown to administrators only, and e-mail and phone to nobody whose access withholds contact details.',
  })
  redacted(@Root() change: AuditChange, @Ctx() ctx: AppContext): boolean {
    return !seesAuditValue(ctx.caller, change.entityType, change.field);
  }
}
