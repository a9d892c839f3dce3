import { Collection, Entity, Enum, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { Sector } from './stakeholder.enums';
import { Stakeholder } from './stakeholder.entity';

@ObjectType({
  description:
    'A category of stakeholders (categorie belanghebbende), e.g. huurdersorganisatie, gemeente, toezichthouder, cliëntenraad. Categories are data, not an enum: sectors differ, and each register can add its own.',
})
@Entity()
export class StakeholderCategory extends BaseEntity {
  @Field({ description: 'Short unique key, lower case with hyphens, e.g. `huurdersorganisatie`.' })
  @Property({ length: 64, unique: true })
  key!: string;

  @Field({ description: 'Display name, e.g. "Huurdersorganisatie (tenants\' organisation)".' })
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What stakeholders of this category are and why they matter.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => Sector, { description: 'The sector this category is typical for.' })
  @Enum({ items: () => Sector })
  sector: Sector = Sector.GENERAL;

  @OneToMany(() => Stakeholder, (s) => s.category)
  stakeholders = new Collection<Stakeholder>(this);
}
