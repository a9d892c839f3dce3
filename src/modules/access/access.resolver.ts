import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root, Int } from 'type-graphql';
import type { AppContext } from './access.service';
import { checkListArg, FirstArg, takeFirst } from '../../shared/pagination';
import { byCreatedDesc } from '../../shared/order';
import { AllByDefault } from '../../shared/query-limits';
import { archiveById, assignDefined, findOrFail } from '../../shared/crud';
import { ConflictError } from '../../shared/errors';
import { ArchiveFilter, archiveWhere } from '../../shared/filters';
import { LIST_MAX, NAME_MAX, NotBlank, Patch } from '../../shared/validation';
import { REVISION_ARG } from '../../shared/revision';
import { PortfolioScope, TokenAccess, UserKind, UserRole } from './access.enums';
import { applyPortfolio } from './portfolio-scope.service';
import { AccessService, assertKindFits } from './access.service';
import { assertMayChangeRole, assertMayDeactivate, assertOwnOrAdmin, mayWrite } from './policy';
import { ApiToken } from './api-token.entity';
import { User } from './user.entity';

@InputType({ description: 'A new user.' })
class CreateUserInput {
  @Field({ description: 'Full name.' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name!: string;

  @Field({ description: 'E-mail address; unique.' })
  @IsEmail() @MaxLength(320)
  email!: string;

  @Field(() => UserRole, { nullable: true, description: 'Role; VIEWER when left out.' })
  @IsOptional() @IsEnum(UserRole)
  role?: UserRole | null;

  @Field(() => PortfolioScope, { nullable: true, description: 'Portfolio scope: which part of the register they see and change; ALL when left out.' })
  @IsOptional() @IsEnum(PortfolioScope)
  scope?: PortfolioScope | null;

  @Field(() => [ID], { nullable: true, description: `The categories of scope CATEGORIES (at least one, at most ${LIST_MAX}); only with that scope.` })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  scopeCategoryIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Withhold personal contact details (a contact person's e-mail and phone) from them; false when left out." })
  @IsOptional() @IsBoolean()
  contactDetailsHidden?: boolean | null;
  @Field(() => UserKind, { nullable: true, description: 'PERSON (the default) or SERVICE, for a dashboard or script whose tokens keep working with SSO_ONLY on.' })
  @IsOptional() @IsEnum(UserKind)
  kind?: UserKind | null;
}

@InputType({ description: 'Changes to a user; fields left out stay as they are.' })
class UpdateUserInput {
  @Field({ nullable: true, description: 'New name.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name?: string;

  @Field({ nullable: true, description: 'New e-mail address.' })
  @Patch() @IsEmail() @MaxLength(320)
  email?: string;

  @Field(() => UserRole, { nullable: true, description: 'New role.' })
  @Patch() @IsEnum(UserRole)
  role?: UserRole;

  @Field(() => PortfolioScope, { nullable: true, description: 'New portfolio scope; leaving CATEGORIES clears its categories.' })
  @Patch() @IsEnum(PortfolioScope)
  scope?: PortfolioScope;

  @Field(() => [ID], { nullable: true, description: `The complete new list of categories of scope CATEGORIES (at least one, at most ${LIST_MAX}).` })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  scopeCategoryIds?: string[];

  @Field(() => Boolean, { nullable: true, description: "Whether personal contact details (a contact person's e-mail and phone) are withheld from them." })
  @Patch() @IsBoolean()
  contactDetailsHidden?: boolean;
  @Field(() => UserKind, { nullable: true, description: 'PERSON or SERVICE; a user linked to the directory is a person.' })
  @Patch() @IsEnum(UserKind)
  kind?: UserKind;

  @Field(() => String, {
    nullable: true,
    description: "Links this user to a person in the directory: their Entra ID object id (the `oid` claim). Their next sign-in, or SCIM provisioning with this `externalId`, then finds this user instead of refusing an e-mail address that is taken. Send null to unlink.",
  })
  @IsOptional() @IsString() @NotBlank() @MaxLength(255)
  directoryId?: string | null;
}

@InputType({ description: 'A new API token.' })
class CreateApiTokenInput {
  @Field(() => ID, { nullable: true, description: 'Whose token; yourself when left out. Only an administrator makes tokens for others.' })
  @IsOptional() @IsUUID('all')
  userId?: string | null;

  @Field({ description: 'What it is for, e.g. "Dashboard raad van commissarissen".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name!: string;

  @Field(() => TokenAccess, { nullable: true, description: 'READ_ONLY (the default) or READ_WRITE.' })
  @IsOptional() @IsIn(Object.values(TokenAccess))
  access?: TokenAccess | null;

  @Field(() => Date, { nullable: true, description: 'When it stops working; no expiry when left out.' })
  @IsOptional()
  expiresAt?: Date | null;
}

@ObjectType({ description: 'A new API token and its secret. The secret is shown only now: store it safely.' })
class NewApiToken {
  @Field(() => ApiToken, { description: 'The token.' })
  token!: ApiToken;

  @Field({ description: 'The secret to send as `Authorization: Bearer <secret>`; shown once, never again.' })
  secret!: string;
}

@ObjectType({ description: 'Who is asking.' })
class Me {
  @Field(() => User, { description: 'The signed-in user.' })
  user!: User;

  @Field(() => ApiToken, { description: 'The token of this request.' })
  token!: ApiToken;

  @Field({ description: 'Whether this request may change the register (role and token both allow it).' })
  canWrite!: boolean;
}

@Resolver(() => User)
export class UserResolver {
  private readonly service = new AccessService();

  @Query(() => Me, { description: 'The signed-in user and token.' })
  me(@Ctx() ctx: AppContext): Me {
    return { user: ctx.caller.user, token: ctx.caller.token, canWrite: mayWrite(ctx.caller) };
  }

  @Query(() => [User], { description: 'The users, by name (administrators only).' })
  @AllByDefault()
  users(
    @Arg('archived', () => ArchiveFilter, { defaultValue: ArchiveFilter.ACTIVE, description: 'Archive state.' }) archived: ArchiveFilter,
    @FirstArg(undefined, 'max') first: number | null,
    @Ctx() ctx: AppContext,
  ): Promise<User[]> {
    const limit = first ?? ctx.pageLimits.maxPageSize;
    checkListArg('first', limit, ctx.pageLimits);
    return ctx.em.find(User, archiveWhere(archived), { orderBy: [{ name: 'asc' }, { id: 'asc' }], limit });
  }

  @Mutation(() => User, { description: 'Adds a user (administrators only), with their portfolio scope and whether contact details are withheld from them. Give them a token with createApiToken.' })
  createUser(@Arg('input', () => CreateUserInput, { description: 'The new user.' }) input: CreateUserInput, @Ctx() ctx: AppContext) {
    return ctx.mutate(async (em) => {
      const user = await this.service.createUser(em, input);
      await applyPortfolio(em, user, input);
      return user;
    });
  }

  @Mutation(() => User, { description: 'Changes a user (administrators only), their portfolio scope included; a changed scope counts from their next request.' })
  updateUser(
    @Arg('id', () => ID, { description: 'User id.' }) id: string,
    @Arg('input', () => UpdateUserInput, { description: 'The changes.' }) input: UpdateUserInput,
    @Arg('revision', () => Int, { description: REVISION_ARG }) revision: number,
    @Ctx() ctx: AppContext,
  ) {
    return ctx.mutate(async (em) => {
      const user = await findOrFail(em, User, id);
      if (input.email !== undefined) {
        input.email = input.email.trim().toLowerCase();
        if (await em.count(User, { email: input.email, id: { $ne: id } })) throw new ConflictError(`a user with e-mail ${input.email} exists`, 'input.email');
      }
      assertMayChangeRole(ctx.caller, user.id, input.role);
      if (input.directoryId !== undefined) await this.service.linkToDirectory(em, user, input.directoryId?.trim() ?? null);
      assignDefined(user, input, ['name', 'email', 'role', 'kind']);
      assertKindFits(user);
      await applyPortfolio(em, user, input);
      return user;
    }, { revisionOf: [User, id, revision] });
  }

  @Mutation(() => User, { description: 'Deactivates a user, so none of their tokens work (or reactivates with `archived: false`). Administrators only.' })
  archiveUser(
    @Arg('id', () => ID, { description: 'User id.' }) id: string,
    @Arg('archived', () => Boolean, { defaultValue: true, description: 'true to deactivate, false to reactivate.' }) archived: boolean,
    @Ctx() ctx: AppContext,
  ) {
    assertMayDeactivate(ctx.caller, id, archived);
    return ctx.mutate((em) => archiveById(em, User, id, archived));
  }

  @FieldResolver(() => [ApiToken], { description: 'The user\'s API tokens, newest first (yourself, or administrators).' })
  async apiTokens(@Root() user: User, @FirstArg() first: number | null, @Ctx() ctx: AppContext): Promise<ApiToken[]> {
    assertOwnOrAdmin(ctx.caller, user.id);
    const tokens = await ctx.loaders.load(user, 'tokens');
    return takeFirst([...tokens].sort(byCreatedDesc), first, ctx.pageLimits);
  }
}

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  private readonly service = new AccessService();

  @Mutation(() => NewApiToken, { description: 'Makes an API token: for yourself, or (administrators) for anyone. The secret is in the answer, once.' })
  async createApiToken(@Arg('input', () => CreateApiTokenInput, { description: 'The new token.' }) input: CreateApiTokenInput, @Ctx() ctx: AppContext): Promise<NewApiToken> {
    let secret = '';
    const token = await ctx.mutate(async (em) => {
      const user = await findOrFail(em, User, input.userId ?? ctx.caller.user.id, 'input.userId');
      if (ctx.config.oidc?.ssoOnly && user.kind !== UserKind.SERVICE) {
        throw new ConflictError('SSO_ONLY is on: the API tokens of people do not sign in (people sign in through the organisation); make the token for a service account (user kind SERVICE)', 'input.userId');
      }
      const made = this.service.createToken(em, user, input);
      secret = made.secret;
      return made.token;
    });
    // A retry with the same Idempotency-Key finds the token, but its secret was shown only once.
    if (!secret) throw new ConflictError('the token made with this Idempotency-Key exists, and its secret was shown once, in the first answer: revoke it and make a new one', 'Idempotency-Key');
    return { token, secret };
  }

  @Mutation(() => ApiToken, { description: 'Revokes an API token (yours, or any for administrators); it stops working at once.' })
  revokeApiToken(@Arg('id', () => ID, { description: 'Token id.' }) id: string, @Ctx() ctx: AppContext) {
    return ctx.mutate((em) => this.service.revokeToken(em, ctx.caller, id));
  }

  @FieldResolver(() => User, { description: 'Whose token it is.' })
  user(@Root() token: ApiToken, @Ctx() ctx: AppContext) {
    return ctx.loaders.load(token, 'user');
  }
}
