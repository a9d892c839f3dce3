import { Arg, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { GraphQLResolveInfo } from 'graphql';
import type { AppContext } from '../access/access.service';
import { User } from '../access/user.entity';
import { ArchiveFilter, archiveWhere } from '../../shared/filters';
import { REVISION_ARG } from '../../shared/revision';
import { ListSize } from '../../shared/query-limits';
import { CreateSavedOperationInput, UpdateSavedOperationInput } from './saved-operation.inputs';
import { SavedOperation } from './saved-operation.entity';
import { documentProblems } from './saved-operation.rules';
import { SavedOperationService, defaultVariablesOf, limitsOf, visibleTo } from './saved-operation.service';

@ObjectType({ description: 'An error of a saved operation\'s run, as GraphQL would give it.' })
export class SavedOperationRunError {
  @Field({ description: 'What went wrong.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'The error code (extensions.code), e.g. BAD_USER_INPUT.' })
  code!: string | null;

  @Field(() => String, { nullable: true, description: 'The path of the field at fault in `data`, dotted, e.g. `stakeholders.edges.0.node`.' })
  path!: string | null;
}

@ObjectType({ description: 'The answer of a saved operation run by name: its data and its errors, as if the document had been sent itself.' })
export class SavedOperationRun {
  @Field({ description: 'The saved operation that ran.' })
  name!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The data, shaped as the saved document asks.' })
  data!: Record<string, unknown> | null;

  @Field(() => [SavedOperationRunError], { description: 'Errors of the run (none when it went well); at most 100.' })
  @ListSize({ max: 100 })
  errors!: SavedOperationRunError[];
}

@Resolver(() => SavedOperation)
export class SavedOperationResolver {
  private readonly service = new SavedOperationService();

  @Query(() => [SavedOperation], {
    description: 'Your saved operations (opgeslagen selecties): the shared ones and your own personal ones, by title (a short list, not paged; at most 200).',
  })
  @ListSize({ max: 200 })
  savedOperations(
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.em.find(SavedOperation, { ...archiveWhere(archived), ...visibleTo(ctx.caller) }, { orderBy: [{ title: 'asc' }, { id: 'asc' }], limit: 200 });
  }

  @Query(() => SavedOperation, { description: 'One saved operation by name (shared, or your own); NOT_FOUND otherwise.' })
  savedOperation(@Arg('name', { description: 'The saved operation\'s name.' }) name: string, @Ctx() ctx: AppContext) {
    return this.service.findByName(ctx.em, ctx.caller, name);
  }

  @Query(() => SavedOperationRun, {
    description:
      'Runs a saved operation by name with your own rights and the usual query limits, its default variables overridden by `variables`. Also over plain HTTP: `GET /saved/<name>?variables=<json>`.',
  })
  async runSavedOperation(
    @Arg('name', { description: 'The saved operation\'s name.' }) name: string,
    @Arg('variables', () => GraphQLJSONObject, { nullable: true, description: 'Variables that override the defaults, a JSON object.' }) variables: Record<string, unknown> | null,
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<SavedOperationRun> {
    const op = await this.service.findByName(ctx.em, ctx.caller, name);
    return { name: op.name, ...(await this.service.run(ctx, info.schema, op, variables)) };
  }

  @Mutation(() => SavedOperation, {
    description: 'Saves a query under a name (opgeslagen selectie): personal, or shared with everyone. BAD_USER_INPUT with the GraphQL errors when the document is not one query that fits the schema; CONFLICT when the name is taken.',
  })
  createSavedOperation(
    @Arg('input', () => CreateSavedOperationInput, { description: 'The new saved operation.' }) input: CreateSavedOperationInput,
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.mutate((em) => this.service.create(em, info.schema, limitsOf(ctx), ctx.caller, input));
  }

  @Mutation(() => SavedOperation, { description: 'Changes a saved operation (a shared one, or your own); a new document is checked again.' })
  updateSavedOperation(
    @Arg('id', () => ID, { description: 'Saved operation id.' }) id: string,
    @Arg('input', () => UpdateSavedOperationInput, { description: 'The changes; fields left out stay as they are.' }) input: UpdateSavedOperationInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: AppContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.mutate((em) => this.service.update(em, info.schema, limitsOf(ctx), ctx.caller, id, input), { revisionOf: [SavedOperation, id, revision] });
  }

  @Mutation(() => SavedOperation, { description: 'Archives a saved operation (or restores it): it no longer runs or shows as a tab, and keeps its name.' })
  archiveSavedOperation(
    @Arg('id', () => ID, { description: 'Saved operation id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to archive, false to restore.' }) archived: boolean,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.mutate((em) => this.service.archive(em, ctx.caller, id, archived));
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The default variables as saved (relative dates such as "$today" as written).' })
  defaultVariables(@Root() op: SavedOperation) {
    return op.defaultVariablesJson ? JSON.parse(op.defaultVariablesJson) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, { nullable: true, description: 'The default variables as a run uses them today: relative dates filled in (e.g. "$today" → today\'s date).' })
  variablesToday(@Root() op: SavedOperation) {
    return defaultVariablesOf(op);
  }

  @FieldResolver(() => Boolean, { description: 'Whether this is one of your own (personal or shared by you).' })
  mine(@Root() op: SavedOperation, @Ctx() ctx: AppContext) {
    return op.owner?.id === ctx.caller.user.id;
  }

  @FieldResolver(() => [String], {
    description: 'Why the saved document no longer fits the schema (a schema change broke it), one GraphQL error each (at most 20); empty when it runs. Broken ones are also logged by name at start-up.',
  })
  @ListSize({ max: 20 })
  broken(@Root() op: SavedOperation, @Ctx() ctx: AppContext, @Info() info: GraphQLResolveInfo) {
    return documentProblems(info.schema, op.document, limitsOf(ctx)).slice(0, 20).map((p) => p.message);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Who saved it (null for the examples the register was seeded with).' })
  async ownerName(@Root() op: SavedOperation, @Ctx() ctx: AppContext) {
    if (!op.owner) return null;
    const user = (await ctx.loaders.load(op, 'owner')) as User | null;
    return user?.name ?? null;
  }
}
