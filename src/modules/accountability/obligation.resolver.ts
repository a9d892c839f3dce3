import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byName, byText, byTitle } from '../../shared/order';
import { LocalDateScalar } from '../../shared/scalars';
import { ListSize } from '../../shared/query-limits';
import { REVISION_ARG } from '../../shared/revision';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { Obligation } from './obligation.entity';
import { obligationOf, type ObligationRow } from './moment-row';
import { ApplicationDecisionInput, CreateObligationInput, ObligationFilter, ObligationSort, UpdateObligationInput } from './obligation.inputs';
import { planningClock } from './planning-scheduler';
import { ObligationService } from './obligation.service';
import { describeSchedule, PLAN_CHUNK } from './moment-schedule';
import { parseRule, RecurrenceError, SEARCH_YEARS } from './recurrence';
import { byTakingEffect, ObligationSchedule } from './obligation-schedule.entity';
import { ObligationApplication } from './obligation-application.entity';
import { Application, applicationInForce, byDecisionOrder } from './moment-status';
import { applicationsOf } from './obligation-applications';
import { scheduleWarnings } from './schedule-warnings';
import { PREVIEW_MAX, ScheduleWarning, SchedulePreview } from './schedule.types';
import { addDays, addMonths } from '../../shared/dates';
import { badInput } from '../../shared/errors';
import { clock as appClock } from '../../shared/clock';

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

const asOfArg = { nullable: true, description: 'The day to ask about (as decided by then); today when left out.' } as const;

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

  @Query(() => SchedulePreview, {
    description: 'What a recurrence rule would plan, before it is saved: the next dates and warnings in plain words (months skipped, fewer dates than the frequency suggests, an end before the planning horizon). createObligation and updateObligation give the same warnings in `scheduleWarnings`.',
  })
  previewSchedule(
    @Arg('rule', { description: 'RFC 5545 recurrence rule, e.g. `FREQ=MONTHLY;INTERVAL=3`.' }) rule: string,
    @Arg('start', () => LocalDateScalar, { description: 'The day the schedule starts (DTSTART).' }) start: string,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'List dates on or after this day; the start when left out.' }) from: string | null,
    @Arg('count', () => Int, { defaultValue: 10, description: `How many dates to list, 1–${PREVIEW_MAX}.` }) count: number,
    @Ctx() ctx: RequestContext,
  ): SchedulePreview {
    if (!Number.isInteger(count) || count < 1 || count > PREVIEW_MAX) throw badInput('count', `give 1 to ${PREVIEW_MAX} dates`);
    if (rule.length > 500) throw badInput('rule', 'at most 500 characters');
    try {
      const recurrence = parseRule(rule, start);
      const first = from && from > start ? from : start;
      const horizon = addMonths(appClock.today(), ctx.config.momentHorizonMonths);
      return {
        description: recurrence.describe(),
        dates: recurrence.between(first, addDays(addMonths(first, 12 * SEARCH_YEARS), -1), count),
        warnings: scheduleWarnings(rule, start, horizon),
      };
    } catch (error) {
      if (error instanceof RecurrenceError) throw badInput('rule', error.message);
      throw error;
    }
  }

  @Mutation(() => Obligation, {
    description: `Registers an obligation and plans its moments from its start up to the planning horizon (MOMENT_HORIZON_MONTHS ahead): the first ${PLAN_CHUNK} due dates in this mutation's own transaction, the rest by the planning job as soon as that is committed, before this answers. \`plannedUntil\` says how far planning reaches; the job moves it on with the horizon every day.`,
  })
  createObligation(@Arg('input', () => CreateObligationInput, { description: 'The new obligation.' }) input: CreateObligationInput, @Ctx() ctx: RequestContext) {
    const clock = planningClock(ctx.config.momentHorizonMonths);
    return ctx.mutate((em) => this.service.create(em, input, clock));
  }

  @Mutation(() => Obligation, {
    description: `Changes an obligation. A changed schedule takes effect from \`input.scheduleEffectiveFrom\` (today when left out, earlier or later when decided so): it replaces only moments due from then on that were not held or waived; held and waived moments and their evidence are never moved or deleted, and the earlier schedule stays in \`scheduleHistory\`. As with createObligation, the first ${PLAN_CHUNK} due dates are planned in its transaction, the rest as soon as it is committed, before this answers.`,
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
    return describeSchedule(o);
  }

  @Mutation(() => Obligation, {
    description:
      'Decides to apply or explain an obligation from a day on ("pas toe of leg uit" per period): e.g. EXPLAIN from 2025-01-01 with the explanation, and APPLY again from 2027-01-01. Moments due from that day on are EXPLAINED (or applied) once the decision counts (its decidedOn); earlier decisions stay, and answers for earlier as-of dates do not change.',
  })
  decideApplication(
    @Arg('obligationId', () => ID, { description: 'Obligation id.' }) obligationId: string,
    @Arg('input', () => ApplicationDecisionInput, { description: 'The decision.' }) input: ApplicationDecisionInput,
    @Ctx() ctx: RequestContext,
  ) {
    const day = appClock.today();
    return ctx.mutate((em) => this.service.decideApplication(em, obligationId, input, day));
  }

  @FieldResolver(() => Application, { description: '"Pas toe of leg uit" on `asOf`: APPLY, or EXPLAIN when the decision in force on that day (as decided by then) explains it. Per period: `applications`.' })
  async application(@Root() o: Obligation | ObligationRow, @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null, @Ctx() ctx: RequestContext): Promise<Application> {
    return (await this.inForce(o, asOf, ctx))?.application ?? Application.APPLY;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The explanation (uitleg) in force on `asOf`; null while it is applied.' })
  async explanation(@Root() o: Obligation | ObligationRow, @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null, @Ctx() ctx: RequestContext): Promise<string | null> {
    const a = await this.inForce(o, asOf, ctx);
    return a?.application === Application.EXPLAIN ? (a.explanation ?? null) : null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'The day the explanation in force on `asOf` was given; null while it is applied.' })
  async explainedOn(@Root() o: Obligation | ObligationRow, @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null, @Ctx() ctx: RequestContext): Promise<string | null> {
    const a = await this.inForce(o, asOf, ctx);
    return a?.application === Application.EXPLAIN ? a.decidedOn : null;
  }

  @FieldResolver(() => [ObligationApplication], {
    description: 'Its decisions to apply or explain, in the order they take effect (then as decided): the apply-or-explain history. None means applied throughout.',
  })
  async applications(@Root() o: Obligation | ObligationRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await applicationsOf(ctx, o.id))].sort(byDecisionOrder), first, ctx.pageLimits);
  }

  private async inForce(o: Obligation | ObligationRow, asOf: string | null, ctx: RequestContext) {
    const day = asOf ?? appClock.today();
    return applicationInForce(await applicationsOf(ctx, o.id), day, day);
  }

  @FieldResolver(() => [ScheduleWarning], { description: 'Warnings about the latest schedule, as previewSchedule gives them (empty for a one-off due date or a rule that does what its frequency suggests).' })
  @ListSize({ max: 3 })
  scheduleWarnings(@Root() o: Obligation | ObligationRow, @Ctx() ctx: RequestContext): ScheduleWarning[] {
    return o.recurrenceRule ? scheduleWarnings(o.recurrenceRule, o.scheduleStart, addMonths(appClock.today(), ctx.config.momentHorizonMonths)) : [];
  }

  @FieldResolver(() => [ObligationSchedule], {
    description: 'The versions of its schedule in the order they take effect, each with the day it ends (the day before the next one applies); superseded versions (replaced by a later decision from an earlier day) come with them, marked.',
  })
  async scheduleHistory(@Root() o: Obligation | ObligationRow, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst(await ctx.loaders.loadSorted(await obligationOf(ctx, o), 'schedules', byTakingEffect), first, ctx.pageLimits);
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

@Resolver(() => ObligationSchedule)
export class ObligationScheduleResolver {
  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'The last day this version applies to (the day before the next version that counts takes effect); null for the latest one, and for a superseded one.' })
  async effectiveUntil(@Root() v: ObligationSchedule, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (v.supersededAt) return null;
    const versions = await ctx.loaders.loadSorted(await ctx.loaders.load(v, 'obligation'), 'schedules', byTakingEffect);
    const counting = versions.filter((x) => !x.supersededAt);
    const next = counting[counting.findIndex((x) => x.id === v.id) + 1];
    return next ? addDays(next.effectiveFrom, -1) : null;
  }
}
