import { Entity, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { AccountabilityMoment } from './accountability-moment.entity';

@ObjectType({ description: 'A document that proves a moment was held (bewijsstuk): minutes, a report, a publication.' })
@Entity()
export class EvidenceDocument extends BaseEntity {
  @ManyToOne(() => AccountabilityMoment)
  moment!: AccountabilityMoment;

  @Field({ description: 'Title, e.g. "Verslag bestuurlijk overleg 12 maart 2026".' })
  @Property({ length: 300 })
  title!: string;

  @Field({ description: 'Where it is: a URL or a document-management reference.' })
  @Property({ length: 500 })
  reference!: string;
}
