import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { byName, byTitle } from '../../shared/order';
import { LocalDateScalar } from '../../shared/scalars';
import { REVISION_ARG } from '../../shared/revision';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { Agreement } from './agreement.entity';
import { AgreementFilter, AgreementSort, CreateAgreementInput, UpdateAgreementInput } from './agreement.inputs';
import { AgreementService, isAgreementInForce } from './agreement.service';
import { clock } from '../../shared/clock';

registerEnumType(AgreementSort, {
  name: 'AgreementSort',
  description: 'Order of the agreement list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    TITLE_ASC: { description: 'By title, A–Z.' },
    CREATED_DESC: { description: 'Most recently registered first.' },
  },
});

const AgreementConnection = Connection(Agreement, 'Agreement', 'agreement');

@Resolver(() => Agreement)
export class AgreementResolver {
  private readonly service = new AgreementService();

  @Query(() => Agreement, { description: 'One agreement (afspraak) by id; NOT_FOUND when there is none.' })
  agreement(@Arg('id', () => ID, { description: 'Agreement id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Agreement> {
    return findOrFail(ctx.em, Agreement, id);
  }

  @Query(() => AgreementConnection, {
    description: 'Agreements with stakeholders (prestatieafspraken, convenanten, samenwerkingsovereenkomsten …), filtered and paged.',
  })
  agreements(
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Filters; all must match.' }) filter: AgreementFilter | null,
    @Arg('sort', () => AgreementSort, { defaultValue: AgreementSort.TITLE_ASC, description: 'Order of the list.' }) sort: AgreementSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => Agreement, { description: 'Registers a new agreement with its parties and goals.' })
  createAgreement(@Arg('input', () => CreateAgreementInput, { description: 'The new agreement.' }) input: CreateAgreementInput, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.create(em, input));
  }

  @Mutation(() => Agreement, { description: 'Changes an agreement; given lists of parties or goals replace the old ones.' })
  updateAgreement(
    @Arg('id', () => ID, { description: 'Agreement id.' }) id: string,
    @Arg('input', () => UpdateAgreementInput, { description: 'The changes.' }) input: UpdateAgreementInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [Agreement, id, revision] });
  }

  @Mutation(() => Agreement, { description: 'Archives an agreement (or restores it with `archived: false`). Nothing is deleted.' })
  archiveAgreement(
    @Arg('id', () => ID, { description: 'Agreement id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => [Stakeholder], { description: 'The stakeholders that are party to it (partijen), by name; archived ones included.' })
  async parties(@Root() a: Agreement, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(a, 'parties');
    return takeFirst([...all].sort(byName), first, ctx.pageLimits);
  }

  @FieldResolver(() => [StrategicGoal], { description: 'The strategic goals it covers (doelen), by title; archived ones included.' })
  async goals(@Root() a: Agreement, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(a, 'goals');
    return takeFirst([...all].sort(byTitle), first, ctx.pageLimits);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is in force (van kracht) on `asOf`: started (or no start day) and not ended (or open-ended).' })
  inForce(
    @Root() a: Agreement,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'The day to ask about; today when left out.' }) asOf: string | null,
  ): boolean {
    return isAgreementInForce(a, asOf ?? clock.today());
  }
}
