import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Application, type ApplicationFacts } from './moment-status';
import { Obligation } from './obligation.entity';

/**
 * One decision to apply or explain an obligation from a day on ("pas toe of leg uit" per
 * period). Decisions are only added: the one in force on a day is the latest-effective one
 * decided by then, so a later decision never changes an answer for an earlier as-of date.
 */
@ObjectType({
  description:
    'A decision to apply (APPLY) or explain (EXPLAIN, with the explanation) an obligation from `effectiveFrom` on, until a later-effective decision takes over ("pas toe of leg uit" per period). Never changed or deleted: a new decision replaces it from its own day.',
})
@Entity()
@Index({ properties: ['obligation', 'effectiveFrom'] })
export class ObligationApplication extends BaseEntity implements ApplicationFacts {
  @ManyToOne(() => Obligation)
  obligation!: Obligation;

  @Field(() => LocalDateScalar, { description: 'The first day it applies to: moments due from this day on follow it, e.g. the first day of a reporting year.' })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => Application, { description: 'APPLY, or EXPLAIN with an explanation.' })
  @Enum({ items: () => Application })
  application!: Application;

  @Field(() => String, { nullable: true, description: 'The written explanation (uitleg) with EXPLAIN; null with APPLY.' })
  @Property({ type: 'text', nullable: true })
  explanation?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Who decided, by name or body (e.g. "Raad van bestuur").' })
  @Property({ length: 200, nullable: true })
  decidedBy?: string | null = null;

  @Field(() => LocalDateScalar, { description: 'The day it was decided, or the explanation given (e.g. published): it counts for as-of dates from this day on.' })
  @Property({ type: 'date' })
  decidedOn!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the explanation is to be reviewed; past it, the overview lists it.' })
  @Property({ type: 'date', nullable: true })
  reviewOn?: string | null = null;
}
