import type { EntityManager } from '@mikro-orm/core';
import { execute, type GraphQLError, type GraphQLSchema } from 'graphql';
import { resolveRelativeDates } from '../../graphiql/relative-dates';
import type { RequestContext } from '../../context';
import { clock } from '../../shared/clock';
import { assignDefined, findOrFail, setArchived } from '../../shared/crud';
import { BadUserInputError, ConflictError, ErrorCode, NotFoundError } from '../../shared/errors';
import { measureOperation, type QueryLimits } from '../../shared/query-limits';
import { User } from '../access/user.entity';
import type { Caller } from '../access/access.service';
import { seesSavedOperation } from '../access/policy';
import type { CreateSavedOperationInput, UpdateSavedOperationInput } from './saved-operation.inputs';
import { SavedOperation } from './saved-operation.entity';
import { documentProblems, parsedDocument } from './saved-operation.rules';

/** The query limits of this register (the same ones every request is held to). */
export function limitsOf(ctx: RequestContext): QueryLimits {
  return { ...ctx.config.limits, defaultPageSize: ctx.config.defaultPageSize, maxPageSize: ctx.config.maxPageSize };
}

/** What the caller may see: the shared operations and their own personal ones. */
export function visibleTo(caller: Caller) {
  return { $or: [{ shared: true }, { owner: caller.user.id }] };
}

export interface RunOutcome {
  data: Record<string, unknown> | null;
  errors: { message: string; code: string | null; path: string | null }[];
}

export class SavedOperationService {
  async create(em: EntityManager, schema: GraphQLSchema, limits: QueryLimits, caller: Caller, input: CreateSavedOperationInput): Promise<SavedOperation> {
    this.assertDocument(schema, input.document, limits);
    await this.assertNameFree(em, input.name);
    const op = new SavedOperation();
    assignDefined(op, input, ['name', 'title', 'description', 'document', 'shared']);
    op.defaultVariablesJson = input.defaultVariables == null ? null : JSON.stringify(input.defaultVariables);
    op.owner = em.getReference(User, caller.user.id);
    em.persist(op);
    return op;
  }

  async update(em: EntityManager, schema: GraphQLSchema, limits: QueryLimits, caller: Caller, id: string, input: UpdateSavedOperationInput): Promise<SavedOperation> {
    const op = await this.findChangeable(em, caller, id);
    if (input.document !== undefined) this.assertDocument(schema, input.document, limits);
    if (input.name !== undefined && input.name !== op.name) await this.assertNameFree(em, input.name);
    assignDefined(op, input, ['name', 'title', 'description', 'document', 'shared']);
    if (input.defaultVariables !== undefined) op.defaultVariablesJson = input.defaultVariables == null ? null : JSON.stringify(input.defaultVariables);
    return op;
  }

  async archive(em: EntityManager, caller: Caller, id: string, archived: boolean): Promise<SavedOperation> {
    const op = await this.findChangeable(em, caller, id);
    setArchived(op, archived);
    return op;
  }

  /** The caller's saved operation of this name (shared, or their own); NOT_FOUND otherwise, also for an archived one. */
  async findByName(em: EntityManager, caller: Caller, name: string, path = 'name'): Promise<SavedOperation> {
    const op = await em.findOne(SavedOperation, { name, ...visibleTo(caller) });
    if (!op || op.archivedAt) throw new NotFoundError('SavedOperation', name, path);
    return op;
  }

  /**
   * Runs a saved operation with the caller's own rights: the same context (so the same caller,
   * access checks, loaders and response budget), the same query limits as a request of its own,
   * its default variables (relative dates filled in) overridden by `variables`.
   */
  async run(ctx: RequestContext, schema: GraphQLSchema, op: SavedOperation, variables: Record<string, unknown> | null): Promise<RunOutcome> {
    const limits = limitsOf(ctx);
    const problems = documentProblems(schema, op.document, limits, 'name');
    if (problems.length) {
      throw new BadUserInputError(problems, `Saved operation "${op.name}" no longer fits the schema: ${problems.map((p) => p.message).join('; ')}`);
    }
    const document = parsedDocument(op.document);
    const merged = { ...(defaultVariablesOf(op) as Record<string, unknown>), ...(variables ?? {}) };
    const measure = measureOperation(schema, document, undefined, merged, limits);
    if (measure.error) throw measure.error;
    const result = await execute({ schema, document, contextValue: ctx, variableValues: merged });
    return {
      data: (result.data as Record<string, unknown> | null | undefined) ?? null,
      errors: (result.errors ?? []).slice(0, 100).map((e: GraphQLError) => ({
        message: e.message,
        code: typeof e.extensions?.code === 'string' ? e.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR,
        path: e.path ? e.path.join('.') : null,
      })),
    };
  }

  private async findChangeable(em: EntityManager, caller: Caller, id: string): Promise<SavedOperation> {
    const op = await findOrFail(em, SavedOperation, id);
    // Someone else's personal operation is not there for you: NOT_FOUND, as if it did not exist.
    if (!seesSavedOperation(caller, op.shared, op.owner?.id ?? null)) throw new NotFoundError('SavedOperation', id);
    return op;
  }

  private assertDocument(schema: GraphQLSchema, document: string, limits: QueryLimits): void {
    const problems = documentProblems(schema, document, limits);
    if (problems.length) throw new BadUserInputError(problems, `The document is not a query that fits the schema: ${problems.map((p) => p.message).join('; ')}`);
  }

  private async assertNameFree(em: EntityManager, name: string): Promise<void> {
    if (await em.count(SavedOperation, { name })) throw new ConflictError(`A saved operation named "${name}" already exists`, 'input.name');
  }
}

/** The default variables with relative dates filled in for today. */
export function defaultVariablesOf(op: SavedOperation): Record<string, unknown> | null {
  if (!op.defaultVariablesJson) return null;
  return resolveRelativeDates(JSON.parse(op.defaultVariablesJson), clock.today()) as Record<string, unknown>;
}
