import { Collection, Entity, Enum, Index, ManyToMany, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { ListSize } from '../../shared/query-limits';
import { LocalDateScalar } from '../../shared/scalars';
import { Interest } from '../interest/interest.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { FollowUpAction } from './follow-up-action.entity';
import { InteractionKind } from './interaction.enums';

/** Most colleagues one interaction names. */
export const PARTICIPANTS_MAX = 50;

@ObjectType({
  description:
    'An interaction (contactmoment) with stakeholders: a meeting, consultation, letter, call, event … with what was discussed and the follow-up actions.',
})
@Entity()
// The annual report counts a year's interactions and follows them to their stakeholders: with
// archived_at and id in the index it does so without reading the table.
@Index({ name: 'interaction_occurred_on_archived_at_id_index', properties: ['occurredOn', 'archivedAt', 'id'] })
export class Interaction extends BaseEntity {
  @Field(() => LocalDateScalar, { description: 'The day it took place.' })
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field(() => InteractionKind, { description: 'How the contact took place.' })
  @Enum({ items: () => InteractionKind })
  kind: InteractionKind = InteractionKind.MEETING;

  @Field({ description: 'Subject (onderwerp).' })
  @Property({ length: 200 })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'Summary of what was said and agreed (verslag in het kort).' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null = null;

  @Field(() => [String], { description: `Colleagues of the organisation who took part, by name or role; at most ${PARTICIPANTS_MAX}.` })
  @ListSize({ max: PARTICIPANTS_MAX })
  @Property({ type: 'json' })
  internalParticipants: string[] = [];

  // index: a stakeholder's side is loaded by stakeholder_id (see indexPivotJoinColumns).
  @ManyToMany(() => Stakeholder, (s) => s.interactions, { owner: true, index: true })
  stakeholders = new Collection<Stakeholder>(this);

  @ManyToMany(() => ContactPerson, (c) => c.interactions, { owner: true })
  contactPersons = new Collection<ContactPerson>(this);

  @ManyToMany(() => Interest, (i) => i.discussedIn, { owner: true })
  interests = new Collection<Interest>(this);

  @ManyToMany(() => StrategicGoal, (g) => g.discussedIn, { owner: true })
  goals = new Collection<StrategicGoal>(this);

  @OneToMany(() => FollowUpAction, (a) => a.interaction)
  followUpActions = new Collection<FollowUpAction>(this);

  @OneToMany(() => Interest, (i) => i.raisedIn)
  raisedInterests = new Collection<Interest>(this);
}
