import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { REVISION_ARG } from '../../shared/revision';
import { GoalMeasurement } from './goal-measurement.entity';
import { StrategicGoal } from './strategic-goal.entity';
import { CreateGoalMeasurementInput, UpdateGoalMeasurementInput } from './strategic-goal.inputs';
import { StrategicGoalService } from './strategic-goal.service';

@Resolver(() => GoalMeasurement)
export class GoalMeasurementResolver {
  private readonly service = new StrategicGoalService();

  @Query(() => GoalMeasurement, { description: 'One KPI measurement (meting) by id; NOT_FOUND when there is none.' })
  goalMeasurement(@Arg('id', () => ID, { description: 'Measurement id.' }) id: string, @Ctx() ctx: RequestContext): Promise<GoalMeasurement> {
    return findOrFail(ctx.em, GoalMeasurement, id);
  }

  @Mutation(() => GoalMeasurement, { description: "Records a measurement of a goal's KPI; the goal must have a KPI." })
  createGoalMeasurement(
    @Arg('input', () => CreateGoalMeasurementInput, { description: 'The new measurement.' }) input: CreateGoalMeasurementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.createMeasurement(em, input));
  }

  @Mutation(() => GoalMeasurement, { description: 'Corrects a measurement.' })
  updateGoalMeasurement(
    @Arg('id', () => ID, { description: 'Measurement id.' }) id: string,
    @Arg('input', () => UpdateGoalMeasurementInput, { description: 'The corrections.' }) input: UpdateGoalMeasurementInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateMeasurement(em, id, input), { revisionOf: [GoalMeasurement, id, revision] });
  }

  @Mutation(() => GoalMeasurement, { description: 'Archives a measurement made in error (or restores it); archived measurements never count for progress.' })
  archiveGoalMeasurement(
    @Arg('id', () => ID, { description: 'Measurement id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveMeasurement(em, id, archived));
  }

  @FieldResolver(() => StrategicGoal, { description: 'The goal whose KPI was measured.' })
  goal(@Root() m: GoalMeasurement, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(m, 'goal');
  }
}
