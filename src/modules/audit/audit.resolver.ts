import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root, type ClassType } from 'type-graphql';
import type { AppContext } from '../access/access.service';
import { allOf, sqlCondition } from '../../shared/filters';
import { checkListArg, Connection, FirstArg, PageArgs, paginate, takeFirst } from '../../shared/pagination';
import { seesAuditOf } from '../access/policy';
import { visibilityOf, visibleWhere } from '../../shared/visibility';
import { visibleAuditRecords } from './audit-visibility.resolver';
import { AuditChange, AuditRecord } from './audit.entity';

@InputType({ description: 'Filters for the audit trail; all given filters must match.' })
class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Only mutations that changed this record (any type).' })
  @IsOptional() @IsUUID('all')
  entityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only mutations that changed a record of this type, e.g. `Stakeholder`.' })
  @IsOptional() @IsString() @MaxLength(100)
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only mutations by this user. Viewers, who do not see who made a change, get FORBIDDEN.' })
  @IsOptional() @IsUUID('all')
  userId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this mutation, e.g. `updateObligation`.' })
  @IsOptional() @IsString() @MaxLength(100)
  operation?: string | null;

  @Field(() => Date, { nullable: true, description: 'Only changes at or after this moment.' })
  @IsOptional() @IsDate()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Only changes before this moment.' })
  @IsOptional() @IsDate()
  to?: Date | null;
}

const AuditConnection = Connection(AuditRecord, 'AuditRecord', 'audit record');

/**
 * Records with a change of this record (or type). With a portfolio scope, only a change the
 * caller may see counts: asking for the changes of a record outside the scope finds none, so
 * that the filter cannot tell whether it exists.
 */
function changedRecord(em: EntityManager, entityId: string | null | undefined, entityType: string | null | undefined): FilterQuery<AuditRecord> {
  const seen = visibilityOf(em)?.visible('AuditChange', 'fc');
  if (!seen) return { changes: { ...(entityId ? { entityId } : {}), ...(entityType ? { entityType } : {}) } };
  const params = [...(entityId ? [entityId] : []), ...(entityType ? [entityType] : []), ...seen.params];
  return sqlCondition<AuditRecord>(
    (a) => `exists (select 1 from audit_change fc where fc.record_id = ${a}.id${entityId ? ' and fc.entity_id = ?' : ''}${entityType ? ' and fc.entity_type = ?' : ''} and (${seen.sql}))`,
    params,
  );
}

/** Audit records that changed each of `ids`, newest first (one statement for all ids). */
async function historyOf(em: EntityManager, ids: readonly string[], limit: number): Promise<AuditRecord[][]> {
  const changes = await em.find(AuditChange, { entityId: { $in: [...ids] } }, { populate: ['record'], fields: ['entityId', 'record'] as never });
  const byId = new Map<string, Map<string, AuditRecord>>();
  for (const c of changes) (byId.get(c.entityId) ?? byId.set(c.entityId, new Map()).get(c.entityId)!).set(c.record.id, c.record);
  return ids.map((id) =>
    [...(byId.get(id)?.values() ?? [])].sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || b.id.localeCompare(a.id)).slice(0, limit),
  );
}

@Resolver(() => AuditRecord)
export class AuditResolver {
  @Query(() => AuditConnection, { description: 'The audit trail (audittrail): every successful mutation, newest first, filtered and paged.' })
  auditTrail(
    @Arg('filter', () => AuditFilter, { nullable: true, description: 'Filters; all must match.' }) filter: AuditFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: AppContext,
  ) {
    const f = filter ?? {};
    const where = () => allOf<AuditRecord>(
      f.userId && { userId: f.userId },
      f.operation && { operation: f.operation },
      f.from && { occurredAt: { $gte: f.from } },
      f.to && { occurredAt: { $lt: f.to } },
      (f.entityId || f.entityType) && changedRecord(ctx.em, f.entityId, f.entityType),
      visibleAuditRecords(ctx.caller),
      // A portfolio scope: only records that changed something the caller sees (portfolio-scope.ts).
      visibleWhere(ctx.em, AuditRecord),
    );
    return paginate(ctx.em, AuditRecord, where, [{ occurredAt: 'desc' }, { id: 'desc' }], page, ctx.pageLimits);
  }

  @FieldResolver(() => [AuditChange], { description: 'The changed fields, optionally of one record only.' })
  async changes(
    @Root() record: AuditRecord,
    @Arg('entityId', () => ID, { nullable: true, description: 'Only changes of this record.' }) entityId: string | null,
    @FirstArg() first: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<AuditChange[]> {
    const all = await ctx.loaders.load(record, 'changes');
    return takeFirst(
      all
        .filter((c) => (!entityId || c.entityId === entityId) && seesAuditOf(ctx.caller, c.entityType))
        .sort((a, b) => a.entityType.localeCompare(b.entityType) || a.entityId.localeCompare(b.entityId) || a.field.localeCompare(b.field)),
      first,
      ctx.pageLimits,
    );
  }
}

/** Adds `history` to a type: the audit records that changed it, newest first, batched. */
export function HistoryResolver<T extends { id: string }>(type: ClassType<T>, what: string) {
  @Resolver(() => type)
  class TypeHistoryResolver {
    @FieldResolver(() => [AuditRecord], { description: `Who changed this ${what} and how (audit trail), newest first; follow \`changes(entityId)\` for the fields.` })
    history(
      @Root() root: T,
      @Arg('last', () => Int, { defaultValue: 20, description: 'How many of the latest changes: 1 to MAX_PAGE_SIZE (default 100).' }) last: number,
      @Ctx() ctx: AppContext,
    ): Promise<AuditRecord[]> {
      checkListArg('last', last, ctx.pageLimits);
      return ctx.loaders.batch(`history:${last}`, (ids: readonly string[]) => historyOf(ctx.em, ids, last), root.id);
    }
  }
  Object.defineProperty(TypeHistoryResolver, 'name', { value: `${type.name}HistoryResolver` });
  return TypeHistoryResolver;
}
