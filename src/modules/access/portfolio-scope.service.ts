import type { EntityManager } from '@mikro-orm/core';
import { findAllOrFail } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { PortfolioScope } from './access.enums';
import type { User } from './user.entity';

/** What an administrator sets of a user's portfolio scope (createUser, updateUser); left out (undefined) stays as it is. */
export interface PortfolioInput {
  scope?: PortfolioScope | null;
  scopeCategoryIds?: string[] | null;
  contactDetailsHidden?: boolean | null;
}

/**
 * Sets a user's portfolio scope, checked as a whole: CATEGORIES needs at least one category (a
 * scope without any would show nothing), categories belong to CATEGORIES only (leaving it clears
 * them), and every category must exist. Errors name the input field at fault; the audit trail
 * records the change (the user's `scope`, `contactDetailsHidden` and `scopeCategories`).
 */
export async function applyPortfolio(em: EntityManager, user: User, input: PortfolioInput): Promise<void> {
  const scope = input.scope ?? user.scope;
  if (input.scopeCategoryIds != null && input.scopeCategoryIds.length > 0 && scope !== PortfolioScope.CATEGORIES) {
    throw badInput('input.scopeCategoryIds', `categories belong to scope CATEGORIES; this user's scope is ${scope}`);
  }
  if (input.contactDetailsHidden != null) user.contactDetailsHidden = input.contactDetailsHidden;
  if (input.scope == null && input.scopeCategoryIds == null) return;
  if (!user.scopeCategories.isInitialized()) await user.scopeCategories.init();
  if (scope === PortfolioScope.CATEGORIES) {
    const categories = input.scopeCategoryIds != null ? await findAllOrFail(em, StakeholderCategory, input.scopeCategoryIds, 'input.scopeCategoryIds') : user.scopeCategories.getItems();
    if (categories.length === 0) {
      throw badInput('input.scopeCategoryIds', 'scope CATEGORIES needs at least one category: give scopeCategoryIds');
    }
    user.scopeCategories.set(categories);
  } else {
    user.scopeCategories.set([]);
  }
  user.scope = scope;
}
