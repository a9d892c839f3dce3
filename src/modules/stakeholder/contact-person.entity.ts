import { Collection, Entity, ManyToMany, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { Interaction } from '../interaction/interaction.entity';
import { Stakeholder } from './stakeholder.entity';

/** The fields of a contact person that are personal data: erased on request, shown in the audit trail to administrators only. */
export const PERSONAL_FIELDS = ['name', 'role', 'email', 'phone'] as const;

@ObjectType({ description: 'A contact person (contactpersoon) at a stakeholder. Holds personal data.' })
@Entity()
export class ContactPerson extends BaseEntity {
  // A stakeholder's contacts are loaded by stakeholder_id (PostgreSQL indexes no foreign key by itself).
  @ManyToOne(() => Stakeholder, { index: true })
  stakeholder!: Stakeholder;

  @Field({ description: 'Full name.' })
  @Property({ length: 200 })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Role or position at the stakeholder, e.g. "voorzitter" (chair).' })
  @Property({ length: 200, nullable: true })
  role?: string | null = null;

  @Field(() => String, { nullable: true, description: 'E-mail address; null when none is known, or when your access withholds personal contact details (`User.contactDetailsHidden`).' })
  @Property({ length: 254, nullable: true })
  email?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Telephone number; null when none is known, or when your access withholds personal contact details (`User.contactDetailsHidden`).' })
  @Property({ length: 50, nullable: true })
  phone?: string | null = null;

  @Field({
    description: 'Whether this person may be contacted (toestemming voor contact); false when they objected.',
  })
  @Property()
  contactPermitted: boolean = true;

  @ManyToMany(() => Interaction, (i) => i.contactPersons)
  interactions = new Collection<Interaction>(this);
}
