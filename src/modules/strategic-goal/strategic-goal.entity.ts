import { Collection, Embedded, Entity, Enum, ManyToMany, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Agreement } from '../agreement/agreement.entity';
import { Interaction } from '../interaction/interaction.entity';
import { Interest } from '../interest/interest.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { GoalMeasurement } from './goal-measurement.entity';
import { Kpi } from './kpi.embeddable';
import { GoalStatus } from './strategic-goal.enums';

@ObjectType({
  description:
    'A strategic goal (strategisch doel, samenwerkingsdoel) agreed with stakeholders, with a KPI and dated measurements.',
})
@Entity()
export class StrategicGoal extends BaseEntity {
  @Field({ description: 'Title, e.g. "120 nieuwe sociale huurwoningen per jaar".' })
  @Property({ length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the goal means and why it was agreed.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => LocalDateScalar, { description: 'First day of the period the goal covers.' })
  @Property({ type: 'date' })
  periodStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the period; null for an open-ended goal.' })
  @Property({ type: 'date', nullable: true })
  periodEnd?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Who is responsible inside the organisation, by name or role.' })
  @Property({ length: 200, nullable: true })
  owner?: string | null = null;

  @Field(() => GoalStatus, { description: 'Lifecycle status.' })
  @Enum({ items: () => GoalStatus })
  status: GoalStatus = GoalStatus.ACTIVE;

  @Field(() => Kpi, { nullable: true, description: 'The KPI that measures the goal; null when it has none.' })
  @Embedded(() => Kpi, { nullable: true })
  kpi?: Kpi | null = null;

  @OneToMany(() => GoalMeasurement, (m) => m.goal)
  measurements = new Collection<GoalMeasurement>(this);

  // index: a stakeholder's side is loaded by stakeholder_id (see indexPivotJoinColumns).
  @ManyToMany(() => Stakeholder, (s) => s.goals, { owner: true, index: true })
  stakeholders = new Collection<Stakeholder>(this);

  @ManyToMany(() => Interest, (i) => i.goals)
  interests = new Collection<Interest>(this);

  @ManyToMany(() => Agreement, (a) => a.goals)
  agreements = new Collection<Agreement>(this);

  @ManyToMany(() => Interaction, (i) => i.goals)
  discussedIn = new Collection<Interaction>(this);
}
