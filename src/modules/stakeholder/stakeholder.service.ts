import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail } from '../../shared/crud';
import { ConflictError, badInput } from '../../shared/errors';
import { User } from '../access/user.entity';
import { allOf, ArchiveFilter, archiveWhere, containsText, containsTextSql, sqlCondition } from '../../shared/filters';
import { paginate, paginateRows, type PageArgs, type PageExtras, type PageLimits } from '../../shared/pagination';
import { ContactPerson } from './contact-person.entity';
import { StakeholderAssessment } from './stakeholder-assessment.entity';
import { StakeholderCategory } from './stakeholder-category.entity';
import { StakeholderTag } from './stakeholder-tag.entity';
import { Stakeholder } from './stakeholder.entity';
import { isCurrentAssessmentSql, quadrantSql } from './salience';
import type {
  ContactPersonFilter,
  CreateContactPersonInput,
  CreateStakeholderAssessmentInput,
  CreateStakeholderCategoryInput,
  CreateStakeholderInput,
  StakeholderFilter,
  UpdateContactPersonInput,
  UpdateStakeholderAssessmentInput,
  UpdateStakeholderCategoryInput,
  UpdateStakeholderInput,
} from './stakeholder.inputs';
import { StakeholderSort } from './stakeholder.inputs';
import { placeholders } from '../../shared/sql';
import { isHidden, visibleWhere } from '../../shared/visibility';
import { stakeholderScopeSql, type ScopedUser } from '../access/portfolio-scope';

export const SORTS: Record<StakeholderSort, Record<string, 'asc' | 'desc'>[]> = {
  NAME_ASC: [{ name: 'asc' }, { id: 'asc' }],
  NAME_DESC: [{ name: 'desc' }, { id: 'desc' }],
  CREATED_DESC: [{ createdAt: 'desc' }, { id: 'desc' }],
  UPDATED_DESC: [{ updatedAt: 'desc' }, { id: 'desc' }],
};

export function normaliseTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))].sort();
}

/**
 * The stakeholder list's filter as one SQL condition on the row's alias, with its parameters: the
 * list's one rule, for its execution (StakeholderService.list) and its planned read
 * (stakeholder-plan.ts). An empty list of ids, keys or values matches nothing.
 */
export function stakeholderWhereSql(filter: StakeholderFilter | null | undefined, caller: { readonly user: ScopedUser }): { sql: (s: string) => string; params: unknown[] } {
  const f = filter ?? {};
  const parts: ((s: string) => string)[] = [];
  const params: unknown[] = [];
  const add = (sql: (s: string) => string, ...values: unknown[]) => {
    parts.push(sql);
    params.push(...values);
  };
  // The caller's portfolio scope first: the list, its count and its planned read show only their stakeholders.
  const scope = stakeholderScopeSql(caller, 's');
  if (scope) add((s) => stakeholderScopeSql(caller, s)!.sql, ...scope.params);
  const inList = (column: string, values: readonly unknown[]) =>
    values.length ? add((s) => `${s}.${column} in (${placeholders(values)})`, ...values) : add(() => '1 = 0');
  const archived = f.archived ?? ArchiveFilter.ACTIVE;
  if (archived !== ArchiveFilter.ALL) add((s) => `${s}.archived_at is ${archived === ArchiveFilter.ARCHIVED ? 'not ' : ''}null`);
  if (f.categoryIds) inList('category_id', f.categoryIds);
  if (f.categoryKeys) {
    const keys = f.categoryKeys;
    if (keys.length) add((s) => `${s}.category_id in (select c.id from stakeholder_category c where c.key in (${placeholders(keys)}))`, ...keys);
    else add(() => '1 = 0');
  }
  if (f.kinds) inList('kind', f.kinds);
  if (f.phases) inList('phase', f.phases);
  if (f.relationshipOwner != null) add((s) => `${s}.relationship_owner = ?`, f.relationshipOwner);
  if (f.text) {
    const text = containsTextSql(['name'], f.text);
    add(text.sql, ...text.params);
  }
  const tags = f.tags ? normaliseTags(f.tags) : [];
  if (tags.length > 0) {
    add((s) => `(select count(*) from stakeholder_tag t where t.stakeholder_id = ${s}.id and t.tag in (${placeholders(tags)})) = ?`, ...tags, tags.length);
  }
  if (f.quadrants) {
    const quadrants = f.quadrants;
    add((s) => `${s}.id in (select a.stakeholder_id from stakeholder_assessment a
      where ${isCurrentAssessmentSql('a', 'b')} and (${quadrants.map((q) => `(${quadrantSql(q, 'a')})`).join(' or ') || '1 = 0'}))`);
  }
  return { sql: (s) => (parts.length ? parts.map((p) => p(s)).join(' and ') : '1 = 1'), params };
}

/** The users of `ids` as owners of a stakeholder: each must exist and be active. */
async function activeUsers(em: EntityManager, ids: readonly string[]): Promise<User[]> {
  const users = await findAllOrFail(em, User, ids, 'input.ownerIds');
  const inactive = users.filter((u) => u.archivedAt);
  if (inactive.length) throw badInput('input.ownerIds', `a deactivated user cannot own a stakeholder: ${inactive.map((u) => u.id).join(', ')}`);
  return users;
}

export class StakeholderService {
  /** The register's list as `caller` may see it: their portfolio scope is a condition of the page's own statement (and of its count). */
  list(
    em: EntityManager,
    filter: StakeholderFilter | null | undefined,
    sort: StakeholderSort,
    page: PageArgs,
    limits: PageLimits,
    extra: PageExtras<Stakeholder> | undefined,
    caller: { readonly user: ScopedUser },
  ) {
    const { sql, params } = stakeholderWhereSql(filter, caller);
    const where = () => sqlCondition<Stakeholder>(sql, params);
    // The register's main list is only read: plain rows (loaders.ts), not managed entities.
    return paginateRows(em, Stakeholder, where, SORTS[sort], page, limits, extra);
  }

  async create(em: EntityManager, input: CreateStakeholderInput): Promise<Stakeholder> {
    const stakeholder = new Stakeholder();
    assignDefined(stakeholder, input, ['name', 'description', 'website', 'relationshipOwner']);
    if (input.kind) stakeholder.kind = input.kind;
    if (input.phase) stakeholder.phase = input.phase;
    stakeholder.category = await findOrFail(em, StakeholderCategory, input.categoryId, 'input.categoryId');
    for (const tag of normaliseTags(input.tags ?? [])) stakeholder.tagRecords.add(em.create(StakeholderTag, { stakeholder, tag }));
    if (input.ownerIds?.length) stakeholder.owners.set(await activeUsers(em, input.ownerIds));
    em.persist(stakeholder);
    return stakeholder;
  }

  async update(em: EntityManager, id: string, input: UpdateStakeholderInput): Promise<Stakeholder> {
    const stakeholder = await findOrFail(em, Stakeholder, id);
    assignDefined(stakeholder, input, ['kind', 'name', 'description', 'website', 'relationshipOwner', 'phase']);
    if (input.categoryId !== undefined) {
      stakeholder.category = await findOrFail(em, StakeholderCategory, input.categoryId, 'input.categoryId');
    }
    if (input.tags !== undefined) {
      await stakeholder.tagRecords.init();
      const wanted = normaliseTags(input.tags);
      for (const record of stakeholder.tagRecords.getItems()) {
        if (!wanted.includes(record.tag)) stakeholder.tagRecords.remove(record);
      }
      const have = new Set(stakeholder.tagRecords.getItems().map((r) => r.tag));
      for (const tag of wanted) if (!have.has(tag)) stakeholder.tagRecords.add(em.create(StakeholderTag, { stakeholder, tag }));
    }
    if (input.ownerIds !== undefined) {
      const owners = await activeUsers(em, input.ownerIds);
      await stakeholder.owners.init();
      stakeholder.owners.set(owners);
    }
    return stakeholder;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Stakeholder> {
    return archiveById(em, Stakeholder, id, archived);
  }

  // ---- categories ----

  async createCategory(em: EntityManager, input: CreateStakeholderCategoryInput): Promise<StakeholderCategory> {
    await this.assertKeyFree(em, input.key);
    const category = new StakeholderCategory();
    assignDefined(category, input, ['key', 'name', 'description']);
    if (input.sector) category.sector = input.sector;
    em.persist(category);
    return category;
  }

  async updateCategory(em: EntityManager, id: string, input: UpdateStakeholderCategoryInput): Promise<StakeholderCategory> {
    const category = await findOrFail(em, StakeholderCategory, id);
    if (input.key !== undefined && input.key !== category.key) await this.assertKeyFree(em, input.key);
    assignDefined(category, input, ['key', 'name', 'description', 'sector']);
    return category;
  }

  archiveCategory(em: EntityManager, id: string, archived: boolean): Promise<StakeholderCategory> {
    return archiveById(em, StakeholderCategory, id, archived);
  }

  private async assertKeyFree(em: EntityManager, key: string): Promise<void> {
    if (await em.count(StakeholderCategory, { key })) {
      throw new ConflictError(`A stakeholder category with key "${key}" already exists`, 'input.key');
    }
  }

  // ---- contact persons ----

  listContacts(em: EntityManager, filter: ContactPersonFilter | null | undefined, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const where = () => allOf<ContactPerson>(
      visibleWhere(em, ContactPerson),
      archiveWhere(f.archived) as FilterQuery<ContactPerson>,
      f.stakeholderId && { stakeholder: f.stakeholderId },
      f.contactPermitted != null && { contactPermitted: f.contactPermitted },
      // Withheld e-mail addresses are not searched either: a search would tell them.
      f.text && containsText(isHidden(em, ContactPerson, 'email') ? ['name', 'role'] : ['name', 'role', 'email'], f.text),
    );
    return paginate(em, ContactPerson, where, [{ name: 'asc' }, { id: 'asc' }], page, limits);
  }

  async createContact(em: EntityManager, input: CreateContactPersonInput): Promise<ContactPerson> {
    const contact = new ContactPerson();
    contact.stakeholder = await findOrFail(em, Stakeholder, input.stakeholderId, 'input.stakeholderId');
    assignDefined(contact, input, ['name', 'role', 'email', 'phone']);
    if (input.contactPermitted != null) contact.contactPermitted = input.contactPermitted;
    em.persist(contact);
    return contact;
  }

  async updateContact(em: EntityManager, id: string, input: UpdateContactPersonInput): Promise<ContactPerson> {
    const contact = await findOrFail(em, ContactPerson, id);
    assignDefined(contact, input, ['name', 'role', 'email', 'phone', 'contactPermitted']);
    return contact;
  }

  archiveContact(em: EntityManager, id: string, archived: boolean): Promise<ContactPerson> {
    return archiveById(em, ContactPerson, id, archived);
  }

  // ---- assessments ----

  async createAssessment(em: EntityManager, input: CreateStakeholderAssessmentInput): Promise<StakeholderAssessment> {
    const assessment = new StakeholderAssessment();
    assessment.stakeholder = await findOrFail(em, Stakeholder, input.stakeholderId, 'input.stakeholderId');
    assignDefined(assessment, input, ['assessedOn', 'power', 'interest', 'assessedBy', 'note']);
    assessment.hasPower = input.hasPower ?? false;
    assessment.hasLegitimacy = input.hasLegitimacy ?? false;
    assessment.hasUrgency = input.hasUrgency ?? false;
    em.persist(assessment);
    return assessment;
  }

  async updateAssessment(em: EntityManager, id: string, input: UpdateStakeholderAssessmentInput): Promise<StakeholderAssessment> {
    const assessment = await findOrFail(em, StakeholderAssessment, id);
    assignDefined(assessment, input, ['assessedOn', 'power', 'interest', 'hasPower', 'hasLegitimacy', 'hasUrgency', 'assessedBy', 'note']);
    return assessment;
  }

  archiveAssessment(em: EntityManager, id: string, archived: boolean): Promise<StakeholderAssessment> {
    return archiveById(em, StakeholderAssessment, id, archived);
  }

}
