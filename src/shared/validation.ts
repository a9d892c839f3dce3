import { Matches, ValidateIf, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { badInput } from './errors';

export const NAME_MAX = 200;
export const SHORT_TEXT_MAX = 500;
export const TEXT_MAX = 20_000;
export const LIST_MAX = 100;

// C0 control characters other than tab, line feed and carriage return, and UTF-16 surrogates
// without their pair: PostgreSQL refuses NUL, XML (and so DOCX) refuses all of them.
export const BAD_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * For update inputs: a field left out is not validated (and not changed), but an explicit
 * null is validated like any value, so a required field cannot be cleared by sending null.
 */
export function Patch(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** A string with at least one non-space character. */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return Matches(/\S/, { message: '$property must not be blank', ...options });
}

/** A LocalDate (YYYY-MM-DD) that is on or after the date in another property of the same input. */
export function IsOnOrAfter(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isOnOrAfter',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [other],
      options: { message: `$property must be on or after ${other}`, ...options },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const start = (args.object as Record<string, unknown>)[other];
          if (value == null || start == null) return true;
          return String(value) >= String(start);
        },
      },
    });
  };
}

/**
 * For updates, where one day may come from the input and the other from the stored record:
 * `end` must not be before `start`. The error names the field the client sent (the end when both).
 */
export function assertDateOrder(
  input: object,
  startKey: string,
  start: string | null | undefined,
  endKey: string,
  end: string | null | undefined,
): void {
  if (!start || !end || end >= start) return;
  const sent = (key: string) => (input as Record<string, unknown>)[key] !== undefined;
  const key = sent(endKey) || !sent(startKey) ? endKey : startKey;
  throw badInput(`input.${key}`, `${endKey} (${end}) must be on or after ${startKey} (${start})`);
}

/** class-validator's options for every input (schema.ts), nulls validated too (type-graphql skips them by default). */
export const VALIDATION_OPTIONS = { skipMissingProperties: false, forbidUnknownValues: false };
