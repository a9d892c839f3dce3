import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { TokenAccess } from './access.enums';
import { User } from './user.entity';

@ObjectType({ description: 'An API token (sleutel) of a user. Only a hash of its secret is stored; the secret is shown once, when created.' })
@Entity()
export class ApiToken extends BaseEntity {
  @ManyToOne(() => User)
  user!: User;

  @Field({ description: 'What it is for, e.g. "Dashboard raad van commissarissen".' })
  @Property({ length: 200 })
  name!: string;

  @Field(() => TokenAccess, { description: 'Read-only or read-write.' })
  @Enum({ items: () => TokenAccess })
  access: TokenAccess = TokenAccess.READ_ONLY;

  // SHA-256 of the secret: the secret has 256 random bits, so a fast hash is enough.
  @Property({ length: 64, unique: true })
  secretHash!: string;

  @Field({ description: 'The first characters of the secret, to recognise it (e.g. `sr_Ab3d`).' })
  @Property({ length: 20 })
  prefix!: string;

  @Field(() => Date, { nullable: true, description: 'When it stops working; null for no expiry.' })
  @Property({ type: Date, nullable: true })
  expiresAt?: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was last used (to the minute).' })
  @Property({ type: Date, nullable: true })
  lastUsedAt?: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked (ingetrokken); null while valid.' })
  @Property({ type: Date, nullable: true })
  @Index()
  revokedAt?: Date | null = null;
}
