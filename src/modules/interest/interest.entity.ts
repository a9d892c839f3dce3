import { Collection, Entity, Enum, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Interaction } from '../interaction/interaction.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { Importance, InterestStatus, Stance } from './interest.enums';

@ObjectType({
  description:
    "An interest (belang) of a stakeholder: what they care about, how much, their stance, and how the organisation answered it (response and the goals that address it).",
})
@Entity()
export class Interest extends BaseEntity {
  // A stakeholder's interests are loaded by stakeholder_id (PostgreSQL indexes no foreign key by itself).
  @ManyToOne(() => Stakeholder, { index: true })
  stakeholder!: Stakeholder;

  @Field({ description: 'Short topic, e.g. "Betaalbaarheid" (affordability).' })
  @Property({ length: 200 })
  topic!: string;

  @Field(() => String, { nullable: true, description: 'The interest in the stakeholder\'s own terms.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => Importance, { description: 'How much it matters to the stakeholder.' })
  @Enum({ items: () => Importance })
  importance: Importance = Importance.MEDIUM;

  @Field(() => Stance, { description: "The stakeholder's stance (houding)." })
  @Enum({ items: () => Stance })
  stance: Stance = Stance.NEUTRAL;

  @Field(() => InterestStatus, { description: 'Where the organisation stands in answering it.' })
  @Enum({ items: () => InterestStatus })
  status: InterestStatus = InterestStatus.RAISED;

  @Field(() => LocalDateScalar, { description: 'The day the interest was identified.' })
  @Property({ type: 'date' })
  identifiedOn!: string;

  @ManyToOne(() => Interaction, { nullable: true, deleteRule: 'set null' })
  raisedIn?: Interaction | null = null;

  @Field(() => String, { nullable: true, description: "The organisation's response (reactie): what was done with this input." })
  @Property({ type: 'text', nullable: true })
  response?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the response was given.' })
  @Property({ type: 'date', nullable: true })
  respondedOn?: string | null = null;

  @ManyToMany(() => StrategicGoal, (g) => g.interests, { owner: true })
  goals = new Collection<StrategicGoal>(this);

  @ManyToMany(() => Interaction, (i) => i.interests)
  discussedIn = new Collection<Interaction>(this);
}
