import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byCreatedAsc, byName, byText, byTitle } from '../../shared/order';
import { REVISION_ARG } from '../../shared/revision';
import { Interest } from '../interest/interest.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { FollowUpAction } from './follow-up-action.entity';
import { Interaction } from './interaction.entity';
import { CreateInteractionInput, InteractionFilter, InteractionSort, UpdateInteractionInput } from './interaction.inputs';
import { InteractionService } from './interaction.service';
import { clock } from '../../shared/clock';

registerEnumType(InteractionSort, {
  name: 'InteractionSort',
  description: 'Order of the interaction list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    OCCURRED_DESC: { description: 'Latest first, by the day it took place.' },
    OCCURRED_ASC: { description: 'Earliest first, by the day it took place.' },
  },
});

const InteractionConnection = Connection(Interaction, 'Interaction', 'interaction');

// Actions without a due day come last; then the order they were created in.
function byDueThenCreated(a: FollowUpAction, b: FollowUpAction): number {
  if ((a.dueOn ?? null) !== (b.dueOn ?? null)) {
    if (!a.dueOn) return 1;
    if (!b.dueOn) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  return byCreatedAsc(a, b);
}

@Resolver(() => Interaction)
export class InteractionResolver {
  private readonly service = new InteractionService();

  @Query(() => Interaction, { description: 'One interaction (contactmoment) by id; NOT_FOUND when there is none.' })
  interaction(@Arg('id', () => ID, { description: 'Interaction id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Interaction> {
    return findOrFail(ctx.em, Interaction, id);
  }

  @Query(() => InteractionConnection, { description: 'The log of interactions (contactmomenten) with stakeholders, filtered and paged.' })
  interactions(
    @Arg('filter', () => InteractionFilter, { nullable: true, description: 'Filters; all must match.' }) filter: InteractionFilter | null,
    @Arg('sort', () => InteractionSort, { defaultValue: InteractionSort.OCCURRED_DESC, description: 'Order of the list.' }) sort: InteractionSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => Interaction, { description: 'Logs a new interaction, with its follow-up actions, in one go.' })
  createInteraction(
    @Arg('input', () => CreateInteractionInput, { description: 'The new interaction.' }) input: CreateInteractionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.create(em, input, clock.today()));
  }

  @Mutation(() => Interaction, { description: 'Changes an interaction; given lists replace the old ones. Follow-up actions are changed with their own mutations.' })
  updateInteraction(
    @Arg('id', () => ID, { description: 'Interaction id.' }) id: string,
    @Arg('input', () => UpdateInteractionInput, { description: 'The changes.' }) input: UpdateInteractionInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [Interaction, id, revision] });
  }

  @Mutation(() => Interaction, { description: 'Archives an interaction (or restores it with `archived: false`). Nothing is deleted.' })
  archiveInteraction(
    @Arg('id', () => ID, { description: 'Interaction id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => [Stakeholder], { description: 'The stakeholders involved (belanghebbenden), by name.' })
  async stakeholders(@Root() i: Interaction, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(i, 'stakeholders'))].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [ContactPerson], { description: 'The contact persons who took part, by name.' })
  async contactPersons(@Root() i: Interaction, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(i, 'contactPersons'))].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Interest], { description: 'The interests (belangen) discussed, by topic.' })
  async interests(@Root() i: Interaction, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(i, 'interests'))].sort(byText((x) => x.topic)), first, ctx.pageLimits);
  }

  @FieldResolver(() => [StrategicGoal], { description: 'The strategic goals discussed, by title.' })
  async goals(@Root() i: Interaction, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(i, 'goals'))].sort(byTitle), first, ctx.pageLimits);
  }

  @FieldResolver(() => [FollowUpAction], { description: 'Follow-up actions (vervolgacties) agreed in it, by due day (those without one last), then creation.' })
  async followUpActions(
    @Root() i: Interaction,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg('followUpActions(filter: { interactionId })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(i, 'followUpActions');
    return takeFirst(all.filter((a) => matchesArchive(a, archived)).sort(byDueThenCreated), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Interest], { description: 'Interests first raised (voor het eerst ingebracht) in this interaction, by topic.' })
  async raisedInterests(
    @Root() i: Interaction,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(i, 'raisedInterests');
    return takeFirst(all.filter((x) => matchesArchive(x, archived)).sort(byText((x) => x.topic)), first, ctx.pageLimits);
  }
}
