import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { checkListArg, FirstArg, takeFirst } from '../../shared/pagination';
import { byName } from '../../shared/order';
import { AllByDefault } from '../../shared/query-limits';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, archiveWhere, matchesArchive } from '../../shared/filters';
import { REVISION_ARG } from '../../shared/revision';
import { StakeholderCategory } from './stakeholder-category.entity';
import { Stakeholder } from './stakeholder.entity';
import { Sector } from './stakeholder.enums';
import { CreateStakeholderCategoryInput, UpdateStakeholderCategoryInput } from './stakeholder.inputs';
import { StakeholderService } from './stakeholder.service';

@Resolver(() => StakeholderCategory)
export class StakeholderCategoryResolver {
  private readonly service = new StakeholderService();

  @Query(() => StakeholderCategory, { description: 'One stakeholder category by id.' })
  stakeholderCategory(@Arg('id', () => ID, { description: 'Category id.' }) id: string, @Ctx() ctx: RequestContext) {
    return findOrFail(ctx.em, StakeholderCategory, id);
  }

  @Query(() => [StakeholderCategory], { description: 'The stakeholder categories, by name (a short list, not paged).' })
  @AllByDefault()
  stakeholderCategories(
    @Arg('sector', () => Sector, { nullable: true, description: 'Only categories of this sector.' }) sector: Sector | null,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg(undefined, 'max') first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const limit = first ?? ctx.pageLimits.maxPageSize;
    checkListArg('first', limit, ctx.pageLimits);
    return ctx.em.find(
      StakeholderCategory,
      { ...archiveWhere(archived), ...(sector ? { sector } : {}) },
      { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit },
    );
  }

  @Mutation(() => StakeholderCategory, { description: 'Adds a stakeholder category; CONFLICT when the key is taken.' })
  createStakeholderCategory(@Arg('input', () => CreateStakeholderCategoryInput, { description: 'The new record.' }) input: CreateStakeholderCategoryInput, @Ctx() ctx: RequestContext) {
    return ctx.mutate((em) => this.service.createCategory(em, input));
  }

  @Mutation(() => StakeholderCategory, { description: 'Changes a stakeholder category.' })
  updateStakeholderCategory(
    @Arg('id', () => ID, { description: 'Category id.' }) id: string,
    @Arg('input', () => UpdateStakeholderCategoryInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateStakeholderCategoryInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateCategory(em, id, input), { revisionOf: [StakeholderCategory, id, revision] });
  }

  @Mutation(() => StakeholderCategory, { description: 'Archives a category (or restores it). Its stakeholders keep it.' })
  archiveStakeholderCategory(
    @Arg('id', () => ID, { description: 'Category id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveCategory(em, id, archived));
  }

  @FieldResolver(() => [Stakeholder], {
    description: 'Stakeholders in this category, by name. For paging use `stakeholders(filter: { categoryIds })`.',
  })
  async stakeholders(
    @Root() c: StakeholderCategory,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(c, 'stakeholders');
    return takeFirst(all.filter((s) => matchesArchive(s, archived)).sort(byName), first, ctx.pageLimits);
  }
}
