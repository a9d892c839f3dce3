import { IsObject, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { MAX_DOCUMENT_LENGTH, NAME_PATTERN } from './saved-operation.rules';

@InputType({ description: 'A new saved operation (opgeslagen selectie).' })
export class CreateSavedOperationInput {
  @Field({ description: 'Unique name in the register: lower-case letters, digits and hyphens, e.g. `mijn-toezeggingen`.' })
  @Length(1, 64)
  @Matches(NAME_PATTERN, { message: 'lower-case letters, digits and hyphens, e.g. mijn-toezeggingen' })
  name!: string;

  @Field({ description: 'Plain title for people (the GraphiQL tab).' })
  @Length(1, 100)
  title!: string;

  @Field(() => String, { nullable: true, description: 'What it shows and when to use it.' })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field({ description: 'One GraphQL query (not a mutation); it is checked against the schema and the query limits.' })
  @Length(1, MAX_DOCUMENT_LENGTH)
  document!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Default variables, a JSON object. Relative dates are filled in when it runs: "$today", "$year", "$lastYear", "$yearStart", "$yearEnd".',
  })
  @IsOptional()
  @IsObject()
  defaultVariables?: Record<string, unknown> | null;

  @Field({ defaultValue: false, description: 'true: shared with everyone who signs in (gedeeld); false: personal, seen and run by you only.' })
  shared!: boolean;
}

@InputType({ description: 'Changes to a saved operation; fields left out stay as they are.' })
export class UpdateSavedOperationInput {
  @Field({ nullable: true, description: 'New unique name.' })
  @IsOptional()
  @Length(1, 64)
  @Matches(NAME_PATTERN, { message: 'lower-case letters, digits and hyphens, e.g. mijn-toezeggingen' })
  name?: string;

  @Field({ nullable: true, description: 'New title.' })
  @IsOptional()
  @Length(1, 100)
  title?: string;

  @Field(() => String, { nullable: true, description: 'New description.' })
  @IsOptional()
  @MaxLength(2000)
  description?: string | null;

  @Field({ nullable: true, description: 'New document (one query), checked again.' })
  @IsOptional()
  @Length(1, MAX_DOCUMENT_LENGTH)
  document?: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'New default variables (a JSON object).' })
  @IsOptional()
  @IsObject()
  defaultVariables?: Record<string, unknown> | null;

  @Field({ nullable: true, description: 'Shared (true) or personal (false).' })
  @IsOptional()
  shared?: boolean;
}
