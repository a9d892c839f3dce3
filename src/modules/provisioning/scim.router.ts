import { createHash, timingSafeEqual } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { ScimConfig } from '../../config';
import type { Logger } from '../../logger';
import { databaseFault } from '../../shared/database-faults';
import { SCIM_LIST, ScimError, toResource } from './scim-user';
import { SCIM_PAGE_MAX, ScimService, storedOf } from './scim.service';

// SCIM 2.0 at /scim/v2 (RFC 7644), for Entra ID provisioning: /Users with POST, GET (a filter
// or an id), PUT, PATCH and DELETE, behind a bearer token of its own (SCIM_TOKEN). Every answer
// is application/scim+json; every failure SCIM's error object with its HTTP status.

export const SCIM_BASE = '/scim/v2';
const SCIM_JSON = 'application/scim+json';
const BODY_LIMIT = '256kb';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Compares the sent token with SCIM_TOKEN in constant time (hashes of equal length, whatever was sent). */
export function scimTokenMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && !!match;
}

const SERVICE_PROVIDER_CONFIG = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: SCIM_PAGE_MAX },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [{ type: 'oauthbearertoken', name: 'Bearer token', description: 'The SCIM_TOKEN of the register, as `Authorization: Bearer <token>`.', primary: true }],
};

/** `origin`: the register as the directory reaches it (for each resource's meta.location). */
export function scimRouter(config: ScimConfig, orm: MikroORM, logger: Logger, origin: string): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const service = new ScimService(orm);
  const location = (id: string) => `${origin}${SCIM_BASE}/Users/${id}`;
  const send = (res: Response, status: number, body?: unknown) => {
    res.status(status).set('Cache-Control', 'no-store').type(SCIM_JSON);
    return body === undefined ? res.end() : res.send(JSON.stringify(body));
  };
  const fail = (res: Response, error: ScimError) => send(res, error.status, error.body());
  const resource = (user: Parameters<typeof storedOf>[0]) => toResource(storedOf(user), location(user.id));
  /** Runs one request; a ScimError is its answer, anything else is logged. */
  const handle = (work: (req: Request, res: Response) => Promise<unknown>) => async (req: Request, res: Response) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof ScimError) return fail(res, error);
      const fault = databaseFault(error);
      if (fault) {
        logger.warn({ err: error, reason: fault.reason }, 'SCIM request: database fault');
        res.set('Retry-After', String(fault.retryAfterSeconds));
        return fail(res, new ScimError(503, fault.message));
      }
      logger.error({ err: error }, 'SCIM request failed');
      fail(res, new ScimError(500, 'Internal server error'));
    }
  };

  router.use(SCIM_BASE, (req, res, next) => {
    if (scimTokenMatches(req.headers.authorization, config.token)) return next();
    logger.warn({ sent: req.headers.authorization ? 'a wrong token' : 'no token' }, 'SCIM request refused');
    res.set('WWW-Authenticate', 'Bearer realm="SCIM"');
    fail(res, new ScimError(401, 'send the register\'s SCIM token (SCIM_TOKEN) as Authorization: Bearer <token>'));
  });
  router.use(SCIM_BASE, express.json({ type: [SCIM_JSON, 'application/json'], limit: BODY_LIMIT }));

  router.get(`${SCIM_BASE}/ServiceProviderConfig`, (_req, res) => send(res, 200, SERVICE_PROVIDER_CONFIG));

  router.get(
    `${SCIM_BASE}/Users`,
    handle(async (req, res) => {
      const number = (name: string, fallback: number) => {
        const raw = req.query[name];
        if (raw === undefined) return fallback;
        const value = Number(raw);
        if (typeof raw !== 'string' || !Number.isInteger(value)) throw new ScimError(400, `${name} must be an integer`, 'invalidValue');
        return value;
      };
      // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0.
      const startIndex = Math.max(1, number('startIndex', 1));
      const count = Math.min(SCIM_PAGE_MAX, Math.max(0, number('count', SCIM_PAGE_MAX)));
      const { total, users } = await service.list(req.query.filter, startIndex, count);
      const shown = count === 0 ? [] : users;
      send(res, 200, { schemas: [SCIM_LIST], totalResults: total, startIndex, itemsPerPage: shown.length, Resources: shown.map(resource) });
    }),
  );
  router.get(`${SCIM_BASE}/Users/:id`, handle(async (req, res) => send(res, 200, resource(await service.get(String(req.params.id))))));
  router.post(
    `${SCIM_BASE}/Users`,
    handle(async (req, res) => {
      const user = await service.create(req.body);
      res.set('Location', location(user.id));
      send(res, 201, resource(user));
    }),
  );
  router.put(`${SCIM_BASE}/Users/:id`, handle(async (req, res) => send(res, 200, resource(await service.replace(String(req.params.id), req.body)))));
  router.patch(`${SCIM_BASE}/Users/:id`, handle(async (req, res) => send(res, 200, resource(await service.patch(String(req.params.id), req.body)))));
  router.delete(
    `${SCIM_BASE}/Users/:id`,
    handle(async (req, res) => {
      await service.remove(String(req.params.id));
      send(res, 204);
    }),
  );
  router.all(`${SCIM_BASE}/Groups`, (_req, res) =>
    fail(res, new ScimError(404, 'the register does not provision groups: roles come from the app roles in the sign-in token; switch off group provisioning')),
  );
  router.use(SCIM_BASE, (req, res) => fail(res, new ScimError(req.method === 'GET' ? 404 : 405, `${req.method} ${req.path.slice(0, 100)} is not served; the register serves /scim/v2/Users`)));
  // A body that is not JSON, or too large: SCIM's error, not Express's page.
  router.use(SCIM_BASE, (err: { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.parse.failed') return fail(res, new ScimError(400, 'the body is not valid JSON', 'invalidSyntax'));
    if (err.status === 413) return fail(res, new ScimError(413, `the body exceeds ${BODY_LIMIT}`));
    if (err.status && err.status < 500) return fail(res, new ScimError(err.status, `bad request: ${err.type ?? 'invalid body'}`));
    next(err);
  });
  return router;
}
