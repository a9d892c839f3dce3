import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { clock } from '../../shared/clock';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { byName } from '../../shared/order';
import { Connection, FirstArg, PageArgs, takeFirst } from '../../shared/pagination';
import { REVISION_ARG } from '../../shared/revision';
import { LocalDateScalar } from '../../shared/scalars';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { commitmentStatus, CommitmentStatus } from './commitment-status';
import { Commitment } from './commitment.entity';
import { CommitmentFilter, CommitmentSort, CreateCommitmentInput, DeliverCommitmentInput, UpdateCommitmentInput, WithdrawCommitmentInput } from './commitment.inputs';
import { CommitmentService } from './commitment.service';
import { commitmentsMadeIn, commitmentsOfStakeholders } from './commitment-loaders';

registerEnumType(CommitmentSort, {
  name: 'CommitmentSort',
  description: 'Order of the commitment (toezegging) list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    DUE_ASC: { description: 'Earliest due date first.' },
    DUE_DESC: { description: 'Latest due date first.' },
    MADE_DESC: { description: 'Most recently made first.' },
  },
});

const CommitmentConnection = Connection(Commitment, 'Commitment', 'commitment (toezegging)');

const asOfArg = { nullable: true, description: 'The day to judge on; today when left out.' } as const;

@Resolver(() => Commitment)
export class CommitmentResolver {
  private readonly service = new CommitmentService();

  @Query(() => Commitment, { description: 'One commitment (toezegging) by id; NOT_FOUND when there is none.' })
  commitment(@Arg('id', () => ID, { description: 'Commitment id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Commitment> {
    return findOrFail(ctx.em, Commitment, id);
  }

  @Query(() => CommitmentConnection, {
    description: 'Commitments (toezeggingen) made to stakeholders, filtered (also by status on `filter.asOf`, judged in the database) and paged.',
  })
  commitments(
    @Arg('filter', () => CommitmentFilter, { nullable: true, description: 'Filters; all must match.' }) filter: CommitmentFilter | null,
    @Arg('sort', () => CommitmentSort, { defaultValue: CommitmentSort.DUE_ASC, description: 'Order of the list.' }) sort: CommitmentSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits, clock.today());
  }

  @Mutation(() => Commitment, { description: 'Registers a commitment (toezegging) made to stakeholders, and where it was made.' })
  createCommitment(@Arg('input', () => CreateCommitmentInput, { description: 'The new commitment.' }) input: CreateCommitmentInput, @Ctx() ctx: RequestContext) {
    const today = clock.today();
    return ctx.mutate((em) => this.service.create(em, input, today));
  }

  @Mutation(() => Commitment, { description: 'Changes a commitment (toezegging); given lists replace the old ones. Delivery and withdrawal have their own mutations.' })
  updateCommitment(
    @Arg('id', () => ID, { description: 'Commitment id.' }) id: string,
    @Arg('input', () => UpdateCommitmentInput, { description: 'The changes.' }) input: UpdateCommitmentInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    const today = clock.today();
    return ctx.mutate((em) => this.service.update(em, id, input, today), { revisionOf: [Commitment, id, revision] });
  }

  @Mutation(() => Commitment, {
    description: 'Records that a commitment (toezegging) was delivered (nagekomen), with its evidence; its status is DELIVERED_ON_TIME or DELIVERED_LATE from that day. Recording again corrects it; refused (CONFLICT) for a withdrawn one.',
  })
  deliverCommitment(
    @Arg('id', () => ID, { description: 'Commitment id.' }) id: string,
    @Arg('input', () => DeliverCommitmentInput, { description: 'The delivery.' }) input: DeliverCommitmentInput,
    @Ctx() ctx: RequestContext,
  ) {
    const today = clock.today();
    return ctx.mutate((em) => this.service.deliver(em, id, input, today));
  }

  @Mutation(() => Commitment, {
    description: 'Withdraws a commitment (toezegging intrekken), with the reason; its status is WITHDRAWN from that day. Refused (CONFLICT) for a delivered one.',
  })
  withdrawCommitment(
    @Arg('id', () => ID, { description: 'Commitment id.' }) id: string,
    @Arg('input', () => WithdrawCommitmentInput, { description: 'The withdrawal.' }) input: WithdrawCommitmentInput,
    @Ctx() ctx: RequestContext,
  ) {
    const today = clock.today();
    return ctx.mutate((em) => this.service.withdraw(em, id, input, today));
  }

  @Mutation(() => Commitment, { description: 'Takes back a delivery or withdrawal recorded by mistake, so that the commitment (toezegging) is open again; the audit trail keeps what it was.' })
  reopenCommitment(@Arg('id', () => ID, { description: 'Commitment id.' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.reopen(em, id));
  }

  @Mutation(() => Commitment, { description: 'Archives a commitment (toezegging), or restores it with `archived: false`. Nothing is deleted.' })
  archiveCommitment(
    @Arg('id', () => ID, { description: 'Commitment id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => CommitmentStatus, {
    nullable: true,
    description: 'Its status on `asOf`: only what had happened by the end of that day counts (a delivery or withdrawal dated later does not); null when it was made after `asOf`.',
  })
  status(@Root() c: Commitment, @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null): CommitmentStatus | null {
    return commitmentStatus(c, asOf ?? clock.today());
  }

  @FieldResolver(() => [Stakeholder], { description: 'The stakeholders it was made to (belanghebbenden), by name; archived ones included.' })
  async stakeholders(@Root() c: Commitment, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(c, 'stakeholders'))].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [ContactPerson], { description: 'The contact persons it was made to, by name.' })
  async contactPersons(@Root() c: Commitment, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return takeFirst([...(await ctx.loaders.load(c, 'contactPersons'))].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => Interaction, { nullable: true, description: 'The interaction (contactmoment) it was made in, if any.' })
  interaction(@Root() c: Commitment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(c, 'interaction');
  }

  @FieldResolver(() => AccountabilityMoment, { nullable: true, description: 'The accountability moment (verantwoordingsmoment) it was made in, if any.' })
  accountabilityMoment(@Root() c: Commitment, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(c, 'accountabilityMoment');
  }
}

// The lists of commitments on the records they are made to or in: field resolvers on those types,
// kept in this module so that the stakeholder, interaction and accountability modules need not know commitments.

@Resolver(() => Stakeholder)
export class StakeholderCommitmentsResolver {
  @FieldResolver(() => [Commitment], {
    description:
      'Commitments (toezeggingen) made to this stakeholder by `asOf`, not archived, earliest due first: the stakeholder\'s file of what was promised and whether it was delivered. For paging and status filters use `commitments(filter: { stakeholderIds })`.',
  })
  commitments(
    @Root() s: Stakeholder,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'Only commitments made on or before this day; today when left out. Ask each one\'s `status(asOf:)` with the same day.' }) asOf: string | null,
    @FirstArg('commitments(filter: { stakeholderIds })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return commitmentsOfStakeholders(ctx, s.id, asOf ?? clock.today()).then((all) => takeFirst(all, first, ctx.pageLimits));
  }
}

@Resolver(() => Interaction)
export class InteractionCommitmentsResolver {
  @FieldResolver(() => [Commitment], { description: 'Commitments (toezeggingen) made in this interaction, earliest due first.' })
  async commitments(
    @Root() i: Interaction,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await commitmentsMadeIn(ctx, 'interaction', i.id);
    return takeFirst(all.filter((c) => matchesArchive(c, archived)), first, ctx.pageLimits);
  }
}

@Resolver(() => AccountabilityMoment)
export class MomentCommitmentsResolver {
  @FieldResolver(() => [Commitment], { description: 'Commitments (toezeggingen) made at this accountability moment, earliest due first.' })
  async commitments(
    @Root() m: AccountabilityMoment,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await commitmentsMadeIn(ctx, 'accountabilityMoment', m.id);
    return takeFirst(all.filter((c) => matchesArchive(c, archived)), first, ctx.pageLimits);
  }
}
