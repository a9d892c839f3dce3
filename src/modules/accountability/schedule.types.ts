import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ListSize } from '../../shared/query-limits';
import { LocalDateScalar } from '../../shared/scalars';
import { ScheduleWarningCode } from './schedule-warnings';

registerEnumType(ScheduleWarningCode, {
  name: 'ScheduleWarningCode',
  description: 'What a valid recurrence rule may do other than intended.',
  valuesConfig: {
    MONTHS_SKIPPED: { description: 'Months that lack the rule\'s day of the month (29–31) get no date: RFC 5545 skips them rather than taking their last day.' },
    FEWER_THAN_FREQUENCY: { description: 'Some months or years the frequency visits get no date for another reason (e.g. BYDAY=5MO, a fifth Monday).' },
    ENDS_BEFORE_HORIZON: { description: 'COUNT or UNTIL ends the rule before the planning horizon: no moments are planned after its last date.' },
  },
});

/** Most dates previewSchedule lists. */
export const PREVIEW_MAX = 100;

@ObjectType({ description: 'Something a schedule does that may not be what was meant, in plain words.' })
export class ScheduleWarning {
  @Field(() => ScheduleWarningCode, { description: 'Which kind of surprise.' })
  code!: ScheduleWarningCode;

  @Field({ description: 'What happens and how to say it otherwise.' })
  message!: string;
}

@ObjectType({ description: 'What a recurrence rule would plan: its dates in words and in days, and any warnings.' })
export class SchedulePreview {
  @Field({ description: 'The rule in words, e.g. "every 3 months on the 31st".' })
  description!: string;

  @Field(() => [LocalDateScalar], { description: `The next dates on or after \`from\`, at most \`count\` (up to ${PREVIEW_MAX}).` })
  @ListSize({ max: PREVIEW_MAX, arg: 'count' })
  dates!: string[];

  @Field(() => [ScheduleWarning], { description: 'Warnings; empty when the rule does what its frequency suggests.' })
  @ListSize({ max: 3 })
  warnings!: ScheduleWarning[];
}
