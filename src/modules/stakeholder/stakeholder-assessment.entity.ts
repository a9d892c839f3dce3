import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { powerInterestQuadrant, salienceClass } from './salience';
import { PowerInterestQuadrant, SalienceClass } from './stakeholder.enums';
import { Stakeholder } from './stakeholder.entity';

@ObjectType({
  description:
    'A dated salience assessment of a stakeholder: Mendelow power and interest (invloed en belangstelling) and the Mitchell attributes. Assessments form a history; the latest one is current.',
})
@Entity()
@Index({ properties: ['stakeholder', 'assessedOn'] })
export class StakeholderAssessment extends BaseEntity {
  @ManyToOne(() => Stakeholder)
  stakeholder!: Stakeholder;

  @Field(() => LocalDateScalar, { description: 'The day of the assessment.' })
  @Property({ type: 'date' })
  assessedOn!: string;

  @Field(() => Int, { description: 'Power (invloed), 1 (little) to 5 (decisive).' })
  @Property({ type: 'smallint' })
  power!: number;

  @Field(() => Int, { description: 'Interest (belangstelling), 1 (little) to 5 (very high).' })
  @Property({ type: 'smallint' })
  interest!: number;

  @Field({ description: 'Mitchell power (macht): can the stakeholder impose its will?' })
  @Property()
  hasPower: boolean = false;

  @Field({ description: 'Mitchell legitimacy (legitimiteit): is its claim legitimate?' })
  @Property()
  hasLegitimacy: boolean = false;

  @Field({ description: 'Mitchell urgency (urgentie): does its claim call for immediate attention?' })
  @Property()
  hasUrgency: boolean = false;

  @Field(() => String, { nullable: true, description: 'Who assessed, by name or role.' })
  @Property({ length: 200, nullable: true })
  assessedBy?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Reasoning behind the assessment.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null = null;

  @Field(() => PowerInterestQuadrant, { description: 'Derived quadrant of the power/interest grid.' })
  get quadrant(): PowerInterestQuadrant {
    return powerInterestQuadrant(this.power, this.interest);
  }

  @Field(() => SalienceClass, { description: 'Derived Mitchell salience class (dormant … definitive).' })
  get salienceClass(): SalienceClass {
    return salienceClass(this.hasPower, this.hasLegitimacy, this.hasUrgency);
  }
}
