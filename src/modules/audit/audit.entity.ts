import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../shared/clock';

// Append-only: nothing in the API updates or deletes these rows (only an erasure of personal
// data redacts values, and that erasure is itself recorded).

export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What happened to a record.',
  valuesConfig: {
    CREATE: { description: 'Created.' },
    UPDATE: { description: 'Changed.' },
    DELETE: { description: 'Deleted (only generated records, such as moments a changed schedule no longer asks for).' },
  },
});

@ObjectType({
  description:
    'One successful mutation in the audit trail (audittrail): who did what, when, and every field it changed. Changes to users and API tokens are shown to administrators only; so are the values of personal data (see `AuditChange.redacted`) and the API token used. Editors see who made a change; viewers see what changed and when, not who.',
})
@Entity()
@Index({ properties: ['occurredAt'] })
// One mutation per Idempotency-Key and user: a retried request finds the first one here.
@Unique({ properties: ['userId', 'idempotencyKey'] })
export class AuditRecord {
  @Field(() => ID, { description: 'Stable identifier (a UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field({ description: 'When the change was made (ISO 8601 timestamp).' })
  @Property({ type: Date })
  occurredAt: Date = clock.now();

  @Field(() => ID, { nullable: true, description: 'Id of the user who made it; null for viewers (only editors and administrators see who made a change).' })
  @Property({ length: 36 })
  @Index()
  userId!: string;

  @Field(() => String, { nullable: true, description: 'Name of that user at the time; null for viewers.' })
  @Property({ length: 200 })
  userName!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the API token used; null unless you are an administrator.' })
  @Property({ length: 36 })
  tokenId!: string;

  @Field({ description: 'The mutation, e.g. `updateStakeholder`.' })
  @Property({ length: 100 })
  operation!: string;

  @Field(() => String, { nullable: true, description: 'Type of the record the mutation returned, e.g. `Stakeholder`; null when that record is outside your portfolio scope.' })
  @Property({ length: 100, nullable: true })
  entityType?: string | null = null;

  @Field(() => ID, { nullable: true, description: 'Id of that record; null when it is outside your portfolio scope.' })
  @Property({ length: 36, nullable: true })
  @Index()
  entityId?: string | null = null;

  /** The client's Idempotency-Key header with the mutation's response key (`key#alias`), if it sent one. */
  @Property({ length: 300, nullable: true })
  idempotencyKey?: string | null = null;

  /** SHA-256 of the mutation and its arguments: the same key sent with another request is refused. */
  @Property({ length: 64, nullable: true })
  requestHash?: string | null = null;

  @OneToMany(() => AuditChange, (c) => c.record)
  changes = new Collection<AuditChange>(this);
}

@ObjectType({ description: 'One changed field of one record, with its value before and after (JSON).' })
@Entity()
export class AuditChange {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => AuditRecord)
  record!: AuditRecord;

  @Field({ description: 'Type of the changed record, e.g. `ContactPerson`.' })
  @Property({ length: 100 })
  entityType!: string;

  @Field(() => ID, { description: 'Id of the changed record.' })
  @Property({ length: 36 })
  @Index()
  entityId!: string;

  @Field(() => ChangeAction, { description: 'Created, changed or deleted.' })
  @Enum({ items: () => ChangeAction })
  action!: ChangeAction;

  @Field({ description: 'The field, e.g. `name`; for a list of links the ids are listed.' })
  @Property({ length: 100 })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The value before, as JSON; null when created, or when `redacted`. In a link, the ids of records outside your portfolio scope are left out.' })
  @Property({ type: 'text', nullable: true })
  before?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The value after, as JSON; null when deleted, or when `redacted`. In a link, the ids of records outside your portfolio scope are left out.' })
  @Property({ type: 'text', nullable: true })
  after?: string | null = null;
}
