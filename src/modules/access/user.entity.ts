import { Collection, Entity, Enum, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { UserRole } from './access.enums';
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
}
