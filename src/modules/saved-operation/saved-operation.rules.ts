import { Kind, parse, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { checkDocument, type QueryLimits } from '../../shared/query-limits';
import type { FieldError } from '../../shared/errors';

// What a saved operation's document must be: one query that fits the schema and its limits.
// Only queries: a saved operation runs again and again, from a link (`GET /saved/<name>`) as
// well, and a GET and a query must change nothing (a link followed by a browser, a crawler or a
// cross-site page must not register a stakeholder); changes go through mutations, one at a time.

export const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_DOCUMENT_LENGTH = 20_000;
/** A saved operation does not run another one (no loops, no hidden second level). */
const NOT_INSIDE = 'runSavedOperation';

/** The problems with `source` as a saved operation's document, each as a field error at `path`; none when it is fine. */
export function documentProblems(schema: GraphQLSchema, source: string, limits: QueryLimits, path = 'input.document'): FieldError[] {
  if (source.length > MAX_DOCUMENT_LENGTH) return [{ path, message: `longer than ${MAX_DOCUMENT_LENGTH} characters` }];
  const tooLarge = checkDocument(schema, source, limits);
  if (tooLarge) return [{ path, message: tooLarge.message }];
  let document: DocumentNode;
  try {
    document = parse(source, { noLocation: false });
  } catch (error) {
    return [{ path, message: (error as Error).message }];
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.length !== 1) return [{ path, message: `must hold exactly one operation, found ${operations.length}` }];
  if (operations[0].operation !== 'query') {
    return [{ path, message: `only queries can be saved, not a ${operations[0].operation}: a saved operation runs again and again, also from a link, and must change nothing` }];
  }
  const errors = validate(schema, document).map((e) => ({ path, message: e.message }));
  if (errors.length) return errors;
  if (source.includes(NOT_INSIDE) && /\brunSavedOperation\b/.test(source)) return [{ path, message: 'a saved operation cannot run another saved operation' }];
  return [];
}

/** The parsed document (after `documentProblems` found none). */
export function parsedDocument(source: string): DocumentNode {
  return parse(source, { noLocation: true });
}
