import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import express, { type Request, type Response, type Router } from 'express';
import type { Logger } from '../../logger';
import { ErrorCode } from '../../shared/errors';
import type { QueryLimits } from '../../shared/query-limits';
import type { AppContext } from '../access/access.service';
import { SavedOperation } from './saved-operation.entity';
import { documentProblems } from './saved-operation.rules';

// GET /saved/<name>?variables=<json>: a saved operation over plain HTTP, with the bearer token
// or the session, e.g. for a spreadsheet's web query or a link in an e-mail. It runs as the
// GraphQL query `runSavedOperation` through Apollo (the same sign-in, limits, access checks and
// error formatting), and answers with the saved operation's own `{ data, errors }`.

const RUN = `query RunSavedOperation($name: String!, $variables: JSONObject) {
  runSavedOperation(name: $name, variables: $variables) { data errors { message code path } }
}`;

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.QUERY_TOO_COMPLEX]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
};

function refuse(res: Response, status: number, code: string, message: string, fields?: { path: string; message: string }[]): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(fields ? { fields } : {}) } }] });
}

export function savedOperationRouter(apollo: ApolloServer<AppContext>, contextFor: (req: Request) => Promise<AppContext>): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  router.get('/saved/:name', async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    let variables: Record<string, unknown> | null = null;
    const raw = req.query.variables;
    if (raw !== undefined) {
      let parsed: unknown;
      try {
        parsed = typeof raw === 'string' ? JSON.parse(raw) : undefined;
      } catch {
        parsed = undefined;
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        const message = 'variables must be a JSON object, e.g. ?variables={"asOf":"2026-12-31"}';
        return refuse(res, 400, ErrorCode.BAD_USER_INPUT, `Invalid input: variables: ${message}`, [{ path: 'variables', message }]);
      }
      variables = parsed as Record<string, unknown>;
    }
    let contextValue: AppContext;
    try {
      contextValue = await contextFor(req);
    } catch (error) {
      const e = error as { message?: string; extensions?: { code?: string; http?: { status?: number } } };
      return refuse(res, e.extensions?.http?.status ?? 500, e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR, e.message ?? 'Internal server error');
    }
    const response = await apollo.executeOperation({ query: RUN, variables: { name: req.params.name, variables } }, { contextValue });
    if (response.body.kind !== 'single') return refuse(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      const code = String(errors[0].extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
      return res.status(STATUS[code] ?? 500).json({ errors });
    }
    const run = (data as { runSavedOperation: { data: unknown; errors: unknown[] } }).runSavedOperation;
    res.status(200).json(run.errors.length ? { data: run.data, errors: run.errors } : { data: run.data });
  });
  return router;
}

/** At start-up: every saved operation a schema change broke is logged by name, with why. Returns their names. */
export async function reportBrokenSavedOperations(orm: MikroORM, schema: GraphQLSchema, limits: QueryLimits, logger: Logger): Promise<string[]> {
  const ops = await orm.em.fork().find(SavedOperation, { archivedAt: null }, { fields: ['name', 'document'], limit: 10_000 });
  const broken: string[] = [];
  for (const op of ops) {
    const problems = documentProblems(schema, op.document, limits);
    if (!problems.length) continue;
    broken.push(op.name);
    logger.warn({ savedOperation: op.name, problems: problems.map((p) => p.message) }, `saved operation "${op.name}" no longer fits the schema`);
  }
  return broken;
}
