import { Arg, Field, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { badInput } from '../../shared/errors';
import { ListSize } from '../../shared/query-limits';
import { STATUS_LABELS } from './status-labels';

export enum Language {
  NL = 'NL',
  EN = 'EN',
}

registerEnumType(Language, {
  name: 'Language',
  description: 'The language of a label shown to people.',
  valuesConfig: { NL: { description: 'Nederlands.' }, EN: { description: 'English.' } },
});

@ObjectType({ description: 'How a status value is shown to people (statuslabel): in Dutch, in English, and in the language asked for.' })
export class StatusLabel {
  @Field({ description: 'The GraphQL enum, e.g. GoalHealth.' })
  type!: string;

  @Field({ description: 'The enum value as the API gives it, e.g. ON_TRACK.' })
  value!: string;

  @Field({ description: 'The label in the language asked for, e.g. "Op koers".' })
  label!: string;

  @Field({ description: 'The Dutch label.' })
  nl!: string;

  @Field({ description: 'The English label.' })
  en!: string;
}

@Resolver()
export class StatusLabelResolver {
  @Query(() => [StatusLabel], {
    description:
      'Labels for the status values (ActionStatus, CommitmentStatus, ComplianceStatus, GoalHealth, GoalStatus, InterestStatus, MomentStatus): the one mapping GraphiQL and exports use to show a status to people. By type, in the order the statuses are defined.',
  })
  @ListSize({ max: 100 })
  statusLabels(
    @Arg('lang', () => Language, { defaultValue: Language.NL, description: 'The language of `label`.' }) lang: Language,
    @Arg('type', () => String, { nullable: true, description: 'Only this enum (e.g. GoalHealth); all when left out.' }) type: string | null,
  ): StatusLabel[] {
    if (type != null && !STATUS_LABELS[type]) {
      throw badInput('type', `unknown status type "${type}"; one of ${Object.keys(STATUS_LABELS).join(', ')}`);
    }
    const types = type != null ? [type] : Object.keys(STATUS_LABELS);
    return types.flatMap((t) =>
      Object.entries(STATUS_LABELS[t]).map(([value, l]) => ({ type: t, value, label: lang === Language.EN ? l.en : l.nl, nl: l.nl, en: l.en })),
    );
  }
}
