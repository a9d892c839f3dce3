import { Embeddable, Property } from '@mikro-orm/core';
import { Field, Float, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A key performance indicator (KPI, prestatie-indicator) with baseline and target.' })
@Embeddable()
export class Kpi {
  @Field({ description: 'What is measured, e.g. "Nieuwe sociale huurwoningen opgeleverd".' })
  @Property({ length: 200 })
  indicator!: string;

  @Field({ description: 'Unit of measurement, e.g. "woningen", "%", "label-stappen".' })
  @Property({ length: 50 })
  unit!: string;

  @Field(() => Float, { description: 'Value at the start (nulmeting).' })
  @Property({ type: 'double' })
  baseline!: number;

  @Field(() => Float, { description: 'Value to reach by the end of the period (streefwaarde). May be below the baseline for goals that reduce something.' })
  @Property({ type: 'double' })
  target!: number;
}
