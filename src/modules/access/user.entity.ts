import { Collection, Entity, Enum, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { UserRole } from './access.enums';
import { ApiToken } from './api-token.entity';

@ObjectType({ description: 'A person or system that uses the register (gebruiker). Archived users cannot sign in.' })
@Entity({ tableName: 'app_user' })
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

  @OneToMany(() => ApiToken, (t) => t.user)
  tokens = new Collection<ApiToken>(this);
}
