import { Collection, Entity, Enum, ManyToMany, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { AgreementKind } from './agreement.enums';

@ObjectType({
  description:
    'An agreement (afspraak) made with stakeholders, such as prestatieafspraken or a covenant; it can carry goals and impose accountability obligations.',
})
@Entity()
export class Agreement extends BaseEntity {
  @Field({ description: 'Title, e.g. "Prestatieafspraken 2024–2027 gemeente Rivierstad".' })
  @Property({ length: 200 })
  title!: string;

  @Field(() => AgreementKind, { description: 'Kind of agreement.' })
  @Enum({ items: () => AgreementKind })
  kind: AgreementKind = AgreementKind.OTHER;

  @Field(() => String, { nullable: true, description: 'What was agreed, in short.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was signed.' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day it is in force.' })
  @Property({ type: 'date', nullable: true })
  validFrom?: string | null = null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day it is in force; null when open-ended.' })
  @Property({ type: 'date', nullable: true })
  validUntil?: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the signed document is: a URL or a document-management reference.',
  })
  @Property({ length: 500, nullable: true })
  documentReference?: string | null = null;

  @ManyToMany(() => Stakeholder, (s) => s.agreements, { owner: true })
  parties = new Collection<Stakeholder>(this);

  @ManyToMany(() => StrategicGoal, (g) => g.agreements, { owner: true })
  goals = new Collection<StrategicGoal>(this);
}
