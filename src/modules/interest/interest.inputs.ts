import { ArrayMaxSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, FlagFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX, NotBlank, Patch, TEXT_MAX } from '../../shared/validation';
import { Importance, InterestStatus, Stance } from './interest.enums';

@InputType({ description: 'A new interest (belang) of a stakeholder.' })
export class CreateInterestInput {
  @Field(() => ID, { description: 'Id of the stakeholder whose interest it is.' })
  @IsUUID()
  stakeholderId!: string;

  @Field({ description: 'Short topic, e.g. "Betaalbaarheid" (affordability).' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  topic!: string;

  @Field(() => String, { nullable: true, description: "The interest in the stakeholder's own terms." })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => Importance, { nullable: true, description: 'How much it matters to the stakeholder; MEDIUM when left out.' })
  @IsOptional() @IsEnum(Importance)
  importance?: Importance | null;

  @Field(() => Stance, { nullable: true, description: "The stakeholder's stance (houding); NEUTRAL when left out." })
  @IsOptional() @IsEnum(Stance)
  stance?: Stance | null;

  @Field(() => InterestStatus, { nullable: true, description: 'Where the organisation stands in answering it; RAISED when left out.' })
  @IsOptional() @IsEnum(InterestStatus)
  status?: InterestStatus | null;

  @Field(() => LocalDateScalar, { description: 'The day the interest was identified.' })
  @IsString()
  identifiedOn!: string;

  @Field(() => ID, { nullable: true, description: 'Id of the interaction (contactmoment) in which it was raised.' })
  @IsOptional() @IsUUID()
  raisedInId?: string | null;

  @Field(() => String, { nullable: true, description: "The organisation's response (reactie): what was done with this input." })
  @IsOptional() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  response?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the response was given; on or after identifiedOn.' })
  @IsOptional() @IsString() @IsOnOrAfter('identifiedOn')
  respondedOn?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the strategic goals that address this interest.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[] | null;
}

@InputType({ description: 'Changes to an interest; fields left out stay as they are.' })
export class UpdateInterestInput {
  @Field(() => ID, { nullable: true, description: 'Id of the stakeholder it belongs to (to correct a mistake).' })
  @Patch() @IsUUID()
  stakeholderId?: string;

  @Field({ nullable: true, description: 'New topic.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  topic?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => Importance, { nullable: true, description: 'New importance.' })
  @Patch() @IsEnum(Importance)
  importance?: Importance;

  @Field(() => Stance, { nullable: true, description: 'New stance (houding).' })
  @Patch() @IsEnum(Stance)
  stance?: Stance;

  @Field(() => InterestStatus, { nullable: true, description: 'New status.' })
  @Patch() @IsEnum(InterestStatus)
  status?: InterestStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New day of identification.' })
  @Patch() @IsString()
  identifiedOn?: string;

  @Field(() => ID, { nullable: true, description: 'Id of the interaction in which it was raised; null clears it.' })
  @IsOptional() @IsUUID()
  raisedInId?: string | null;

  @Field(() => String, { nullable: true, description: 'New response (reactie); null clears it.' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  response?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New day of the response, on or after identifiedOn; null clears it.' })
  @IsOptional() @IsString()
  respondedOn?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of goals that address it (replaces the old list; [] removes all).' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[];
}

export enum InterestSort {
  IDENTIFIED_DESC = 'IDENTIFIED_DESC',
  IDENTIFIED_ASC = 'IDENTIFIED_ASC',
  TOPIC_ASC = 'TOPIC_ASC',
}

@InputType({ description: 'Filters for the interest list; all given filters must match.' })
export class InterestFilter {
  @IdsFilterField('Only interests of one of these stakeholders.')
  stakeholderIds?: string[] | null;

  @EnumsFilterField(InterestStatus, 'Only these statuses.')
  statuses?: InterestStatus[] | null;

  @EnumsFilterField(Stance, 'Only these stances (houding).')
  stances?: Stance[] | null;

  @EnumsFilterField(Importance, 'Only these importances.')
  importances?: Importance[] | null;

  @TextFilterField('Text that the topic or description contains (case-insensitive).')
  text?: string | null;

  @DayFilterField('Only interests identified on or after this day.')
  identifiedFrom?: string | null;

  @DayFilterField('Only interests identified on or before this day.', 'identifiedFrom')
  identifiedTo?: string | null;

  @FlagFilterField('true: only interests without a response yet (response is null); false: only those with a response.')
  unanswered?: boolean | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}
