import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { StrategicGoal } from './strategic-goal.entity';

@ObjectType({ description: 'A dated measurement (meting) of a goal\'s KPI.' })
@Entity()
@Index({ properties: ['goal', 'measuredOn'] })
export class GoalMeasurement extends BaseEntity {
  @ManyToOne(() => StrategicGoal)
  goal!: StrategicGoal;

  @Field(() => LocalDateScalar, { description: 'The day the value applies to (peildatum).' })
  @Property({ type: 'date' })
  measuredOn!: string;

  @Field(() => Float, { description: 'Measured value, in the KPI\'s unit.' })
  @Property({ type: 'double' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'Source or remarks.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null = null;
}
