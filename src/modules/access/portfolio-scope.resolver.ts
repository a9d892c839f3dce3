import { Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { byName } from '../../shared/order';
import { ListSize } from '../../shared/query-limits';
import { LIST_MAX } from '../../shared/validation';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import type { AppContext } from './access.service';
import { User } from './user.entity';

// The fields of portfolio scopes on other types: a user's categories, a stakeholder's owners.

@Resolver(() => User)
export class UserPortfolioResolver {
  @FieldResolver(() => [StakeholderCategory], { description: `The categories of a CATEGORIES scope, by name (at most ${LIST_MAX}); empty for another scope.` })
  @ListSize({ max: LIST_MAX })
  async scopeCategories(@Root() user: User, @Ctx() ctx: AppContext): Promise<StakeholderCategory[]> {
    return [...(await ctx.loaders.load(user, 'scopeCategories'))].sort(byName);
  }
}

@Resolver(() => Stakeholder)
export class StakeholderOwnersResolver {
  @FieldResolver(() => [ID], {
    description: `Ids of the register users who own the relationship (relatiebeheerders, at most ${LIST_MAX}): a user with portfolio scope OWN sees the stakeholders they own. The name shown is relationshipOwner.`,
  })
  @ListSize({ max: LIST_MAX })
  async ownerIds(@Root() s: Stakeholder, @Ctx() ctx: AppContext): Promise<string[]> {
    return (await ctx.loaders.load(s, 'owners')).map((u) => u.id).sort();
  }
}
