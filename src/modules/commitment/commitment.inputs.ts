import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX, NotBlank, Patch, SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/validation';
import { CommitmentStatus } from './commitment-status';

@InputType({ description: 'A new commitment (toezegging) made to stakeholders.' })
export class CreateCommitmentInput {
  @Field({ description: 'What was promised.' })
  @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  description!: string;

  @Field({ description: 'Who made it, by name or role (e.g. "Directeur-bestuurder").' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  madeBy!: string;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description: 'The day it was made (toegezegd op); not in the future. Left out: the day of the interaction or moment it was made in (then one of those is required).',
  })
  @IsOptional() @IsString()
  madeOn?: string | null;

  @Field(() => LocalDateScalar, { description: 'The day it is due (uiterlijk); on or after madeOn.' })
  @IsString() @IsOnOrAfter('madeOn')
  dueOn!: string;

  @Field(() => [ID], { description: 'Ids of the stakeholders it was made to; at least one.' })
  @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds!: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the contact persons it was made to; each belongs to one of the stakeholders.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  contactPersonIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The interaction (contactmoment) it was made in; not together with momentId.' })
  @IsOptional() @IsUUID()
  interactionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The accountability moment (verantwoordingsmoment) it was made in, which must have been held; not together with interactionId.' })
  @IsOptional() @IsUUID()
  momentId?: string | null;
}

@InputType({ description: 'Changes to a commitment (toezegging); fields left out stay as they are. Delivery and withdrawal have their own mutations.' })
export class UpdateCommitmentInput {
  @Field({ nullable: true, description: 'New text of what was promised.' })
  @Patch() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  description?: string;

  @Field({ nullable: true, description: 'New name or role of who made it.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  madeBy?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New day it was made; not in the future, on or before dueOn and any delivery or withdrawal.' })
  @Patch() @IsString()
  madeOn?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New due day; on or after madeOn.' })
  @Patch() @IsString() @IsOnOrAfter('madeOn')
  dueOn?: string;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of stakeholders (replaces the old list); at least one.' })
  @Patch() @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of contact persons (replaces the old list); an empty list removes them all.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  contactPersonIds?: string[];

  @Field(() => ID, { nullable: true, description: 'New interaction it was made in (clears the moment); null clears it.' })
  @IsOptional() @IsUUID()
  interactionId?: string | null;

  @Field(() => ID, { nullable: true, description: 'New held accountability moment it was made in (clears the interaction); null clears it.' })
  @IsOptional() @IsUUID()
  momentId?: string | null;
}

@InputType({ description: 'The delivery of a commitment (nakoming), with its evidence.' })
export class DeliverCommitmentInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was delivered; today when left out; on or after madeOn, not in the future.' })
  @IsOptional() @IsString()
  deliveredOn?: string | null;

  @Field({ description: 'The evidence (bewijs): a URL or a document-management reference, e.g. the letter or minutes in which it was delivered.' })
  @IsString() @NotBlank() @MaxLength(SHORT_TEXT_MAX)
  evidence!: string;

  @Field(() => String, { nullable: true, description: 'A short account of how it was delivered.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  note?: string | null;
}

@InputType({ description: 'The withdrawal of a commitment (intrekking), with its reason.' })
export class WithdrawCommitmentInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was withdrawn; today when left out; on or after madeOn, not in the future.' })
  @IsOptional() @IsString()
  withdrawnOn?: string | null;

  @Field({ description: 'Why it was withdrawn (required): what the stakeholders were told.' })
  @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  reason!: string;
}

// Only non-null columns: keyset paging (findByCursor) cannot page reliably over NULLs.
export enum CommitmentSort {
  DUE_ASC = 'DUE_ASC',
  DUE_DESC = 'DUE_DESC',
  MADE_DESC = 'MADE_DESC',
}

@InputType({ description: 'Filters for the commitment (toezegging) list; all given filters must match.' })
export class CommitmentFilter {
  @IdsFilterField('Only commitments made to at least one of these stakeholders.')
  stakeholderIds?: string[] | null;

  @EnumsFilterField(CommitmentStatus, 'Only commitments with one of these statuses on `asOf` (judged in the database by the same rule as `status`).')
  statuses?: CommitmentStatus[] | null;

  @DayFilterField('The day statuses are judged on; only commitments made by then are listed. Today when left out.')
  asOf?: string | null;

  @DayFilterField('Only commitments due on or after this day.')
  dueFrom?: string | null;

  @DayFilterField('Only commitments due on or before this day.', 'dueFrom')
  dueTo?: string | null;

  @TextFilterField('Text that what was promised, or who made it, contains (case-insensitive).')
  text?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}
