import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byDateDesc } from '../../shared/order';
import { REVISION_ARG } from '../../shared/revision';
import { Interaction } from '../interaction/interaction.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { Interest } from './interest.entity';
import { CreateInterestInput, InterestFilter, InterestSort, UpdateInterestInput } from './interest.inputs';
import { InterestService, isAnswered } from './interest.service';

registerEnumType(InterestSort, {
  name: 'InterestSort',
  description: 'Order of the interest list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    IDENTIFIED_DESC: { description: 'Most recently identified first.' },
    IDENTIFIED_ASC: { description: 'Earliest identified first.' },
    TOPIC_ASC: { description: 'By topic, A–Z.' },
  },
});

const InterestConnection = Connection(Interest, 'Interest', 'interest');

@Resolver(() => Interest)
export class InterestResolver {
  private readonly service = new InterestService();

  @Query(() => Interest, { description: 'One interest (belang) by id; NOT_FOUND when there is none.' })
  interest(@Arg('id', () => ID, { description: 'Interest id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Interest> {
    return findOrFail(ctx.em, Interest, id);
  }

  @Query(() => InterestConnection, { description: 'Interests (belangen) of stakeholders, filtered and paged.' })
  interests(
    @Arg('filter', () => InterestFilter, { nullable: true, description: 'Filters; all must match.' }) filter: InterestFilter | null,
    @Arg('sort', () => InterestSort, { defaultValue: InterestSort.IDENTIFIED_DESC, description: 'Order of the list.' }) sort: InterestSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => Interest, { description: 'Records a new interest of a stakeholder.' })
  createInterest(
    @Arg('input', () => CreateInterestInput, { description: 'The new interest.' }) input: CreateInterestInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.create(em, input));
  }

  @Mutation(() => Interest, { description: 'Changes an interest, e.g. to record the response (reactie) to it.' })
  updateInterest(
    @Arg('id', () => ID, { description: 'Interest id.' }) id: string,
    @Arg('input', () => UpdateInterestInput, { description: 'The changes.' }) input: UpdateInterestInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [Interest, id, revision] });
  }

  @Mutation(() => Interest, { description: 'Archives an interest (or restores it with `archived: false`). Nothing is deleted.' })
  archiveInterest(
    @Arg('id', () => ID, { description: 'Interest id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => Stakeholder, { description: 'The stakeholder (belanghebbende) whose interest it is.' })
  stakeholder(@Root() i: Interest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(i, 'stakeholder');
  }

  @FieldResolver(() => Interaction, { nullable: true, description: 'The interaction (contactmoment) in which it was raised; null when not recorded.' })
  raisedIn(@Root() i: Interest, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(i, 'raisedIn');
  }

  @FieldResolver(() => [StrategicGoal], { description: 'The strategic goals that address it (not archived), latest period first.' })
  async goals(@Root() i: Interest, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(i, 'goals');
    return takeFirst(all.filter((g) => !g.archivedAt).sort(byDateDesc((g) => g.periodStart)), first, ctx.pageLimits);
  }

  @FieldResolver(() => [Interaction], { description: 'Interactions (contactmomenten) in which it was discussed (not archived), latest first.' })
  async discussedIn(@Root() i: Interest, @FirstArg('interactions(filter: { interestIds })') first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(i, 'discussedIn');
    return takeFirst(all.filter((x) => !x.archivedAt).sort(byDateDesc((x) => x.occurredOn)), first, ctx.pageLimits);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether it has been answered ("wat hebben we met uw inbreng gedaan"): a response was given, or the status is ADDRESSED or DECLINED.',
  })
  answered(@Root() i: Interest): boolean {
    return isAnswered(i);
  }
}
