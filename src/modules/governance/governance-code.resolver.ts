import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, registerEnumType, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { Connection, PageArgs, FirstArg, takeFirst } from '../../shared/pagination';
import { REVISION_ARG } from '../../shared/revision';
import { CodeProvision } from './code-provision.entity';
import { GovernanceCode } from './governance-code.entity';
import { CreateGovernanceCodeInput, GovernanceCodeFilter, GovernanceCodeSort, UpdateGovernanceCodeInput } from './governance.inputs';
import { GovernanceService } from './governance.service';
import { compareSiblings, inTreeOrder } from './provision-tree';

registerEnumType(GovernanceCodeSort, {
  name: 'GovernanceCodeSort',
  description: 'Order of the list of governance codes; ties are broken by id so that paging is stable.',
  valuesConfig: {
    TITLE_ASC: { description: 'By title, A–Z.' },
    KEY_ASC: { description: 'By key, A–Z.' },
  },
});

const GovernanceCodeConnection = Connection(GovernanceCode, 'GovernanceCode', 'governance code');

@Resolver(() => GovernanceCode)
export class GovernanceCodeResolver {
  private readonly service = new GovernanceService();

  @Query(() => GovernanceCode, { description: 'One governance code (governancecode, wet, norm) by id; NOT_FOUND when there is none.' })
  governanceCode(@Arg('id', () => ID, { description: 'Governance code id.' }) id: string, @Ctx() ctx: RequestContext): Promise<GovernanceCode> {
    return findOrFail(ctx.em, GovernanceCode, id);
  }

  @Query(() => GovernanceCodeConnection, {
    description: 'Governance codes, laws and reporting standards in the register (the shipped catalogue and codes of this organisation), filtered and paged.',
  })
  governanceCodes(
    @Arg('filter', () => GovernanceCodeFilter, { nullable: true, description: 'Filters; all must match.' }) filter: GovernanceCodeFilter | null,
    @Arg('sort', () => GovernanceCodeSort, { defaultValue: GovernanceCodeSort.TITLE_ASC, description: 'Order of the list.' }) sort: GovernanceCodeSort,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return this.service.list(ctx.em, filter, sort, page, ctx.pageLimits);
  }

  @Mutation(() => GovernanceCode, {
    description: 'Adds a governance code of this organisation\'s own (origin USER); CONFLICT when the key is taken.',
  })
  createGovernanceCode(
    @Arg('input', () => CreateGovernanceCodeInput, { description: 'The new governance code.' }) input: CreateGovernanceCodeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.create(em, input));
  }

  @Mutation(() => GovernanceCode, {
    description: 'Changes a governance code of origin USER; CONFLICT for a catalogue code (it is kept up to date by the catalogue load) or a key that is taken.',
  })
  updateGovernanceCode(
    @Arg('id', () => ID, { description: 'Governance code id.' }) id: string,
    @Arg('input', () => UpdateGovernanceCodeInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateGovernanceCodeInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.update(em, id, input), { revisionOf: [GovernanceCode, id, revision] });
  }

  @Mutation(() => GovernanceCode, {
    description:
      'Archives a governance code (or restores it with `archived: false`), catalogue codes included: e.g. a code the organisation does not use. Its provisions keep their own archive state. Nothing is deleted.',
  })
  archiveGovernanceCode(
    @Arg('id', () => ID, { description: 'Governance code id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, id, archived));
  }

  @FieldResolver(() => [CodeProvision], {
    description:
      'All provisions (bepalingen, principes) of the code in reading order: depth first, each provision followed by its children, siblings by position and then reference.',
  })
  async provisions(
    @Root() code: GovernanceCode,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state of the provisions.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    // Ordered over the whole tree first, so that an archived parent does not move its children.
    const all = inTreeOrder(await ctx.loaders.load(code, 'provisions'));
    return takeFirst(all.filter((p) => matchesArchive(p, archived)), first, ctx.pageLimits);
  }

  @FieldResolver(() => [CodeProvision], {
    description: 'The top-level provisions of the code (e.g. its principes), by position and then reference; follow `children` for the tree.',
  })
  async rootProvisions(
    @Root() code: GovernanceCode,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state of the provisions.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(code, 'provisions');
    return takeFirst(all.filter((p) => !p.parent && matchesArchive(p, archived)).sort(compareSiblings), first, ctx.pageLimits);
  }
}
