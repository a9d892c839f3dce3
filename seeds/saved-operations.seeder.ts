import type { EntityManager } from '@mikro-orm/core';
import { EXAMPLE_OPERATIONS } from '../src/graphiql/example-operations';
import { SavedOperation } from '../src/modules/saved-operation/saved-operation.entity';

/** A title as a saved operation's name: "Eén stakeholder" → "een-stakeholder". */
export function nameFor(title: string): string {
  return title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The example queries as shared saved operations (the mutation example stays a GraphiQL tab: only queries are saved). */
export function exampleSavedOperations(): SavedOperation[] {
  return EXAMPLE_OPERATIONS.filter((e) => /^\s*query\b/.test(e.query)).map((e) => {
    const op = new SavedOperation();
    op.name = nameFor(e.title);
    op.title = e.title;
    op.description = e.description;
    op.document = e.query;
    op.defaultVariablesJson = e.variables ? JSON.stringify(e.variables) : null;
    op.shared = true;
    return op;
  });
}

/**
 * A new register starts with the example reports as shared saved operations. Only a register
 * without any saved operation gets them: one whose administrators renamed or archived an example
 * keeps it that way. Returns how many were added.
 */
export async function ensureExampleOperations(em: EntityManager): Promise<number> {
  if (await em.count(SavedOperation, {})) return 0;
  const ops = exampleSavedOperations();
  em.persist(ops);
  await em.flush();
  return ops.length;
}
