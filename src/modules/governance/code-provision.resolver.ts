import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Int } from 'type-graphql';
import type { RequestContext } from '../../context';
import { FirstArg, takeFirst } from '../../shared/pagination';
import { findOrFail } from '../../shared/crud';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { REVISION_ARG } from '../../shared/revision';
import { CodeProvision } from './code-provision.entity';
import { GovernanceCode } from './governance-code.entity';
import { CreateCodeProvisionInput, UpdateCodeProvisionInput } from './governance.inputs';
import { GovernanceService } from './governance.service';
import { compareSiblings } from './provision-tree';

@Resolver(() => CodeProvision)
export class CodeProvisionResolver {
  private readonly service = new GovernanceService();

  @Query(() => CodeProvision, { description: 'One provision (bepaling, principe) of a governance code by id; NOT_FOUND when there is none.' })
  codeProvision(@Arg('id', () => ID, { description: 'Provision id.' }) id: string, @Ctx() ctx: RequestContext): Promise<CodeProvision> {
    return findOrFail(ctx.em, CodeProvision, id);
  }

  @Mutation(() => CodeProvision, {
    description:
      'Adds a provision to a governance code of origin USER; CONFLICT for a catalogue code or a reference the code already has.',
  })
  createCodeProvision(
    @Arg('input', () => CreateCodeProvisionInput, { description: 'The new provision.' }) input: CreateCodeProvisionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.createProvision(em, input));
  }

  @Mutation(() => CodeProvision, {
    description:
      'Changes a provision of a governance code of origin USER, or moves it in the tree of its code; CONFLICT for a provision of a catalogue code or a reference the code already has.',
  })
  updateCodeProvision(
    @Arg('id', () => ID, { description: 'Provision id.' }) id: string,
    @Arg('input', () => UpdateCodeProvisionInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateCodeProvisionInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.updateProvision(em, id, input), { revisionOf: [CodeProvision, id, revision] });
  }

  @Mutation(() => CodeProvision, {
    description:
      'Archives a provision (or restores it with `archived: false`), of catalogue codes too: e.g. one the organisation does not use. Its children keep their own archive state. Nothing is deleted.',
  })
  archiveCodeProvision(
    @Arg('id', () => ID, { description: 'Provision id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.mutate((em) => this.service.archiveProvision(em, id, archived));
  }

  @FieldResolver(() => GovernanceCode, { description: 'The governance code this provision belongs to.' })
  code(@Root() p: CodeProvision, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(p, 'code');
  }

  @FieldResolver(() => CodeProvision, { nullable: true, description: 'The provision above it in the tree (e.g. its principe); null for a top-level provision.' })
  parent(@Root() p: CodeProvision, @Ctx() ctx: RequestContext) {
    return ctx.loaders.load(p, 'parent');
  }

  @FieldResolver(() => [CodeProvision], { description: 'The provisions directly below it (sub-bepalingen), by position and then reference.' })
  async children(
    @Root() p: CodeProvision,
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state of the children.' }) archived: ArchiveFilter,
    @FirstArg() first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.load(p, 'children');
    return takeFirst(all.filter((c) => matchesArchive(c, archived)).sort(compareSiblings), first, ctx.pageLimits);
  }
}
