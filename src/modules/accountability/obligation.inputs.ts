import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX, NotBlank, Patch, SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/validation';
import { AccountabilityForm } from './accountability.enums';
import { EvidenceKind } from './evidence-document.entity';
import { Application, MomentStatus } from './moment-status';
import { SEARCH_YEARS } from './recurrence';

export const WARNING_DAYS_MAX = 366;

@InputType({ description: 'A new accountability obligation (verantwoordingsplicht). It comes from at least one provision or an agreement.' })
export class CreateObligationInput {
  @Field({ description: 'Title, e.g. "Jaarlijks overleg over de prestatieafspraken".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What is owed, in a few sentences.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the code provisions (bepalingen) it comes from.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  provisionIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Id of the agreement (afspraak) it comes from.' })
  @IsOptional() @IsUUID('all')
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the stakeholders account is owed to.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  audienceStakeholderIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the stakeholder categories account is owed to (all their stakeholders).' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  audienceCategoryIds?: string[] | null;

  @Field(() => AccountabilityForm, { nullable: true, description: 'The form of the account; OTHER when left out.' })
  @IsOptional() @IsEnum(AccountabilityForm)
  form?: AccountabilityForm | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible, by name or role (e.g. "bestuurssecretaris").' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  responsible?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      `RFC 5545 recurrence rule without DTSTART, e.g. \`FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1\` (yearly on 1 July), \`FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1\` (quarterly, last day), \`FREQ=YEARLY;INTERVAL=4\` (every four years). Give either this or \`dueOn\`. Refused when it can never produce a date, or produces none within ${SEARCH_YEARS} years of the schedule start.`,
  })
  @IsOptional() @IsString() @NotBlank() @MaxLength(SHORT_TEXT_MAX)
  recurrenceRule?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the schedule counts from (DTSTART); activeFrom when left out.' })
  @IsOptional() @IsString()
  scheduleStart?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The one due date of a one-off obligation. Give either this or `recurrenceRule`.' })
  @IsOptional() @IsString()
  dueOn?: string | null;

  @Field(() => Int, { nullable: true, description: `Days before a due date that a moment counts as DUE_SOON (0–${WARNING_DAYS_MAX}); 30 when left out.` })
  @IsOptional() @IsInt() @Min(0) @Max(WARNING_DAYS_MAX)
  warningDays?: number | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day it applies; scheduleStart, or dueOn for a one-off, when left out.' })
  @IsOptional() @IsString()
  activeFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day it applies, on or after activeFrom; leave out while it applies.' })
  @IsOptional() @IsString() @IsOnOrAfter('activeFrom')
  activeUntil?: string | null;

  @Field(() => Application, { nullable: true, description: 'APPLY (the default) or EXPLAIN ("pas toe of leg uit") from activeFrom on; later periods are decided with decideApplication.' })
  @IsOptional() @IsEnum(Application)
  application?: Application | null;

  @Field(() => String, { nullable: true, description: 'The written explanation (uitleg); required with EXPLAIN.' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  explanation?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the explanation was given (e.g. published in the annual report); required with EXPLAIN.' })
  @IsOptional() @IsString()
  explainedOn?: string | null;
}

@InputType({
  description:
    'Changes to an obligation; fields left out stay as they are. A changed schedule replaces only future moments that were not held or waived.',
})
export class UpdateObligationInput {
  @Field({ nullable: true, description: 'New title.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of provisions (replaces the old list).' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  provisionIds?: string[];

  @Field(() => ID, { nullable: true, description: 'New agreement; null removes the link.' })
  @IsOptional() @IsUUID('all')
  agreementId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of audience stakeholders.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  audienceStakeholderIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of audience categories.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  audienceCategoryIds?: string[];

  @Field(() => AccountabilityForm, { nullable: true, description: 'New form.' })
  @Patch() @IsEnum(AccountabilityForm)
  form?: AccountabilityForm;

  @Field(() => String, { nullable: true, description: 'New responsible person; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  responsible?: string | null;

  @Field(() => String, { nullable: true, description: 'New recurrence rule; null (with a `dueOn`) makes it one-off.' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(SHORT_TEXT_MAX)
  recurrenceRule?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New schedule start.' })
  @Patch() @IsString()
  scheduleStart?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New one-off due date; null when a rule is given.' })
  @IsOptional() @IsString()
  dueOn?: string | null;

  @Field(() => LocalDateScalar, {
    nullable: true,
    description:
      'The day a changed schedule (recurrenceRule, scheduleStart or dueOn) takes effect; today when left out. May be in the past (a decision registered late: unheld moments due from then on are re-planned) or in the future (a change "from next year": until then the current schedule holds). Held and waived moments are never touched.',
  })
  @Patch() @IsString()
  scheduleEffectiveFrom?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the schedule change was decided (besluitdatum), kept in the schedule history; not after today.' })
  @Patch() @IsString()
  scheduleDecidedOn?: string;

  @Field(() => Int, { nullable: true, description: `New warning window in days (0–${WARNING_DAYS_MAX}).` })
  @Patch() @IsInt() @Min(0) @Max(WARNING_DAYS_MAX)
  warningDays?: number;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New first day it applies.' })
  @Patch() @IsString()
  activeFrom?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New last day it applies (ends the obligation: later unheld moments are removed); null while it applies.' })
  @IsOptional() @IsString() @IsOnOrAfter('activeFrom')
  activeUntil?: string | null;
}

@InputType({
  description:
    'A decision to apply or explain an obligation from a day on ("pas toe of leg uit" per period, e.g. per reporting year). Decisions are only added; the latest-effective one decided by a day is the one in force.',
})
export class ApplicationDecisionInput {
  @Field(() => LocalDateScalar, { description: 'The first day it applies to: moments due from this day on follow it (e.g. 2025-01-01 for the reporting year 2025). May be in the past or the future.' })
  @IsString()
  effectiveFrom!: string;

  @Field(() => Application, { description: 'APPLY, or EXPLAIN with an explanation.' })
  @IsEnum(Application)
  application!: Application;

  @Field(() => String, { nullable: true, description: 'The written explanation (uitleg): required with EXPLAIN, refused with APPLY.' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(TEXT_MAX)
  explanation?: string | null;

  @Field(() => String, { nullable: true, description: 'Who decided, by name or body (e.g. "Raad van bestuur").' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  decidedBy?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was decided or the explanation given; today when left out; not in the future. It counts for as-of dates from then on.' })
  @IsOptional() @IsString()
  decidedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'With EXPLAIN: the day the explanation is to be reviewed, on or after decidedOn.' })
  @IsOptional() @IsString()
  reviewOn?: string | null;
}

// Only non-null columns: keyset paging (findByCursor) cannot page reliably over NULLs.
export enum ObligationSort {
  TITLE_ASC = 'TITLE_ASC',
  CREATED_DESC = 'CREATED_DESC',
}

@InputType({ description: 'Filters for the obligation list; all given filters must match.' })
export class ObligationFilter {
  @IdsFilterField('Only obligations from a provision of one of these governance codes.')
  codeIds?: string[] | null;

  @IdsFilterField('Only obligations from one of these provisions.')
  provisionIds?: string[] | null;

  @IdsFilterField('Only obligations from one of these agreements.')
  agreementIds?: string[] | null;

  @IdsFilterField('Only obligations owed to one of these stakeholders, directly or through their category.')
  audienceStakeholderIds?: string[] | null;

  @IdsFilterField('Only obligations owed to one of these categories.')
  audienceCategoryIds?: string[] | null;

  @EnumsFilterField(AccountabilityForm, 'Only these forms.')
  forms?: AccountabilityForm[] | null;

  @Field(() => Application, { nullable: true, description: 'Only obligations applied, or only those explained, today (the decision in force today).' })
  @IsOptional() @IsEnum(Application)
  application?: Application | null;

  @DayFilterField('Only obligations that apply on this day (active period).')
  activeOn?: string | null;

  @TextFilterField('Text that the title, description or responsible person contains (case-insensitive).')
  text?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

@InputType({ description: 'A document that proves a moment was held (bewijsstuk).' })
export class EvidenceInput {
  @Field({ description: 'Title, e.g. "Verslag bestuurlijk overleg 12 maart 2026".' })
  @IsString() @NotBlank() @MaxLength(300)
  title!: string;

  @Field({ description: 'Where it is: a URL or a document-management reference (at most 500 characters).' })
  @IsString() @NotBlank() @MaxLength(SHORT_TEXT_MAX)
  reference!: string;

  @Field(() => EvidenceKind, { defaultValue: EvidenceKind.OTHER, description: 'What kind of document it is.' })
  @IsEnum(EvidenceKind)
  kind!: EvidenceKind;

  @Field(() => LocalDateScalar, { description: "The document's own date (e.g. of the minutes): it says which audit period the evidence supports. Not in the future." })
  @IsString()
  documentDate!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day of the period the document covers, if it covers one (e.g. a year report).' })
  @IsOptional() @IsString()
  periodFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the period it covers; on or after periodFrom.' })
  @IsOptional() @IsString() @IsOnOrAfter('periodFrom')
  periodTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'The id of an earlier entry of the same moment that this one corrects (vervangt): that one then no longer counts, but stays in the history.' })
  @IsOptional() @IsUUID('all')
  supersedesId?: string | null;
}

@InputType({
  description:
    'Records a moment as held (afgelegd). Recording again corrects it: given lists replace the old participants; evidence is added, never removed.',
})
export class RecordMomentHeldInput {
  @Field(() => LocalDateScalar, { description: 'The day it was held; not in the future.' })
  @IsString()
  heldOn!: string;

  @Field(() => [ID], { nullable: true, description: 'Ids of the stakeholders that took part (deelnemers).' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  participantIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the contact persons that took part.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  contactIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Minutes or a short account (verslag); null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  minutes?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the interaction (contactmoment) it took place in; null clears it.' })
  @IsOptional() @IsUUID('all')
  interactionId?: string | null;

  @Field(() => [EvidenceInput], { nullable: true, description: 'Evidence documents to add.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @ValidateNested({ each: true })
  evidence?: EvidenceInput[] | null;
}

export enum MomentSort {
  DUE_ASC = 'DUE_ASC',
  DUE_DESC = 'DUE_DESC',
}

@InputType({ description: 'Filters for the list of accountability moments; all given filters must match.' })
export class MomentFilter {
  @IdsFilterField('Only moments of these obligations.')
  obligationIds?: string[] | null;

  @DayFilterField('Only moments due on or after this day.')
  dueFrom?: string | null;

  @DayFilterField('Only moments due on or before this day.', 'dueFrom')
  dueTo?: string | null;

  @EnumsFilterField(MomentStatus, 'Only moments with one of these statuses on `asOf`.')
  statuses?: MomentStatus[] | null;
}
