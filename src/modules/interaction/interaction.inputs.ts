import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, FlagFilterField, IdFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { LIST_MAX, NAME_MAX, NotBlank, Patch, TEXT_MAX } from '../../shared/validation';
import { ActionStatus, InteractionKind } from './interaction.enums';
import { PARTICIPANTS_MAX } from './interaction.entity';


// ---- follow-up actions ----

@InputType({ description: 'A follow-up action (vervolgactie) created together with its interaction.' })
export class NewFollowUpActionInput {
  @Field({ description: 'What must be done.' })
  @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  description!: string;

  @Field(() => String, { nullable: true, description: 'Who must do it (actiehouder), by name or role.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  assignee?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it must be done by (streefdatum).' })
  @IsOptional() @IsString()
  dueOn?: string | null;

  @Field(() => ActionStatus, { nullable: true, description: 'Status; OPEN when left out.' })
  @IsOptional() @IsEnum(ActionStatus)
  status?: ActionStatus | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day it was completed; only with status DONE. With status DONE and no completedOn, today is used.',
  })
  @IsOptional() @IsString()
  completedOn?: string | null;
}

@InputType({ description: 'A new follow-up action (vervolgactie) for an existing interaction.' })
export class CreateFollowUpActionInput extends NewFollowUpActionInput {
  @Field(() => ID, { description: 'Id of the interaction (contactmoment) in which it was agreed.' })
  @IsUUID()
  interactionId!: string;
}

@InputType({ description: 'Changes to a follow-up action; fields left out stay as they are.' })
export class UpdateFollowUpActionInput {
  @Field({ nullable: true, description: 'New description.' })
  @Patch() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  description?: string;

  @Field(() => String, { nullable: true, description: 'New assignee; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  assignee?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New due day; null clears it.' })
  @IsOptional() @IsString()
  dueOn?: string | null;

  @Field(() => ActionStatus, {
    nullable: true,
    description: 'New status. DONE without completedOn records today as the completion day; any other status clears completedOn.',
  })
  @Patch() @IsEnum(ActionStatus)
  status?: ActionStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New completion day; only when the (new) status is DONE.' })
  @IsOptional() @IsString()
  completedOn?: string | null;
}

// Only non-null columns: keyset paging (findByCursor) cannot page reliably over NULLs, and
// due dates are optional.
export enum FollowUpActionSort {
  CREATED_DESC = 'CREATED_DESC',
  CREATED_ASC = 'CREATED_ASC',
}

@InputType({ description: 'Filters for the follow-up action list; all given filters must match.' })
export class FollowUpActionFilter {
  @EnumsFilterField(ActionStatus, 'Only these statuses.')
  statuses?: ActionStatus[] | null;

  @FlagFilterField('true: only open actions (OPEN or IN_PROGRESS); false: only closed ones (DONE or CANCELLED).')
  open?: boolean | null;

  @DayFilterField('Only actions overdue (te laat) on this day: due before it, not cancelled, and not completed on or before it (the same rule as `overdue(asOf:)`).')
  overdueAsOf?: string | null;

  @Field(() => String, { nullable: true, description: 'Assignee (actiehouder), exactly.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  assignee?: string | null;

  @DayFilterField('Only actions due on or after this day.')
  dueFrom?: string | null;

  @DayFilterField('Only actions due on or before this day; on or after dueFrom.', 'dueFrom')
  dueTo?: string | null;

  @IdFilterField('Only actions of this interaction.')
  interactionId?: string | null;

  @IdsFilterField('Only actions of interactions with at least one of these stakeholders.')
  stakeholderIds?: string[] | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

// ---- interactions ----

@InputType({ description: 'A new interaction (contactmoment), with its follow-up actions.' })
export class CreateInteractionInput {
  @Field(() => LocalDateScalar, { description: 'The day it took place.' })
  @IsString()
  occurredOn!: string;

  @Field(() => InteractionKind, { nullable: true, description: 'How the contact took place; MEETING when left out.' })
  @IsOptional() @IsEnum(InteractionKind)
  kind?: InteractionKind | null;

  @Field({ description: 'Subject (onderwerp).' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  subject!: string;

  @Field(() => String, { nullable: true, description: 'Summary of what was said and agreed (verslag in het kort).' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: `Colleagues who took part, by name or role; at most ${PARTICIPANTS_MAX}.` })
  @IsOptional() @ArrayMaxSize(PARTICIPANTS_MAX) @IsString({ each: true }) @NotBlank({ each: true }) @MaxLength(NAME_MAX, { each: true })
  internalParticipants?: string[] | null;

  @Field(() => [ID], { description: 'Ids of the stakeholders involved (belanghebbenden); at least one.' })
  @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds!: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the contact persons who took part; each must belong to one of the given stakeholders.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  contactPersonIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the interests (belangen) discussed.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  interestIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the strategic goals discussed.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[] | null;

  @Field(() => [NewFollowUpActionInput], { nullable: true, description: 'Follow-up actions (vervolgacties) agreed in it, created together with it.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @ValidateNested({ each: true })
  followUpActions?: NewFollowUpActionInput[] | null;
}

@InputType({ description: 'Changes to an interaction; fields left out stay as they are, given lists replace the old ones.' })
export class UpdateInteractionInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'New day it took place.' })
  @Patch() @IsString()
  occurredOn?: string;

  @Field(() => InteractionKind, { nullable: true, description: 'New kind.' })
  @Patch() @IsEnum(InteractionKind)
  kind?: InteractionKind;

  @Field({ nullable: true, description: 'New subject.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  subject?: string;

  @Field(() => String, { nullable: true, description: 'New summary; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;

  @Field(() => [String], { nullable: true, description: 'The complete new list of internal participants.' })
  @Patch() @ArrayMaxSize(PARTICIPANTS_MAX) @IsString({ each: true }) @NotBlank({ each: true }) @MaxLength(NAME_MAX, { each: true })
  internalParticipants?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of stakeholders; at least one. Contact persons must still belong to one of them.' })
  @Patch() @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of contact persons; each must belong to one of the stakeholders.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  contactPersonIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of interests discussed.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  interestIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of goals discussed.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[];
}

export enum InteractionSort {
  OCCURRED_DESC = 'OCCURRED_DESC',
  OCCURRED_ASC = 'OCCURRED_ASC',
}

@InputType({ description: 'Filters for the interaction list; all given filters must match.' })
export class InteractionFilter {
  @DayFilterField('Only interactions on or after this day.')
  from?: string | null;

  @DayFilterField('Only interactions on or before this day; on or after `from`.', 'from')
  to?: string | null;

  @EnumsFilterField(InteractionKind, 'Only these kinds.')
  kinds?: InteractionKind[] | null;

  @IdsFilterField('Only interactions with at least one of these stakeholders.')
  stakeholderIds?: string[] | null;

  @IdsFilterField('Only interactions in which at least one of these contact persons took part.')
  contactPersonIds?: string[] | null;

  @IdsFilterField('Only interactions in which at least one of these interests was discussed.')
  interestIds?: string[] | null;

  @IdsFilterField('Only interactions in which at least one of these goals was discussed.')
  goalIds?: string[] | null;

  @TextFilterField('Text that the subject or summary contains (case-insensitive).')
  text?: string | null;

  @FlagFilterField('true: only interactions with open follow-up actions (OPEN or IN_PROGRESS, not archived); false: only those without.')
  hasOpenActions?: boolean | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}
