import { ArrayMaxSize, IsEnum, IsNumber, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX, NotBlank, Patch, TEXT_MAX } from '../../shared/validation';
import { GoalStatus } from './strategic-goal.enums';

const FINITE = { allowNaN: false, allowInfinity: false };
const UNIT_MAX = 50;

// ---- goals ----

@InputType({ description: 'A KPI (prestatie-indicator): what is measured, in which unit, from which baseline to which target.' })
export class KpiInput {
  @Field({ description: 'What is measured, e.g. "Nieuwe sociale huurwoningen opgeleverd".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  indicator!: string;

  @Field({ description: 'Unit of measurement, e.g. "woningen", "%", "label-stappen".' })
  @IsString() @NotBlank() @MaxLength(UNIT_MAX)
  unit!: string;

  @Field(() => Float, { description: 'Value at the start (nulmeting).' })
  @IsNumber(FINITE)
  baseline!: number;

  @Field(() => Float, { description: 'Value to reach by the end of the period (streefwaarde); may be below the baseline for goals that reduce something.' })
  @IsNumber(FINITE)
  target!: number;
}

@InputType({ description: 'A new strategic goal (strategisch doel, samenwerkingsdoel).' })
export class CreateStrategicGoalInput {
  @Field({ description: 'Title, e.g. "120 nieuwe sociale huurwoningen per jaar".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the goal means and why it was agreed.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => LocalDateScalar, { description: 'First day of the period the goal covers.' })
  @IsString()
  periodStart!: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day of the period, on or after periodStart; left out for an open-ended goal.' })
  @IsOptional() @IsString() @IsOnOrAfter('periodStart')
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'Who is responsible inside the organisation, by name or role.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  owner?: string | null;

  @Field(() => GoalStatus, { nullable: true, description: 'Lifecycle status; ACTIVE when left out.' })
  @IsOptional() @IsEnum(GoalStatus)
  status?: GoalStatus | null;

  @Field(() => KpiInput, { nullable: true, description: 'The KPI that measures the goal; measurements can only be recorded once it has one.' })
  @IsOptional() @ValidateNested()
  kpi?: KpiInput | null;

  @Field(() => [ID], { nullable: true, description: 'Ids of the stakeholders the goal was agreed with.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds?: string[] | null;
}

@InputType({ description: 'Changes to a strategic goal; fields left out stay as they are.' })
export class UpdateStrategicGoalInput {
  @Field({ nullable: true, description: 'New title.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New first day of the period.' })
  @Patch() @IsString()
  periodStart?: string;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New last day of the period, on or after periodStart; null makes the goal open-ended.' })
  @IsOptional() @IsString()
  periodEnd?: string | null;

  @Field(() => String, { nullable: true, description: 'New owner; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  owner?: string | null;

  @Field(() => GoalStatus, { nullable: true, description: 'New status.' })
  @Patch() @IsEnum(GoalStatus)
  status?: GoalStatus;

  @Field(() => KpiInput, { nullable: true, description: 'The complete new KPI (replaces the old one); null removes it. Measurements are kept.' })
  @IsOptional() @ValidateNested()
  kpi?: KpiInput | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of stakeholders the goal was agreed with (replaces the old list; [] removes all).' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  stakeholderIds?: string[];
}

export enum StrategicGoalSort {
  PERIOD_START_DESC = 'PERIOD_START_DESC',
  PERIOD_START_ASC = 'PERIOD_START_ASC',
  TITLE_ASC = 'TITLE_ASC',
}

@InputType({ description: 'Filters for the strategic goal list; all given filters must match.' })
export class StrategicGoalFilter {
  @EnumsFilterField(GoalStatus, 'Only these statuses.')
  statuses?: GoalStatus[] | null;

  @IdsFilterField('Only goals agreed with at least one of these stakeholders.')
  stakeholderIds?: string[] | null;

  @IdsFilterField('Only goals that belong to at least one of these agreements (afspraken).')
  agreementIds?: string[] | null;

  @DayFilterField('Only goals whose period includes this day (started on or before it, not ended before it).')
  activeOn?: string | null;

  @TextFilterField('Text that the title or description contains (case-insensitive).')
  text?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

// ---- measurements ----

@InputType({ description: "A new measurement (meting) of a goal's KPI." })
export class CreateGoalMeasurementInput {
  @Field(() => ID, { description: 'Id of the goal; it must have a KPI.' })
  @IsUUID()
  goalId!: string;

  @Field(() => LocalDateScalar, { description: 'The day the value applies to (peildatum).' })
  @IsString()
  measuredOn!: string;

  @Field(() => Float, { description: "Measured value, in the KPI's unit." })
  @IsNumber(FINITE)
  value!: number;

  @Field(() => String, { nullable: true, description: 'Source or remarks.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  note?: string | null;
}

@InputType({ description: 'Corrections to a measurement; fields left out stay as they are.' })
export class UpdateGoalMeasurementInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'New day the value applies to.' })
  @Patch() @IsString()
  measuredOn?: string;

  @Field(() => Float, { nullable: true, description: 'New value.' })
  @Patch() @IsNumber(FINITE)
  value?: number;

  @Field(() => String, { nullable: true, description: 'New note; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  note?: string | null;
}
