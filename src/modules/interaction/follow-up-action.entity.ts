import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { ActionStatus } from './interaction.enums';
import { Interaction } from './interaction.entity';

@ObjectType({ description: 'A follow-up action (vervolgactie) agreed in an interaction.' })
@Entity()
@Index({ properties: ['status', 'dueOn'] })
export class FollowUpAction extends BaseEntity {
  @ManyToOne(() => Interaction)
  interaction!: Interaction;

  @Field({ description: 'What must be done.' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Who must do it (actiehouder), by name or role.' })
  @Property({ length: 200, nullable: true })
  assignee?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it must be done by.' })
  @Property({ type: 'date', nullable: true })
  dueOn?: string | null = null;

  @Field(() => ActionStatus, { description: 'Status.' })
  @Enum({ items: () => ActionStatus })
  status: ActionStatus = ActionStatus.OPEN;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was completed; set when the status is DONE.' })
  @Property({ type: 'date', nullable: true })
  completedOn?: string | null = null;
}
