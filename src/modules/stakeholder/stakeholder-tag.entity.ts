import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Stakeholder } from './stakeholder.entity';

// Tags live in their own table so that "stakeholders tagged X" is an indexed lookup on
// SQLite and PostgreSQL alike. The API shows them as a plain list of strings.
@Entity()
@Unique({ properties: ['stakeholder', 'tag'] })
export class StakeholderTag {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Stakeholder, { deleteRule: 'cascade' })
  stakeholder!: Stakeholder;

  @Property({ length: 64 })
  @Index()
  tag!: string;
}
