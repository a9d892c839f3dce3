import { Collection, Entity, Enum, Index, ManyToMany, ManyToOne, OneToMany, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../shared/base.entity';
import { LocalDateScalar } from '../../shared/scalars';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityForm } from './accountability.enums';
import { AccountabilityMoment } from './accountability-moment.entity';
import { byTakingEffect, ObligationSchedule } from './obligation-schedule.entity';
import { ObligationApplication } from './obligation-application.entity';
import { PLAN_CHUNK, type ScheduleFacts } from './moment-schedule';

@ObjectType({
  description:
    'An accountability obligation (verantwoordingsplicht): to whom account must be given, in what form and how often, and which provisions or agreement it comes from.',
})
@Entity()
export class Obligation extends BaseEntity {
  @Field({ description: 'Title, e.g. "Jaarlijks overleg over de prestatieafspraken".' })
  @Property({ length: 200 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What is owed, in a few sentences.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @ManyToMany(() => CodeProvision, (p) => p.obligations, { owner: true })
  provisions = new Collection<CodeProvision>(this);

  @ManyToOne(() => Agreement, { nullable: true })
  agreement?: Agreement | null = null;

  @ManyToMany(() => Stakeholder, undefined, { owner: true, pivotTable: 'obligation_audience_stakeholders' })
  audienceStakeholders = new Collection<Stakeholder>(this);

  @ManyToMany(() => StakeholderCategory, undefined, { owner: true, pivotTable: 'obligation_audience_categories' })
  audienceCategories = new Collection<StakeholderCategory>(this);

  @Field(() => AccountabilityForm, { description: 'The form in which account is given.' })
  @Enum({ items: () => AccountabilityForm })
  form: AccountabilityForm = AccountabilityForm.OTHER;

  @Field(() => String, { nullable: true, description: 'Who inside the organisation is responsible, by name or role.' })
  @Property({ length: 200, nullable: true })
  responsible?: string | null = null;

  @Field(() => String, {
    nullable: true,
    description: 'RFC 5545 recurrence rule of the latest schedule, e.g. `FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1`; null for a one-off obligation with `dueOn`. Earlier schedules, and from when each applies: `scheduleHistory`.',
  })
  @Property({ length: 500, nullable: true })
  recurrenceRule?: string | null = null;

  @Field(() => LocalDateScalar, { description: 'The day the schedule starts (DTSTART of the rule).' })
  @Property({ type: 'date' })
  scheduleStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The one due date of a one-off obligation; null when a rule is given.' })
  @Property({ type: 'date', nullable: true })
  dueOn?: string | null = null;

  @Field(() => Int, { description: 'How many days before a due date a moment counts as DUE_SOON.' })
  @Property()
  warningDays: number = 30;

  @Field(() => LocalDateScalar, { description: 'First day the obligation applies.' })
  @Property({ type: 'date' })
  activeFrom!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day it applies; null while it applies.' })
  @Property({ type: 'date', nullable: true })
  activeUntil?: string | null = null;

  // The planner extends this as time passes.
  @Field(() => LocalDateScalar, {
    nullable: true,
    description: `Moments exist for every due date up to this day, never further: the planning horizon, or, while a long schedule is planned in steps of ${PLAN_CHUNK} due dates, the last one planned so far (moment lists and reports plan the rest first).`,
  })
  @Property({ type: 'date', nullable: true })
  @Index()
  plannedUntil?: string | null = null;

  @OneToMany(() => AccountabilityMoment, (m) => m.obligation)
  moments = new Collection<AccountabilityMoment>(this);

  /** Its decisions to apply or explain, per period (none: applied throughout). */
  @OneToMany(() => ObligationApplication, (a) => a.obligation)
  applications = new Collection<ObligationApplication>(this);

  /** The versions of the schedule (the rule fields above are the latest one's). */
  @OneToMany(() => ObligationSchedule, (v) => v.obligation)
  schedules = new Collection<ObligationSchedule>(this);
}

/** The versions that count (not superseded), in the order they take effect. */
export function scheduleVersions(o: Obligation): ObligationSchedule[] {
  // Planning by the latest rule alone would silently re-plan the past by it.
  if (!o.schedules.isInitialized()) throw new Error(`the schedule versions of obligation ${o.id} are not loaded`);
  return o.schedules
    .getItems()
    .filter((v) => !v.supersededAt)
    .sort(byTakingEffect);
}

/** The obligation's schedule for planning: its active period and its versions one after the other. */
export function scheduleOf(o: Obligation): ScheduleFacts {
  return { recurrenceRule: o.recurrenceRule, scheduleStart: o.scheduleStart, dueOn: o.dueOn, activeFrom: o.activeFrom, activeUntil: o.activeUntil, segments: scheduleVersions(o) };
}
