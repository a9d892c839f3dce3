import { randomUUID } from 'node:crypto';
import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { clock } from './clock';

// type-graphql passes fields on only from a registered class; as nothing returns this
// abstract type, it does not appear in the schema itself.
@ObjectType({ description: 'Fields every record has.' })
export abstract class BaseEntity {
  [OptionalProps]?: 'createdAt' | 'updatedAt' | 'archivedAt' | 'revision';

  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'When this record was created (ISO 8601 timestamp).' })
  @Property({ type: Date })
  createdAt: Date = clock.now();

  @Field({ description: 'When this record was last changed (ISO 8601 timestamp).' })
  @Property({ type: Date, onUpdate: () => clock.now() })
  updatedAt: Date = clock.now();

  // Optimistic locking: an update names the revision it read; MikroORM also checks it in the UPDATE itself.
  @Field(() => Int, { description: 'Revision of this record, raised by every change. Pass it as `revision` to an update: a stale one gives CONFLICT and changes nothing.' })
  @Property({ version: true, default: 1 })
  revision!: number;

  // Archive instead of delete: history stays navigable.
  @Field(() => Date, { nullable: true, description: 'When this record was archived (gearchiveerd); null while it is active.' })
  @Property({ type: Date, nullable: true })
  archivedAt?: Date | null = null;

  @Field({ description: 'Whether this record is archived. Archived records stay readable but are left out of lists by default.' })
  get archived(): boolean {
    return this.archivedAt != null;
  }
}
