import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from '../../shared/base.entity';
import { User } from './user.entity';

// A browser's sign-in (OpenID Connect): the cookie holds a random secret, the table only its
// hash, so a copy of the database signs nobody in. Ending it (logout) is a column, not a delete.
@Entity()
export class UserSession extends BaseEntity {
  @ManyToOne(() => User)
  user!: User;

  // SHA-256 of the cookie's secret (256 random bits, so a fast hash is enough).
  @Property({ length: 64, unique: true })
  secretHash!: string;

  // SHA-256 of the CSRF token the page sends back in X-CSRF-Token with every mutation.
  @Property({ length: 64 })
  csrfHash!: string;

  /** The issuer that signed them in. */
  @Property({ length: 500 })
  issuer!: string;

  @Property({ type: Date })
  @Index()
  expiresAt!: Date;

  @Property({ type: Date, nullable: true })
  endedAt?: Date | null = null;
}
