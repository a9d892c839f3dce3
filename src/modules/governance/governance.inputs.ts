import { IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ArchiveStateField, EnumsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { NAME_MAX, NotBlank, Patch, SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/validation';
import { Sector } from '../stakeholder/stakeholder.enums';
import { CodeOrigin } from './governance-code.entity';

// Lengths follow the columns (governance-code.entity.ts, code-provision.entity.ts).
const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const KEY_MESSAGE = 'key must be lower-case letters, digits and single hyphens, e.g. "reglement-belanghebbenden-2025"';
const KEY_MAX = 100;
const VERSION_MAX = 50;
const REFERENCE_MAX = 50;
const PROVISION_TITLE_MAX = 300;
const POSITION_MAX = 1_000_000;
// The same rule as a stakeholder's website: an absolute http(s) link.
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

// ---- codes ----

@InputType({ description: 'A new governance code (governancecode), law or standard of this organisation\'s own; its origin is always USER.' })
export class CreateGovernanceCodeInput {
  @Field({ description: 'Unique key: lower-case letters, digits and single hyphens (at most 100), e.g. `reglement-belanghebbenden-2025`.' })
  @IsString() @Matches(KEY, { message: KEY_MESSAGE }) @MaxLength(KEY_MAX)
  key!: string;

  @Field({ description: 'Title, e.g. "Reglement belanghebbendenparticipatie 2025".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title!: string;

  @Field({ description: 'Who issued it (uitgever), e.g. "Raad van bestuur" or a sector body.' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  issuer!: string;

  @Field(() => Sector, { nullable: true, description: 'The sector it applies to; GENERAL when left out.' })
  @IsOptional() @IsEnum(Sector)
  sector?: Sector | null;

  @Field(() => String, { nullable: true, description: 'Version or edition (versie), e.g. "2025" (at most 50 characters).' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(VERSION_MAX)
  version?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it took effect (in werking getreden).' })
  @IsOptional() @IsString()
  effectiveFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the official text is published: an http(s) URL of at most 500 characters.' })
  @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(SHORT_TEXT_MAX)
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'What the code is about, in short.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;
}

@InputType({ description: 'Changes to a governance code of origin USER; fields left out stay as they are. Catalogue codes cannot be changed.' })
export class UpdateGovernanceCodeInput {
  @Field({ nullable: true, description: 'New unique key (lower-case letters, digits and single hyphens).' })
  @Patch() @IsString() @Matches(KEY, { message: KEY_MESSAGE }) @MaxLength(KEY_MAX)
  key?: string;

  @Field({ nullable: true, description: 'New title.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title?: string;

  @Field({ nullable: true, description: 'New issuer (uitgever).' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  issuer?: string;

  @Field(() => Sector, { nullable: true, description: 'New sector.' })
  @Patch() @IsEnum(Sector)
  sector?: Sector;

  @Field(() => String, { nullable: true, description: 'New version or edition; null clears it.' })
  @IsOptional() @IsString() @NotBlank() @MaxLength(VERSION_MAX)
  version?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New day it took effect; null clears it.' })
  @IsOptional() @IsString()
  effectiveFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'New http(s) URL of the official text; null clears it.' })
  @IsOptional() @IsUrl(URL_OPTIONS) @MaxLength(SHORT_TEXT_MAX)
  sourceUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;
}

// Only non-null columns: keyset paging (findByCursor) cannot page reliably over NULLs.
export enum GovernanceCodeSort {
  TITLE_ASC = 'TITLE_ASC',
  KEY_ASC = 'KEY_ASC',
}

@InputType({ description: 'Filters for the list of governance codes; all given filters must match.' })
export class GovernanceCodeFilter {
  @EnumsFilterField(Sector, 'Only codes for one of these sectors.')
  sectors?: Sector[] | null;

  @EnumsFilterField(CodeOrigin, 'Only codes of these origins (shipped catalogue, or added by this organisation).')
  origins?: CodeOrigin[] | null;

  @TextFilterField('Text that the title, key or issuer contains (case-insensitive).')
  text?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}

// ---- provisions ----

@InputType({ description: 'A new provision (bepaling, principe) of a governance code of origin USER.' })
export class CreateCodeProvisionInput {
  @Field(() => ID, { description: 'Id of the governance code; it must be of origin USER (catalogue codes are refreshed by the catalogue only).' })
  @IsUUID()
  codeId!: string;

  @Field({ description: 'Reference within the code, unique in that code (at most 50 characters), e.g. "3", "3.2" or "art. 4 lid 2".' })
  @IsString() @NotBlank() @MaxLength(REFERENCE_MAX)
  reference!: string;

  @Field({ description: 'Short title (at most 300 characters).' })
  @IsString() @NotBlank() @MaxLength(PROVISION_TITLE_MAX)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the provision asks, in short.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;

  @Field(() => Int, { nullable: true, description: 'Order among its siblings (0 or more); after the last sibling when left out.' })
  @IsOptional() @IsInt() @Min(0) @Max(POSITION_MAX)
  position?: number | null;

  @Field(() => ID, { nullable: true, description: 'Id of the parent provision (e.g. the principle this provision belongs to), in the same code; a top-level provision when left out.' })
  @IsOptional() @IsUUID()
  parentId?: string | null;
}

@InputType({ description: 'Changes to a provision of a governance code of origin USER; fields left out stay as they are.' })
export class UpdateCodeProvisionInput {
  @Field({ nullable: true, description: 'New reference, unique in its code.' })
  @Patch() @IsString() @NotBlank() @MaxLength(REFERENCE_MAX)
  reference?: string;

  @Field({ nullable: true, description: 'New title.' })
  @Patch() @IsString() @NotBlank() @MaxLength(PROVISION_TITLE_MAX)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New summary; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  summary?: string | null;

  @Field(() => Int, { nullable: true, description: 'New order among its siblings (0 or more).' })
  @Patch() @IsInt() @Min(0) @Max(POSITION_MAX)
  position?: number;

  @Field(() => ID, {
    nullable: true,
    description:
      'New parent provision in the same code, not the provision itself nor one of its descendants; null makes it a top-level provision. When the parent changes and no position is given, it goes after the last of its new siblings.',
  })
  @IsOptional() @IsUUID()
  parentId?: string | null;
}
