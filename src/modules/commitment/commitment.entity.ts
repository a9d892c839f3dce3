import { Collection, Entity, Index, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';

// The relations are seen from the commitment only (no inverse side on Stakeholder, Interaction or
// AccountabilityMoment): those modules need not know commitments, and the fields that list a
// stakeholder's or a meeting's commitments live in this module (commitment.resolver.ts).

@ObjectType({
  description:
    'A commitment (toezegging): something promised to stakeholders, by whom, when and where, due by a date; delivered with evidence (nagekomen) or withdrawn with a reason (ingetrokken). Its status is derived.',
})
@Entity()
@Index({ properties: ['dueOn'] })
export class Commitment extends BaseEntity {
  @Field({ description: 'What was promised (de toezegging), e.g. "Wij komen vóór 1 maart terug op de huurverhoging 2027".' })
  @Property({ type: 'text' })
  description!: string;

  @Field({ description: 'Who made it, by name or role (e.g. "Directeur-bestuurder"): the promise is the organisation\'s, made by a person who need not be a user of the register.' })
  @Property({ length: 200 })
  madeBy!: string;

  @Field(() => LocalDateScalar, { description: 'The day it was made (toegezegd op).' })
  @Property({ type: 'date' })
  madeOn!: string;

  @Field(() => LocalDateScalar, { description: 'The day it is due (uiterlijk), on or after madeOn.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @ManyToMany(() => Stakeholder, undefined, { owner: true, pivotTable: 'commitment_stakeholders' })
  stakeholders = new Collection<Stakeholder>(this);

  @ManyToMany(() => ContactPerson, undefined, { owner: true, pivotTable: 'commitment_contact_persons' })
  contactPersons = new Collection<ContactPerson>(this);

  // Where it was made: an interaction or a held accountability moment, at most one of the two.
  @ManyToOne(() => Interaction, { nullable: true, deleteRule: 'set null' })
  interaction?: Interaction | null = null;

  @ManyToOne(() => AccountabilityMoment, { nullable: true, deleteRule: 'set null' })
  accountabilityMoment?: AccountabilityMoment | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was delivered (nagekomen); null while not delivered.' })
  @Property({ type: 'date', nullable: true })
  deliveredOn?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The evidence of delivery (bewijs): a URL or a document-management reference; set with deliveredOn.' })
  @Property({ length: 500, nullable: true })
  deliveryEvidence?: string | null = null;

  @Field(() => String, { nullable: true, description: 'A short account of how it was delivered.' })
  @Property({ type: 'text', nullable: true })
  deliveryNote?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was withdrawn (ingetrokken); null unless withdrawn.' })
  @Property({ type: 'date', nullable: true })
  withdrawnOn?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn; set with withdrawnOn.' })
  @Property({ type: 'text', nullable: true })
  withdrawalReason?: string | null = null;
}
