import { Collection, Entity, ManyToMany, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { Obligation } from '../accountability/obligation.entity';
import { GovernanceCode } from './governance-code.entity';

@ObjectType({
  description:
    'One provision of a governance code (bepaling, principe), e.g. principle 3 or provision 3.2; provisions form a tree (principle → provision).',
})
@Entity()
@Unique({ properties: ['code', 'reference'] })
export class CodeProvision extends BaseEntity {
  @ManyToOne(() => GovernanceCode)
  code!: GovernanceCode;

  @Field({ description: 'Reference within the code, e.g. "3", "3.2" or "SBM-2 §45 (a)".' })
  @Property({ length: 50 })
  reference!: string;

  @Field({ description: 'Short title.' })
  @Property({ length: 300 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the provision asks, summarised in our own words.' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null = null;

  @Field(() => Int, { description: 'Order among its siblings.' })
  @Property()
  position: number = 0;

  @ManyToOne(() => CodeProvision, { nullable: true })
  parent?: CodeProvision | null = null;

  @OneToMany(() => CodeProvision, (p) => p.parent)
  children = new Collection<CodeProvision>(this);

  @ManyToMany(() => Obligation, (o) => o.provisions)
  obligations = new Collection<Obligation>(this);
}
