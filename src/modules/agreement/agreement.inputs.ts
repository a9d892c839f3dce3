import { ArrayMaxSize, ArrayMinSize, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ArchiveStateField, DayFilterField, EnumsFilterField, IdsFilterField, TextFilterField } from '../../shared/filter-fields';
import { ArchiveFilter } from '../../shared/filters';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX, NotBlank, Patch, SHORT_TEXT_MAX, TEXT_MAX } from '../../shared/validation';
import { AgreementKind } from './agreement.enums';

@InputType({ description: 'A new agreement (afspraak), e.g. prestatieafspraken or a covenant.' })
export class CreateAgreementInput {
  @Field({ description: 'Title, e.g. "Prestatieafspraken 2024–2027 gemeente Rivierstad".' })
  @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title!: string;

  @Field(() => AgreementKind, { nullable: true, description: 'Kind of agreement; OTHER when left out.' })
  @IsOptional() @IsEnum(AgreementKind)
  kind?: AgreementKind | null;

  @Field(() => String, { nullable: true, description: 'What was agreed, in short.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it was signed (ondertekend).' })
  @IsOptional() @IsString()
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'First day it is in force (ingangsdatum).' })
  @IsOptional() @IsString()
  validFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Last day it is in force (einddatum), on or after validFrom; leave out when open-ended.' })
  @IsOptional() @IsString() @IsOnOrAfter('validFrom')
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the signed document is: a URL or a document-management reference (at most 500 characters).' })
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT_MAX)
  documentReference?: string | null;

  @Field(() => [ID], { description: 'Ids of the stakeholders that are party to it (partijen); at least one.' })
  @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  partyIds!: string[];

  @Field(() => [ID], { nullable: true, description: 'Ids of the strategic goals it covers (doelen).' })
  @IsOptional() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[] | null;
}

@InputType({ description: 'Changes to an agreement; fields left out stay as they are.' })
export class UpdateAgreementInput {
  @Field({ nullable: true, description: 'New title.' })
  @Patch() @IsString() @NotBlank() @MaxLength(NAME_MAX)
  title?: string;

  @Field(() => AgreementKind, { nullable: true, description: 'New kind.' })
  @Patch() @IsEnum(AgreementKind)
  kind?: AgreementKind;

  @Field(() => String, { nullable: true, description: 'New description; null clears it.' })
  @IsOptional() @IsString() @MaxLength(TEXT_MAX)
  description?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New signing day; null clears it.' })
  @IsOptional() @IsString()
  signedOn?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New first day in force; null clears it. Must stay on or before validUntil.' })
  @IsOptional() @IsString()
  validFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'New last day in force; null makes it open-ended. Must stay on or after validFrom.' })
  @IsOptional() @IsString() @IsOnOrAfter('validFrom')
  validUntil?: string | null;

  @Field(() => String, { nullable: true, description: 'New document reference; null clears it.' })
  @IsOptional() @IsString() @MaxLength(SHORT_TEXT_MAX)
  documentReference?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The complete new list of parties (replaces the old list); at least one.' })
  @Patch() @ArrayMinSize(1) @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  partyIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'The complete new list of goals (replaces the old list); an empty list removes them all.' })
  @Patch() @ArrayMaxSize(LIST_MAX) @IsUUID('all', { each: true })
  goalIds?: string[];
}

// Only non-null columns: keyset paging (findByCursor) cannot page reliably over NULLs.
export enum AgreementSort {
  TITLE_ASC = 'TITLE_ASC',
  CREATED_DESC = 'CREATED_DESC',
}

@InputType({ description: 'Filters for the agreement list; all given filters must match.' })
export class AgreementFilter {
  @EnumsFilterField(AgreementKind, 'Only these kinds.')
  kinds?: AgreementKind[] | null;

  @IdsFilterField('Only agreements with at least one of these stakeholders as a party.')
  partyIds?: string[] | null;

  @DayFilterField('Only agreements in force (van kracht) on this day: validFrom empty or on/before it, and validUntil empty or on/after it.')
  inForceOn?: string | null;

  @TextFilterField('Text that the title or description contains (case-insensitive).')
  text?: string | null;

  @ArchiveStateField()
  archived?: ArchiveFilter | null;
}
