import { ArrayMaxSize, IsBoolean, IsEnum, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Field, ID } from 'type-graphql';
import { ArchiveFilter } from './filters';
import { LocalDateScalar } from './scalars';
import { IsOnOrAfter, LIST_MAX, NAME_MAX } from './validation';

/*
 * The fields that list filters share, each declared once with its GraphQL type and its
 * validation. Every filter field is optional. Decorators rather than a base class: a base
 * class's fields come first in the type, and the filters list them in their own order
 * (archived last); each filter also says in its own words what `text` searches.
 */

// Applies in the order TypeScript applies stacked decorators (last first), so that
// validation messages come out in the order they did when the decorators were written out.
function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...decorators].reverse()) decorate(target, key);
  };
}

/** `archived`: which records by archive state; ACTIVE when left out. */
export function ArchiveStateField(): PropertyDecorator {
  return all(
    Field(() => ArchiveFilter, { nullable: true, description: 'Archive state; ACTIVE when left out.' }),
    IsOptional(),
    IsIn(Object.values(ArchiveFilter)),
  );
}

/** `text`: a case-insensitive "contains"; the description names what it searches. */
export function TextFilterField(description: string): PropertyDecorator {
  return all(Field(() => String, { nullable: true, description }), IsOptional(), IsString(), MaxLength(NAME_MAX));
}

/** A list of ids (at most LIST_MAX) of which a record must match one. */
export function IdsFilterField(description: string): PropertyDecorator {
  return all(Field(() => [ID], { nullable: true, description }), IsOptional(), ArrayMaxSize(LIST_MAX), IsUUID('all', { each: true }));
}

/** One id a record must belong to. */
export function IdFilterField(description: string): PropertyDecorator {
  return all(Field(() => ID, { nullable: true, description }), IsOptional(), IsUUID());
}

/** Enum values of which a record must have one. */
export function EnumsFilterField(values: object, description: string): PropertyDecorator {
  return all(Field(() => [values], { nullable: true, description }), IsOptional(), IsEnum(values, { each: true }));
}

/** A yes/no question about a record; left out asks nothing. */
export function FlagFilterField(description: string): PropertyDecorator {
  return all(Field(() => Boolean, { nullable: true, description }), IsOptional(), IsBoolean());
}

/**
 * A day (LocalDate): a reference day (`activeOn`) or one end of a range. The end of a
 * range names its start in `onOrAfter`, so that a range that ends before it starts is refused.
 */
export function DayFilterField(description: string, onOrAfter?: string): PropertyDecorator {
  const field = Field(() => LocalDateScalar, { nullable: true, description });
  return onOrAfter ? all(field, IsOptional(), IsString(), IsOnOrAfter(onOrAfter)) : all(field, IsOptional(), IsString());
}
