import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { REVISION_ARG } from '../../shared/revision';
import { StakeholderAssessment } from './stakeholder-assessment.entity';
import { Stakeholder } from './stakeholder.entity';
import { CreateStakeholderAssessmentInput, UpdateStakeholderAssessmentInput } from './stakeholder.inputs';
import { StakeholderService } from './stakeholder.service';

@Resolver(() => StakeholderAssessment)
export class StakeholderAssessmentResolver {
  private readonly service = new StakeholderService();

  @Query(() => StakeholderAssessment, { description: 'One salience assessment by id.' })
  stakeholderAssessment(@Arg('id', () => ID, { description: 'Assessment id.' }) id: string, @Ctx() ctx: RequestContext) {
    return findOrFail(ctx.em, StakeholderAssessment, id);
  }

  @Mutation(() => StakeholderAssessment, { description: 'Records a new dated assessment; the latest becomes current.' })
  createStakeholderAssessment(@Arg('input', () => CreateStakeholderAssessmentInput, { description: 'The new record.' }) input: CreateStakeholderAssessmentInput, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.createAssessment(em, input));
  }

  @Mutation(() => StakeholderAssessment, { description: 'Corrects an assessment.' })
  updateStakeholderAssessment(
    @Arg('id', () => ID, { description: 'Assessment id.' }) id: string,
    @Arg('input', () => UpdateStakeholderAssessmentInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateStakeholderAssessmentInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateAssessment(em, id, input), { revisionOf: [StakeholderAssessment, id, revision] });
  }

  @Mutation(() => StakeholderAssessment, { description: 'Archives an assessment made in error (or restores it); archived assessments are never current.' })
  archiveStakeholderAssessment(
    @Arg('id', () => ID, { description: 'Assessment id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveAssessment(em, id, archived));
  }

  @FieldResolver(() => Stakeholder, { description: 'The stakeholder assessed.' })
  stakeholder(@Root() a: StakeholderAssessment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(a, 'stakeholder');
  }
}
