import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { LogLevel } from './config';

export type { Logger };

/** JSON lines on stdout (or `destination`), one object per event, with ISO timestamps. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

// An id from a proxy or client is kept when it is a plain token, so one id follows a request
// through every system; anything else could forge or break log lines, so we make our own.
const REQUEST_ID = /^[\w.:@-]{1,128}$/;

function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Logs every request once when it completes (method, url, status, time) and gives it
 * `req.log`, a logger whose every line carries the request's `requestId`. Health probes are
 * not logged when they succeed: they come every few seconds.
 */
export function logRequests(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: requestId,
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    // No headers: they carry credentials.
    serializers: {
      req: (req: { method: string; url: string; remoteAddress?: string }) => ({ method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => /^\/(healthz|readyz)(\?|$)/.test(req.url ?? '') },
  });
}

// Apollo's formatError and plugins do not see the HTTP request; this carries its logger there.
const requestLogger = new AsyncLocalStorage<Logger>();

/**
 * Makes `req.log` the logger of everything that runs for the rest of this request. Mount it
 * after the body parser: its stream events would lose the async context.
 */
export const bindRequestLogger: RequestHandler = (req, _res, next) => requestLogger.run(req.log, next);

/** The current request's logger, or `fallback` outside a request. */
export function currentLogger(fallback: Logger): Logger {
  return requestLogger.getStore() ?? fallback;
}
