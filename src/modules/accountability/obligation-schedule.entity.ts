import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { describeSchedule, type ScheduleSegment } from './moment-schedule';
import { Obligation } from './obligation.entity';

/**
 * One version of an obligation's schedule: the rule (or one due date) in force from a day on.
 * A new version from a day supersedes the versions that took effect on or after that day; they
 * stay as history (supersededAt), so the schedule's story can always be told.
 */
@ObjectType({
  description:
    'A version of an obligation\'s schedule (planning): the recurrence rule or due date in force from `effectiveFrom` until the next version takes effect, and when it was decided. Versions are never deleted; one replaced by a later decision from an earlier day is `superseded`.',
})
@Entity()
@Index({ properties: ['obligation', 'effectiveFrom'] })
export class ObligationSchedule extends BaseEntity implements ScheduleSegment {
  @ManyToOne(() => Obligation)
  obligation!: Obligation;

  @Field(() => String, { nullable: true, description: 'RFC 5545 recurrence rule; null for a one-off due date.' })
  @Property({ length: 500, nullable: true })
  recurrenceRule?: string | null = null;

  @Field(() => LocalDateScalar, { description: 'The day the rule starts (DTSTART).' })
  @Property({ type: 'date' })
  scheduleStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The one due date of a one-off schedule.' })
  @Property({ type: 'date', nullable: true })
  dueOn?: string | null = null;

  @Field(() => LocalDateScalar, {
    description: 'The first day this version applies to: due dates from this day on follow it (the first version reaches back to the start of the obligation).',
  })
  @Property({ type: 'date' })
  effectiveFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the change was decided (besluitdatum), e.g. of the board meeting; null when not recorded.' })
  @Property({ type: 'date', nullable: true })
  decidedOn?: string | null = null;

  @Field({ description: 'The schedule in words, e.g. "every 3 months on the 31st" or "once, on 2026-12-31".' })
  get schedule(): string {
    return describeSchedule(this);
  }

  @Field(() => Date, { nullable: true, description: 'When a later decision, taking effect on or before this version\'s effectiveFrom, replaced it; null while it counts.' })
  @Property({ type: Date, nullable: true })
  supersededAt?: Date | null = null;
}

/** The order versions take effect in: by effectiveFrom, then as recorded. */
export function byTakingEffect(a: ObligationSchedule, b: ObligationSchedule): number {
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.createdAt.getTime() - b.createdAt.getTime();
}
