import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, registerEnumType } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { AppContext } from '../access/access.service';
import { defaultOwnerIds } from '../access/policy';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter } from '../../shared/filters';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { placeholders } from '../../shared/sql';
import { byDateDesc } from '../../shared/order';
import { ListSize } from '../../shared/query-limits';
import { LocalDateScalar } from '../../shared/scalars';
import { REVISION_ARG } from '../../shared/revision';
import { Agreement } from '../agreement/agreement.entity';
import { Interaction } from '../interaction/interaction.entity';
import { Interest } from '../interest/interest.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { ContactPerson } from './contact-person.entity';
import { assessmentsFrom, contactsFrom, currentAssessmentFrom, quadrantFrom, salienceClassFrom } from './stakeholder-fields';
import { StakeholderAssessment } from './stakeholder-assessment.entity';
import { StakeholderCategory } from './stakeholder-category.entity';
import { Stakeholder } from './stakeholder.entity';
import { PowerInterestQuadrant, SalienceClass } from './stakeholder.enums';
import { CreateStakeholderInput, StakeholderFilter, StakeholderSort, UpdateStakeholderInput, TAGS_MAX } from './stakeholder.inputs';
import { StakeholderService } from './stakeholder.service';
import { CHILD_ROWS, LAST_INTERACTION, LAST_INTERACTION_FROM, LAST_INTERACTION_SQL, compileStakeholderPage, firstOf, goalsList, interactionsList, interestsList } from './stakeholder-read';

registerEnumType(StakeholderSort, {
  name: 'StakeholderSort',
  description: 'Order of the stakeholder list; ties are broken by id so that paging is stable.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A–Z.' },
    NAME_DESC: { description: 'By name, Z–A.' },
    CREATED_DESC: { description: 'Newest first.' },
    UPDATED_DESC: { description: 'Most recently changed first.' },
  },
});

const StakeholderConnection = Connection(Stakeholder, 'Stakeholder', 'stakeholder');

// The nested lists of a stakeholder are read as plain rows, in one statement per list
// (Loaders.rows, loadFirst): the stakeholder page reads them for 50 stakeholders at a time.

/** All rows of a one-to-many child table of the stakeholder (filtered and sorted by the caller). */
function rowsOf<T extends object>(ctx: RequestContext, entity: new () => T, table: string, s: Stakeholder): Promise<T[]> {
  return ctx.loaders.rows(entity, CHILD_ROWS, (owners) => ({
    sql: `select t.stakeholder_id as owner__, t.* from ${table} t where t.stakeholder_id in (${placeholders(owners)})`,
    params: [...owners],
  }), s.id);
}

const assessmentsOf = (ctx: RequestContext, s: Stakeholder) => rowsOf(ctx, StakeholderAssessment, 'stakeholder_assessment', s);



@Resolver(() => Stakeholder)
export class StakeholderResolver {
  private readonly service = new StakeholderService();

  @Query(() => Stakeholder, { description: 'One stakeholder by id; NOT_FOUND when there is none.' })
  stakeholder(@Arg('id', () => ID, { description: 'Stakeholder id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Stakeholder> {
    return findOrFail(ctx.em, Stakeholder, id);
  }

  @Query(() => StakeholderConnection, { description: 'The stakeholder register (belanghebbendenregister), filtered and paged.' })
  stakeholders(
    @Arg('filter', () => StakeholderFilter, { nullable: true, description: 'Filters; all must match.' }) filter: StakeholderFilter | null,
    @Arg('sort', () => StakeholderSort, { defaultValue: StakeholderSort.NAME_ASC, description: 'Order of the list.' }) sort: StakeholderSort,
    @Args() page: PageArgs,
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits, compileStakeholderPage(info, ctx), ctx.caller);
  }

  @Mutation(() => Stakeholder, { description: 'Registers a new stakeholder.' })
  createStakeholder(@Arg('input', () => CreateStakeholderInput, { description: 'The new record.' }) input: CreateStakeholderInput, @Ctx() ctx: AppContext) {
    // A user who sees the stakeholders they own owns the ones they register, unless they say otherwise.
    const ownerIds = input.ownerIds ?? defaultOwnerIds(ctx.caller);
    return ctx.mutate((em) => this.service.create(em, { ...input, ownerIds }));
  }

  @Mutation(() => Stakeholder, { description: 'Changes a stakeholder.' })
  updateStakeholder(
    @Arg('id', () => ID, { description: 'Stakeholder id.' }) id: string,
    @Arg('input', () => UpdateStakeholderInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateStakeholderInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [Stakeholder, id, revision] });
  }

  @Mutation(() => Stakeholder, { description: 'Archives a stakeholder (or restores it with `archived: false`). Nothing is deleted.' })
  archiveStakeholder(
    @Arg('id', () => ID, { description: 'Stakeholder id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => StakeholderCategory, { description: 'The category (categorie).' })
  category(@Root() s: Stakeholder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(s, 'category');
  }

  @FieldResolver(() => [String], { description: `Tags, in alphabetical order; at most ${TAGS_MAX}.` })
  @ListSize({ max: TAGS_MAX })
  async tags(@Root() s: Stakeholder, @Ctx() ctx: RequestContext): Promise<string[]> {
    return (await ctx.loaders.load(s, 'tagRecords')).map((t) => t.tag).sort();
  }

  @FieldResolver(() => [ContactPerson], { description: 'Contact persons (contactpersonen), by name.' })
  async contacts(
    @Root() s: Stakeholder,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg('contactPersons(filter: { stakeholderId })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return contactsFrom(await rowsOf(ctx, ContactPerson, 'contact_person', s), archived, first, ctx.pageLimits);
  }

  @FieldResolver(() => [StakeholderAssessment], { description: 'Salience assessments, latest first (the history).' })
  async assessments(
    @Root() s: Stakeholder,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return assessmentsFrom(await assessmentsOf(ctx, s), archived, first, ctx.pageLimits);
  }

  @FieldResolver(() => StakeholderAssessment, { nullable: true, description: 'The current assessment: the latest one on or before `asOf`.' })
  async currentAssessment(
    @Root() s: Stakeholder,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'The day to ask about; today when left out.' }) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return currentAssessmentFrom(await assessmentsOf(ctx, s), asOf);
  }

  @FieldResolver(() => PowerInterestQuadrant, { nullable: true, description: 'Power/interest quadrant of the current assessment; null when never assessed.' })
  async quadrant(@Root() s: Stakeholder, @Ctx() ctx: RequestContext) {
    return quadrantFrom(await assessmentsOf(ctx, s));
  }

  @FieldResolver(() => SalienceClass, { nullable: true, description: 'Mitchell salience class of the current assessment; null when never assessed.' })
  async salienceClass(@Root() s: Stakeholder, @Ctx() ctx: RequestContext) {
    return salienceClassFrom(await assessmentsOf(ctx, s));
  }

  @FieldResolver(() => [Interest], { description: 'Interests (belangen) of this stakeholder, latest first.' })
  async interests(
    @Root() s: Stakeholder,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg('interests(filter: { stakeholderIds })') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.loaders.loadFirst(Interest, interestsList(archived, firstOf(first, ctx)), s.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Agreements this stakeholder is a party to, latest first.' })
  async agreements(@Root() s: Stakeholder, @FirstArg('agreements(filter: { partyIds })') first: number | null, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.load(s, 'agreements');
    return takeFirst(all.filter((a) => !a.archivedAt).sort(byDateDesc((a) => a.signedOn ?? a.validFrom ?? '')), first, ctx.pageLimits);
  }

  @FieldResolver(() => [StrategicGoal], { description: 'Strategic goals agreed with this stakeholder.' })
  async goals(@Root() s: Stakeholder, @FirstArg('strategicGoals(filter: { stakeholderIds })') first: number | null, @Ctx() ctx: RequestContext) {
    return ctx.loaders.loadFirst(StrategicGoal, goalsList(firstOf(first, ctx)), s.id);
  }

  @FieldResolver(() => [Interaction], {
    description: 'Interactions (contactmomenten) with this stakeholder, latest first. For paging through all of them use `interactions(filter: { stakeholderIds })` at the top level.',
  })
  async interactions(
    @Root() s: Stakeholder,
    @FirstArg('interactions(filter: { stakeholderIds })', 10) first: number | null,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'Only on or after this day.' }) from: string | null,
    @Arg('to', () => LocalDateScalar, { nullable: true, description: 'Only on or before this day.' }) to: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.loaders.loadFirst(Interaction, interactionsList(firstOf(first ?? 10, ctx), from, to), s.id);
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'Day of the latest interaction: when they were last spoken to.' })
  async lastInteractionOn(@Root() s: Stakeholder, @Ctx() ctx: RequestContext) {
    return ctx.loaders.grouped<string>(LAST_INTERACTION, (owners) => ({
      sql: `select p.stakeholder_id as owner__, ${LAST_INTERACTION_SQL} as value__ ${LAST_INTERACTION_FROM}
        where p.stakeholder_id in (${placeholders(owners)}) and t.archived_at is null group by p.stakeholder_id`,
      params: [...owners],
    }), s.id);
  }
}
