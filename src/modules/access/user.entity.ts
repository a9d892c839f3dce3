import { Collection, Entity, Enum, ManyToMany, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { PortfolioScope, UserKind, UserRole } from './access.enums';
import { ApiToken } from './api-token.entity';

@ObjectType({ description: 'A person or system that uses the register (gebruiker). Archived users cannot sign in.' })
@Entity({ tableName: 'app_user' })
// A person from the directory is matched by issuer and subject, never by e-mail (which may change).
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
export class User extends BaseEntity {
  @Field({ description: 'Full name, shown in the audit trail.' })
  @Property({ length: 200 })
  name!: string;

  @Field({ description: 'E-mail address (unique, lower case).' })
  @Property({ length: 320, unique: true })
  email!: string;

  @Field(() => UserRole, { description: 'What the user may do.' })
  @Enum({ items: () => UserRole })
  role: UserRole = UserRole.VIEWER;

  /** The OpenID Connect issuer this user signs in with; null for users made here (tokens only). */
  @Property({ length: 500, nullable: true })
  oidcIssuer?: string | null = null;

  /** Their subject (`sub`) at that issuer. */
  @Property({ length: 255, nullable: true })
  oidcSubject?: string | null = null;

  @OneToMany(() => ApiToken, (t) => t.user)
  tokens = new Collection<ApiToken>(this);

  // The portfolio scope (portfolio-scope.ts): what part of the register this user sees and changes.
  @Field(() => PortfolioScope, { description: 'Which part of the register the user sees and changes: ALL, OWN (the stakeholders they own) or CATEGORIES (those in `scopeCategories`).' })
  @Enum({ items: () => PortfolioScope, default: PortfolioScope.ALL })
  scope: PortfolioScope = PortfolioScope.ALL;

  /** The categories of a CATEGORIES scope (in the schema through PortfolioScopeResolver). */
  @ManyToMany(() => StakeholderCategory, undefined, { owner: true, pivotTable: 'app_user_scope_categories', joinColumn: 'user_id', inverseJoinColumn: 'stakeholder_category_id' })
  scopeCategories = new Collection<StakeholderCategory>(this);

  @Field({ description: 'Whether personal contact details (a contact person\'s e-mail and phone) are withheld from the user: answered as null everywhere, in lists, reports, the audit trail and exports.' })
  @Property({ default: false })
  contactDetailsHidden: boolean = false;
  @Field(() => UserKind, { description: 'A person or a service account (a dashboard, a script). With SSO_ONLY on, only the tokens of service accounts sign in.' })
  @Enum({ items: () => UserKind })
  kind: UserKind = UserKind.PERSON;

  @Field(() => String, {
    nullable: true,
    description: "The person's id in the directory: Entra ID's object id (the `oid` claim, SCIM's `externalId`). It links an account made by SCIM provisioning to the person's first sign-in.",
  })
  @Property({ length: 255, nullable: true, unique: true })
  directoryId?: string | null = null;

  /** The SCIM `userName` (Entra ID: the user principal name); non-null while SCIM provisioning keeps this user. */
  @Property({ length: 320, nullable: true, unique: true })
  scimUserName?: string | null = null;
}
