import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OneToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { User } from '../access/user.entity';
import { Agreement } from '../agreement/agreement.entity';
import { Interaction } from '../interaction/interaction.entity';
import { Interest } from '../interest/interest.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { ContactPerson } from './contact-person.entity';
import { StakeholderAssessment } from './stakeholder-assessment.entity';
import { StakeholderCategory } from './stakeholder-category.entity';
import { StakeholderTag } from './stakeholder-tag.entity';
import { RelationshipPhase, StakeholderKind } from './stakeholder.enums';

@ObjectType({
  description:
    'A stakeholder (belanghebbende): an organisation, group or person with a stake in what the organisation does.',
})
@Entity()
export class Stakeholder extends BaseEntity {
  @Field(() => StakeholderKind, { description: 'Organisation, group or person.' })
  @Enum({ items: () => StakeholderKind })
  kind: StakeholderKind = StakeholderKind.ORGANISATION;

  @Field({ description: 'Name of the stakeholder.' })
  @Property({ length: 200 })
  @Index()
  name!: string;

  @ManyToOne(() => StakeholderCategory)
  category!: StakeholderCategory;

  @Field(() => String, { nullable: true, description: 'Who the stakeholder is and what their stake is.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Website address (URL).' })
  @Property({ length: 500, nullable: true })
  website?: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'The colleague who owns the relationship (relatiebeheerder), by name or role, as shown; the register users who own it (for portfolio scopes) are `ownerIds`.',
  })
  @Property({ length: 200, nullable: true })
  relationshipOwner?: string | null = null;

  @Field(() => RelationshipPhase, { description: 'Phase of the relationship (relatiefase).' })
  @Enum({ items: () => RelationshipPhase })
  phase: RelationshipPhase = RelationshipPhase.DEVELOP;

  @OneToMany(() => StakeholderTag, (t) => t.stakeholder, { orphanRemoval: true })
  tagRecords = new Collection<StakeholderTag>(this);

  @OneToMany(() => ContactPerson, (c) => c.stakeholder)
  contacts = new Collection<ContactPerson>(this);

  @OneToMany(() => StakeholderAssessment, (a) => a.stakeholder)
  assessments = new Collection<StakeholderAssessment>(this);

  @OneToMany(() => Interest, (i) => i.stakeholder)
  interests = new Collection<Interest>(this);

  @ManyToMany(() => Agreement, (a) => a.parties)
  agreements = new Collection<Agreement>(this);

  @ManyToMany(() => StrategicGoal, (g) => g.stakeholders)
  goals = new Collection<StrategicGoal>(this);

  @ManyToMany(() => Interaction, (i) => i.stakeholders)
  interactions = new Collection<Interaction>(this);

  // The register users who own the relationship: a user with portfolio scope OWN sees the
  // stakeholders they own (portfolio-scope.ts). relationshipOwner stays the name shown.
  // index: the stakeholders of one user are looked up by user_id (see indexPivotJoinColumns).
  @ManyToMany(() => User, undefined, { owner: true, pivotTable: 'stakeholder_owners', joinColumn: 'stakeholder_id', inverseJoinColumn: 'user_id', index: true })
  owners = new Collection<User>(this);
}
