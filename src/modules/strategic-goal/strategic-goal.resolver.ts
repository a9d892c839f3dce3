import { Arg, Args, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byDateDesc, byName } from '../../shared/order';
import { LocalDateScalar } from '../../shared/scalars';
import { REVISION_ARG } from '../../shared/revision';
import { Agreement } from '../agreement/agreement.entity';
import { Interaction } from '../interaction/interaction.entity';
import { Interest } from '../interest/interest.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { GoalMeasurement } from './goal-measurement.entity';
import { latestMeasurement } from './goal-progress';
import { StrategicGoal } from './strategic-goal.entity';
import { GoalHealth } from './strategic-goal.enums';
import { CreateStrategicGoalInput, StrategicGoalFilter, StrategicGoalSort, UpdateStrategicGoalInput } from './strategic-goal.inputs';
import { StrategicGoalService, healthAt, progressAt } from './strategic-goal.service';
import { clock } from '../../shared/clock';
import { percent } from '../../shared/percent';

registerEnumType(StrategicGoalSort, {
  name: 'StrategicGoalSort',
  description: 'Order of the strategic goal list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    PERIOD_START_DESC: { description: 'Latest period start first.' },
    PERIOD_START_ASC: { description: 'Earliest period start first.' },
    TITLE_ASC: { description: 'By title, A–Z.' },
  },
});

const StrategicGoalConnection = Connection(StrategicGoal, 'StrategicGoal', 'strategic goal');

const AS_OF = { nullable: true, description: 'The day to ask about (peildatum); today when left out.' } as const;

@Resolver(() => StrategicGoal)
export class StrategicGoalResolver {
  private readonly service = new StrategicGoalService();

  @Query(() => StrategicGoal, { description: 'One strategic goal by id; NOT_FOUND when there is none.' })
  strategicGoal(@Arg('id', () => ID, { description: 'Strategic goal id.' }) id: string, @Ctx() ctx: RequestContext): Promise<StrategicGoal> {
    return findOrFail(ctx.em, StrategicGoal, id);
  }

  @Query(() => StrategicGoalConnection, { description: 'Strategic goals (strategische doelen, samenwerkingsdoelen), filtered and paged.' })
  strategicGoals(
    @Arg('filter', () => StrategicGoalFilter, { nullable: true, description: 'Filters; all must match.' }) filter: StrategicGoalFilter | null,
    @Arg('sort', () => StrategicGoalSort, { defaultValue: StrategicGoalSort.PERIOD_START_DESC, description: 'Order of the list.' }) sort: StrategicGoalSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => StrategicGoal, { description: 'Records a new strategic goal, optionally with a KPI and the stakeholders it was agreed with.' })
  createStrategicGoal(
    @Arg('input', () => CreateStrategicGoalInput, { description: 'The new goal.' }) input: CreateStrategicGoalInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.create(em, input));
  }

  @Mutation(() => StrategicGoal, { description: 'Changes a strategic goal.' })
  updateStrategicGoal(
    @Arg('id', () => ID, { description: 'Strategic goal id.' }) id: string,
    @Arg('input', () => UpdateStrategicGoalInput, { description: 'The changes.' }) input: UpdateStrategicGoalInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [StrategicGoal, id, revision] });
  }

  @Mutation(() => StrategicGoal, { description: 'Archives a strategic goal (or restores it with `archived: false`). Nothing is deleted.' })
  archiveStrategicGoal(
    @Arg('id', () => ID, { description: 'Strategic goal id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => [Stakeholder], { description: 'The stakeholders (belanghebbenden) the goal was agreed with (not archived), by name.' })
  async stakeholders(@Root() g: StrategicGoal, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(g, 'stakeholders');
    return takeFirst(all.filter((s) => !s.archivedAt).sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Interest], { description: 'The interests (belangen) this goal answers (not archived), latest identified first.' })
  async interests(@Root() g: StrategicGoal, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(g, 'interests');
    return takeFirst(all.filter((i) => !i.archivedAt).sort(byDateDesc((i) => i.identifiedOn)), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Agreement], { description: 'The agreements (afspraken) that carry this goal (not archived), latest first.' })
  async agreements(@Root() g: StrategicGoal, @FirstArg('agreements(filter: { goalIds })') first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(g, 'agreements');
    return takeFirst(all.filter((a) => !a.archivedAt).sort(byDateDesc((a) => a.signedOn ?? a.validFrom ?? '')), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Interaction], { description: 'Interactions (contactmomenten) in which the goal was discussed (not archived), latest first.' })
  async discussedIn(@Root() g: StrategicGoal, @FirstArg('interactions(filter: { goalIds })') first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(g, 'discussedIn');
    return takeFirst(all.filter((i) => !i.archivedAt).sort(byDateDesc((i) => i.occurredOn)), first, ctx.pageLimits);
  }

  @FieldResolver(() => [GoalMeasurement], { description: 'KPI measurements (metingen), not archived, oldest first.' })
  async measurements(@Root() g: StrategicGoal, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(g, 'measurements');
    return takeFirst(all
      .filter((m) => !m.archivedAt)
      .sort(
        (a, b) =>
          a.measuredOn.localeCompare(b.measuredOn) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
      ), first, ctx.pageLimits);
  }

  @FieldResolver(() => GoalMeasurement, { nullable: true, description: 'The latest measurement on or before `asOf`; null when there is none.' })
  async latestMeasurement(
    @Root() g: StrategicGoal,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return latestMeasurement(await ctx.loaders.load(g, 'measurements'), asOf ?? clock.today());
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      'Share of the way from baseline to target at `asOf`, from the latest measurement, as the exact fraction (0 = at baseline, 1 = target reached; may exceed 1 or go below 0); show people `progressPercent`. Null without KPI or measurement, or when target equals baseline.',
  })
  async progress(
    @Root() g: StrategicGoal,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return progressAt(g, await ctx.loaders.load(g, 'measurements'), asOf ?? clock.today());
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Progress at `asOf` as a whole percentage (voortgang in procenten), as people read it: 70 for a `progress` of 0.7000000000000011; may exceed 100 or go below 0. Null when `progress` is.',
  })
  async progressPercent(
    @Root() g: StrategicGoal,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return percent(progressAt(g, await ctx.loaders.load(g, 'measurements'), asOf ?? clock.today()));
  }

  @FieldResolver(() => GoalHealth, { description: 'Health at `asOf` (op koers, risico, achter): progress compared with the share of the period that has passed.' })
  async health(
    @Root() g: StrategicGoal,
    @Arg('asOf', () => LocalDateScalar, AS_OF) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return healthAt(g, await ctx.loaders.load(g, 'measurements'), asOf ?? clock.today());
  }
}
