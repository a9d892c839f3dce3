import { ArrayMaxSize, IsBoolean, IsEmail, IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ArchiveStateField, EnumsFilterField, FlagFilterField, IdFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { LIST_MAX, NAME_MAX, NotBlank, Patch, SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/validation';
import { PowerInterestQuadrant, RelationshipPhase, Sector, StakeholderKind } from './stakeholder.enums';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;
/** Most tags one stakeholder carries. */
export const TAGS_MAX = 50;
const PHONE = /^\+?[0-9 ()./-]{6,30}$/;
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

// ---- categories ----

@InputType({ description: 'A new stakeholder category.' })
export class CreateStakeholderCategoryInput {
  @Field({ description: 'Unique key: lower-case letters, digits and hyphens, e.g. `zorgpartner`.' })
  @Matches(KEY, { message: 'key must be lower-case letters, digits and single hyphens' })
  @MaxLength(64)
  key!: string;

  @Field({ description: 'Display name.' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name!: string;

  @Field(() => String, { nullable: true, description: 'What stakeholders of this category are.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => Sector, { nullable: true, description: 'Sector; GENERAL when left out.' })
  @IsOptional() @IsEnum(Sector)
  sector?: Sector | null;
}

@InputType({ description: 'Changes to a stakeholder category; fields left out stay as they are.' })
export class UpdateStakeholderCategoryInput {
  @Field({ nullable: true, description: 'New unique key.' })
  @Patch() @Matches(KEY, { message: 'key must be lower-case letters, digits and single hyphens' }) @MaxLength(64)
  key?: string;

  @Field({ nullable: true, description: 'New display name.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => Sector, { nullable: true, description: 'New sector.' })
  @Patch() @IsEnum(Sector)
  sector?: Sector;
}

// ---- stakeholders ----

@InputType({ description: 'A new stakeholder.' })
export class CreateStakeholderInput {
  @Field(() => StakeholderKind, { nullable: true, description: 'Organisation, group or person; ORGANISATION when left out.' })
  @IsOptional() @IsEnum(StakeholderKind)
  kind?: StakeholderKind | null;

  @Field({ description: 'Name.' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name!: string;

  @Field(() => ID, { description: 'Id of its category.' })
  @IsUUID()
  categoryId!: string;

  @Field(() => String, { nullable: true, description: 'Who they are and what their stake is.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Website, an http(s) URL.' })
  @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(SHORT_TEXT_MAX)
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Colleague who owns the relationship (relatiebeheerder).' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  relationshipOwner?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Ids of the register users who own the relationship (at most ${LIST_MAX}, active users): a user with portfolio scope OWN sees the stakeholders they own. None when left out; yourself, when your own scope is OWN.`,
  })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  ownerIds?: string[] | null;

  @Field(() => RelationshipPhase, { nullable: true, description: 'Relationship phase; DEVELOP when left out.' })
  @IsOptional() @IsEnum(RelationshipPhase)
  phase?: RelationshipPhase | null;

  @Field(() => [String], { nullable: true, description: 'Free tags (trefwoorden), stored in lower case, e.g. "wijk-noord".' })
  @IsOptional() @ArrayMaxSize(TAGS_MAX) @IsString({ each: true }) @MaxLength(64, { each: true })
  @Matches(TAG, { each: true, message: 'each tag must start with a letter or digit and hold only letters, digits, spaces, dots, hyphens and underscores' })
  tags?: string[] | null;
}

@InputType({ description: 'Changes to a stakeholder; fields left out stay as they are.' })
export class UpdateStakeholderInput {
  @Field(() => StakeholderKind, { nullable: true, description: 'New kind.' })
  @Patch() @IsEnum(StakeholderKind)
  kind?: StakeholderKind;

  @Field({ nullable: true, description: 'New name.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name?: string;

  @Field(() => ID, { nullable: true, description: 'Id of the new category.' })
  @Patch() @IsUUID()
  categoryId?: string;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'New website; null clears it.' })
  @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(SHORT_TEXT_MAX)
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'New relationship owner; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  relationshipOwner?: string | null;

  @Field(() => [ID], { nullable: true, description: `The complete new list of register users who own the relationship (at most ${LIST_MAX}, active users); [] for none.` })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  ownerIds?: string[];

  @Field(() => RelationshipPhase, { nullable: true, description: 'New relationship phase.' })
  @Patch() @IsEnum(RelationshipPhase)
  phase?: RelationshipPhase;

  @Field(() => [String], { nullable: true, description: 'The complete new list of tags (replaces the old list).' })
  @Patch() @ArrayMaxSize(TAGS_MAX) @IsString({ each: true }) @MaxLength(64, { each: true })
  @Matches(TAG, { each: true, message: 'each tag must start with a letter or digit and hold only letters, digits, spaces, dots, hyphens and underscores' })
  tags?: string[];
}

export enum StakeholderSort {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
  CREATED_DESC = 'CREATED_DESC',
  UPDATED_DESC = 'UPDATED_DESC',
}

@InputType({ description: 'Filters for the stakeholder list; all given filters must match.' })
export class StakeholderFilter {
  @IdsFilterField('Only stakeholders in one of these categories.')
  categoryIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Only stakeholders in one of the categories with these keys.' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsString({ each: true })
  categoryKeys?: string[] | null;

  @EnumsFilterField(StakeholderKind, 'Only these kinds.')
  kinds?: StakeholderKind[] | null;

  @EnumsFilterField(RelationshipPhase, 'Only these relationship phases.')
  phases?: RelationshipPhase[] | null;

  @EnumsFilterField(PowerInterestQuadrant, 'Only stakeholders whose current assessment falls in one of these quadrants.')
  quadrants?: PowerInterestQuadrant[] | null;

  @Field(() => [String], { nullable: true, description: 'Only stakeholders that carry all of these tags.' })
  @IsOptional() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(64, { each: true })
  tags?: string[] | null;

  @TextFilterField('Text that the name contains (case-insensitive).')
  text?: string | null;

  @Field(() => String, { nullable: true, description: 'Relationship owner, exactly.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  relationshipOwner?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

// ---- contact persons ----

@InputType({ description: 'A new contact person at a stakeholder.' })
export class CreateContactPersonInput {
  @Field(() => ID, { description: 'Id of the stakeholder.' })
  @IsUUID()
  stakeholderId!: string;

  @Field({ description: 'Full name.' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name!: string;

  @Field(() => String, { nullable: true, description: 'Role or position.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'E-mail address.' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number: digits, spaces, +, -, (, ), . and /.' })
  @IsOptional() @Matches(PHONE, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether they may be contacted; true when left out.' })
  @IsOptional() @IsBoolean()
  contactPermitted?: boolean | null;
}

@InputType({ description: 'Changes to a contact person; fields left out stay as they are.' })
export class UpdateContactPersonInput {
  @Field({ nullable: true, description: 'New name.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  name?: string;

  @Field(() => String, { nullable: true, description: 'New role; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  role?: string | null;

  @Field(() => String, { nullable: true, description: 'New e-mail address; null clears it.' })
  @IsOptional() @IsEmail() @MaxLength(254)
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'New telephone number; null clears it.' })
  @IsOptional() @Matches(PHONE, { message: 'phone must be a telephone number' })
  phone?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether they may be contacted.' })
  @Patch() @IsBoolean()
  contactPermitted?: boolean;
}

@InputType({ description: 'Filters for the contact person list.' })
export class ContactPersonFilter {
  @IdFilterField('Only contacts of this stakeholder.')
  stakeholderId?: string | null;

  @TextFilterField('Text that the name, role or e-mail contains.')
  text?: string | null;

  @FlagFilterField('Only contacts that may (true) or may not (false) be contacted.')
  contactPermitted?: boolean | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

// ---- assessments ----

@InputType({ description: 'A new dated salience assessment of a stakeholder.' })
export class CreateStakeholderAssessmentInput {
  @Field(() => ID, { description: 'Id of the stakeholder.' })
  @IsUUID()
  stakeholderId!: string;

  @Field(() => LocalDateScalar, { description: 'Day of the assessment.' })
  assessedOn!: string;

  @Field(() => Int, { description: 'Power (invloed), 1–5.' })
  @IsInt() @Min(1) @Max(5)
  power!: number;

  @Field(() => Int, { description: 'Interest (belangstelling), 1–5.' })
  @IsInt() @Min(1) @Max(5)
  interest!: number;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell power; false when left out.' })
  @IsOptional() @IsBoolean()
  hasPower?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell legitimacy; false when left out.' })
  @IsOptional() @IsBoolean()
  hasLegitimacy?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell urgency; false when left out.' })
  @IsOptional() @IsBoolean()
  hasUrgency?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Who assessed.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  assessedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Reasoning.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  note?: string | null;
}

@InputType({ description: 'Corrections to an assessment; fields left out stay as they are.' })
export class UpdateStakeholderAssessmentInput {
  @Field(() => LocalDateScalar, { nullable: true, description: 'New day of the assessment.' })
  @Patch() @IsString()
  assessedOn?: string;

  @Field(() => Int, { nullable: true, description: 'New power, 1–5.' })
  @Patch() @IsInt() @Min(1) @Max(5)
  power?: number;

  @Field(() => Int, { nullable: true, description: 'New interest, 1–5.' })
  @Patch() @IsInt() @Min(1) @Max(5)
  interest?: number;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell power.' })
  @Patch() @IsBoolean()
  hasPower?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell legitimacy.' })
  @Patch() @IsBoolean()
  hasLegitimacy?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Mitchell urgency.' })
  @Patch() @IsBoolean()
  hasUrgency?: boolean;

  @Field(() => String, { nullable: true, description: 'Who assessed; null clears it.' })
  @IsOptional() @IsString() @MaxLength(NAME_MAX)
  assessedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Reasoning; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  note?: string | null;
}
