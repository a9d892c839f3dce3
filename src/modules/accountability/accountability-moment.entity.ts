import { Collection, Entity, Index, ManyToMany, ManyToOne, OneToMany, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { EvidenceDocument } from './evidence-document.entity';
import { Obligation } from './obligation.entity';

@ObjectType({
  description:
    'One due occurrence of an obligation (verantwoordingsmoment): its intended due date, and when held, the evidence; or waived with a reason.',
})
@Entity()
@Unique({ properties: ['obligation', 'dueOn'] })
// The reports read moments by due date (or held date) and need only these columns to judge
// them: an index that holds them all answers without reading the table, whose rows are wide.
// (due_on, id) is also the order moments are listed in.
@Index({ name: 'accountability_moment_report_index', properties: ['dueOn', 'id', 'obligation', 'heldOn', 'waivedOn'] })
@Index({ name: 'accountability_moment_held_on_obligation_id_index', properties: ['heldOn', 'obligation'] })
export class AccountabilityMoment extends BaseEntity {
  @ManyToOne(() => Obligation)
  obligation!: Obligation;

  @Field(() => LocalDateScalar, { description: 'The intended due date, from the schedule.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was held (afgelegd); null while not held.' })
  @Property({ type: 'date', nullable: true })
  heldOn?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Minutes or a short account of what was presented and discussed.' })
  @Property({ type: 'text', nullable: true })
  minutes?: string | null = null;

  @ManyToOne(() => Interaction, { nullable: true, deleteRule: 'set null' })
  interaction?: Interaction | null = null;

  @ManyToMany(() => Stakeholder, undefined, { owner: true, pivotTable: 'accountability_moment_participants' })
  participants = new Collection<Stakeholder>(this);

  @ManyToMany(() => ContactPerson, undefined, { owner: true, pivotTable: 'accountability_moment_contacts' })
  participantContacts = new Collection<ContactPerson>(this);

  @OneToMany(() => EvidenceDocument, (d) => d.moment)
  evidence = new Collection<EvidenceDocument>(this);

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was waived (vervallen verklaard); null unless waived.' })
  @Property({ type: 'date', nullable: true })
  waivedOn?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Why it was waived.' })
  @Property({ type: 'text', nullable: true })
  waiverReason?: string | null = null;
}
