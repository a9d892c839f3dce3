import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs } from '../../shared/pagination';
import { LocalDateScalar } from '../../shared/scalars';
import { REVISION_ARG } from '../../shared/revision';
import { FollowUpAction } from './follow-up-action.entity';
import { isActionOverdue } from './follow-up';
import { Interaction } from './interaction.entity';
import { CreateFollowUpActionInput, FollowUpActionFilter, FollowUpActionSort, UpdateFollowUpActionInput } from './interaction.inputs';
import { InteractionService } from './interaction.service';
import { clock } from '../../shared/clock';

registerEnumType(FollowUpActionSort, {
  name: 'FollowUpActionSort',
  description:
    'Order of the follow-up action list; ties are broken by id so that paging is stable. (Due days are optional, so there is no stable paged order on them: filter with dueFrom/dueTo or overdueAsOf instead.)',
  valuesConfig: {
    CREATED_DESC: { description: 'Most recently registered first.' },
    CREATED_ASC: { description: 'Oldest first, in the order they were registered.' },
  },
});

const FollowUpActionConnection = Connection(FollowUpAction, 'FollowUpAction', 'follow-up action');

@Resolver(() => FollowUpAction)
export class FollowUpActionResolver {
  private readonly service = new InteractionService();

  @Query(() => FollowUpAction, { description: 'One follow-up action (vervolgactie) by id; NOT_FOUND when there is none.' })
  followUpAction(@Arg('id', () => ID, { description: 'Follow-up action id.' }) id: string, @Ctx() ctx: RequestContext): Promise<FollowUpAction> {
    return findOrFail(ctx.em, FollowUpAction, id);
  }

  @Query(() => FollowUpActionConnection, {
    description: 'Follow-up actions (vervolgacties) across all interactions, filtered and paged; e.g. the overdue ones with `filter: { overdueAsOf }`.',
  })
  followUpActions(
    @Arg('filter', () => FollowUpActionFilter, { nullable: true, description: 'Filters; all must match.' }) filter: FollowUpActionFilter | null,
    @Arg('sort', () => FollowUpActionSort, { defaultValue: FollowUpActionSort.CREATED_DESC, description: 'Order of the list.' }) sort: FollowUpActionSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.listActions(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => FollowUpAction, { description: 'Adds a follow-up action to an existing interaction.' })
  createFollowUpAction(
    @Arg('input', () => CreateFollowUpActionInput, { description: 'The new follow-up action.' }) input: CreateFollowUpActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.createAction(em, input, clock.today()));
  }

  @Mutation(() => FollowUpAction, {
    description: 'Changes a follow-up action. Status DONE without completedOn records today; another status clears completedOn.',
  })
  updateFollowUpAction(
    @Arg('id', () => ID, { description: 'Follow-up action id.' }) id: string,
    @Arg('input', () => UpdateFollowUpActionInput, { description: 'The changes.' }) input: UpdateFollowUpActionInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateAction(em, id, input, clock.today()), { revisionOf: [FollowUpAction, id, revision] });
  }

  @Mutation(() => FollowUpAction, { description: 'Archives a follow-up action (or restores it with `archived: false`). Nothing is deleted.' })
  archiveFollowUpAction(
    @Arg('id', () => ID, { description: 'Follow-up action id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveAction(em, id, archived));
  }

  @FieldResolver(() => Interaction, { description: 'The interaction (contactmoment) in which it was agreed.' })
  interaction(@Root() a: FollowUpAction, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(a, 'interaction');
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether it is overdue (te laat) on `asOf`: due before that day, not cancelled, and not completed on or before it.',
  })
  overdue(
    @Root() a: FollowUpAction,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'The day to ask about; today when left out.' }) asOf: string | null,
  ): boolean {
    return isActionOverdue(a, asOf ?? clock.today());
  }
}
