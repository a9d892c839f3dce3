import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byName, byText, byTitle } from '../../shared/order';
import { LocalDateScalar } from '../../shared/scalars';
import { REVISION_ARG } from '../../shared/revision';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { Obligation } from './obligation.entity';
import { obligationOf, type ObligationRow } from './moment-row';
import { CreateObligationInput, ObligationFilter, ObligationSort, UpdateObligationInput } from './obligation.inputs';
import { planningClock } from './planning-scheduler';
import { ObligationService } from './obligation.service';
import { PLAN_CHUNK } from './moment-schedule';
import { describeRule } from './recurrence';

registerEnumType(ObligationSort, {
  name: 'ObligationSort',
  description: 'Order of the obligation list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    TITLE_ASC: { description: 'By title, A–Z.' },
    CREATED_DESC: { description: 'Most recently registered first.' },
  },
});

const ObligationConnection = Connection(Obligation, 'Obligation', 'obligation');

// ISO days compare as plain strings; localeCompare is many times slower.
const byDueOn = (a: AccountabilityMoment, b: AccountabilityMoment) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

@Resolver(() => Obligation)
export class ObligationResolver {
  private readonly service = new ObligationService();

  @Query(() => Obligation, { description: 'One obligation (verantwoordingsplicht) by id; NOT_FOUND when there is none.' })
  obligation(@Arg('id', () => ID, { description: 'Obligation id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Obligation> {
    return findOrFail(ctx.em, Obligation, id);
  }

  @Query(() => ObligationConnection, { description: 'Accountability obligations (verantwoordingsplichten), filtered and paged.' })
  obligations(
    @Arg('filter', () => ObligationFilter, { nullable: true, description: 'Filters; all must match.' }) filter: ObligationFilter | null,
    @Arg('sort', () => ObligationSort, { defaultValue: ObligationSort.TITLE_ASC, description: 'Order of the list.' }) sort: ObligationSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => Obligation, {
    description: `Registers an obligation and plans its moments from its start up to the planning horizon (MOMENT_HORIZON_MONTHS ahead): the first ${PLAN_CHUNK} due dates in this mutation's own transaction, the rest by the planning job as soon as that is committed, before this answers. \`plannedUntil\` says how far planning reaches; the job moves it on with the horizon every day.`,
  })
  createObligation(@Arg('input', () => CreateObligationInput, { description: 'The new obligation.' }) input: CreateObligationInput, @Ctx() ctx: RequestContext) {
    const clock = planningClock(ctx.config.momentHorizonMonths);
    return ctx.mutate((em) => this.service.create(em, input, clock));
  }

  @Mutation(() => Obligation, {
    description: `Changes an obligation. A changed schedule replaces only moments due from today on that were not held or waived; held moments and their evidence are never moved or deleted. As with createObligation, the first ${PLAN_CHUNK} due dates are planned in its transaction, the rest as soon as it is committed, before this answers.`,
  })
  updateObligation(
    @Arg('id', () => ID, { description: 'Obligation id.' }) id: string,
    @Arg('input', () => UpdateObligationInput, { description: 'The changes.' }) input: UpdateObligationInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    const clock = planningClock(ctx.config.momentHorizonMonths);
    return ctx.mutate((em) => this.service.update(em, id, input, clock), { revisionOf: [Obligation, id, revision] });
  }

  @Mutation(() => Obligation, {
    description: 'Archives an obligation registered by mistake (or restores it with `archived: false`); archived obligations are left out of reports. To end an obligation, set its activeUntil instead.',
  })
  archiveObligation(
    @Arg('id', () => ID, { description: 'Obligation id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => [CodeProvision], { description: 'The code provisions it comes from, by reference.' })
  async provisions(@Root() o: Obligation | ObligationRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(await obligationOf(ctx, o), 'provisions');
    return takeFirst([...all].sort(byText((p) => p.reference)), first, ctx.pageLimits);
  }

  @FieldResolver(() => Agreement, { nullable: true, description: 'The agreement it comes from, if any.' })
  async agreement(@Root() o: Obligation | ObligationRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(await obligationOf(ctx, o), 'agreement');
  }

  @FieldResolver(() => [Stakeholder], { description: 'Stakeholders account is owed to by name (directly; see also audienceCategories).' })
  async audienceStakeholders(@Root() o: Obligation | ObligationRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(await obligationOf(ctx, o), 'audienceStakeholders');
    return takeFirst([...all].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [StakeholderCategory], { description: 'Stakeholder categories account is owed to (every stakeholder in them).' })
  async audienceCategories(@Root() o: Obligation | ObligationRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(await obligationOf(ctx, o), 'audienceCategories');
    return takeFirst([...all].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => String, { description: 'The schedule in words, e.g. "every year in July on the 1st" or "once, on 2026-12-31".' })
  schedule(@Root() o: Obligation | ObligationRow): string {
    return o.recurrenceRule ? describeRule(o.recurrenceRule, o.scheduleStart) : `once, on ${o.dueOn}`;
  }

  @FieldResolver(() => [AccountabilityMoment], {
    description: 'Its moments by due date, optionally within a period. For long histories use `accountabilityMoments` with paging.',
  })
  async moments(
    @Root() o: Obligation | ObligationRow,
    @Arg('dueFrom', () => LocalDateScalar, { nullable: true, description: 'Only moments due on or after this day.' }) dueFrom: string | null,
    @Arg('dueTo', () => LocalDateScalar, { nullable: true, description: 'Only moments due on or before this day.' }) dueTo: string | null,
    @FirstArg('accountabilityMoments(filter: { obligationIds })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.loadSorted(await obligationOf(ctx, o), 'moments', byDueOn);
    const inPeriod = dueFrom || dueTo ? all.filter((m) => (!dueFrom || m.dueOn >= dueFrom) && (!dueTo || m.dueOn <= dueTo)) : all;
    return takeFirst(inPeriod, first, ctx.pageLimits);
  }
}

@Resolver(() => CodeProvision)
export class ProvisionObligationsResolver {
  @FieldResolver(() => [Obligation], { description: 'The obligations that come from this provision, by title.' })
  async obligations(
    @Root() p: CodeProvision,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state of the obligations.' }) archived: ArchiveFilter,
    @FirstArg('obligations(filter: { provisionIds })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(p, 'obligations');
    return takeFirst(all.filter((o) => matchesArchive(o, archived)).sort(byTitle), first, ctx.pageLimits);
  }
}
