import { dirname, join } from 'node:path';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import { EXAMPLE_OPERATIONS } from './example-operations';

// GraphiQL is served from node_modules (its UMD bundle and React 18's UMD files): the
// register often runs where no CDN can be reached.
const ASSETS: Record<string, string> = {
  'graphiql.min.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.min.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
  'react.production.min.js': join(dirname(require.resolve('react/package.json')), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(dirname(require.resolve('react-dom/package.json')), 'umd', 'react-dom.production.min.js'),
};

export const GRAPHIQL_ASSET_PATH = '/graphiql-assets';

// With sign-in on: a link to sign in, or a button to sign out (a POST with the CSRF token, filled
// in from the CSRF cookie, which says whether a session exists).
const SIGN_IN_LINK =
  '<div style="position:fixed;top:8px;right:12px;z-index:10;font:14px sans-serif"><a id="sign-in" href="/auth/login">Sign in</a>' +
  '<form id="sign-out" method="post" action="/auth/logout" hidden><input type="hidden" name="csrf"><button type="submit">Sign out</button></form></div>';

function page(sessions: boolean): string {
  const a = GRAPHIQL_ASSET_PATH;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Stakeholder Register · GraphiQL</title>
  <link rel="stylesheet" href="${a}/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  ${sessions ? SIGN_IN_LINK : ''}
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="${a}/react.production.min.js"></script>
  <script src="${a}/react-dom.production.min.js"></script>
  <script src="${a}/graphiql.min.js"></script>
  <script src="${a}/setup.js"></script>
</body>
</html>`;
}

function setupScript(token: string | null, sessions: boolean): string {
  // The headers pane starts with the Authorization header: the demo's token, or a placeholder.
  // With sign-in on (and no demo token) it starts empty: the session cookie signs the page in.
  const headers = token || !sessions ? JSON.stringify({ Authorization: `Bearer ${token ?? 'paste-your-api-token-here'}` }, null, 2) : '{}';
  return `(function () {
  var examples = ${JSON.stringify(EXAMPLE_OPERATIONS)};
  var headers = ${JSON.stringify(headers)};
  // A session's mutations need the CSRF cookie's value echoed in X-CSRF-Token (a cross-site page cannot read it).
  function csrfFetch(url, init) {
    var match = /(?:^|; )sr_csrf=([^;]*)/.exec(document.cookie);
    init = init || {};
    if (match) init.headers = Object.assign({}, init.headers, { 'X-CSRF-Token': decodeURIComponent(match[1]) });
    return window.fetch(url, init);
  }
  var link = document.getElementById('sign-in');
  var signOut = document.getElementById('sign-out');
  var csrf = /(?:^|; )sr_csrf=([^;]*)/.exec(document.cookie);
  if (link && signOut && csrf) { link.hidden = true; signOut.hidden = false; signOut.elements.csrf.value = decodeURIComponent(csrf[1]); }
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + window.location.pathname, fetch: csrfFetch });
  var tabs = examples.map(function (e) {
    return { query: '# ' + e.title + '\\n' + e.query, variables: e.variables ? JSON.stringify(e.variables, null, 2) : undefined, headers: headers };
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      defaultHeaders: headers,
      defaultEditorToolsVisibility: true,
      shouldPersistHeaders: false,
    })
  );
})();`;
}

/** True for a browser navigating to the endpoint (it asks for HTML), false for API clients. */
export function wantsGraphiql(req: Request): boolean {
  if (req.method !== 'GET') return false;
  if (typeof req.query.query === 'string') return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** `token`: put in the headers pane (the demo's); null shows a placeholder to replace. */
export function graphiqlRouter(endpoints: string[], token: string | null = null, sessions = false): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const html = page(sessions);
  const setup = setupScript(token, sessions);
  router.get(`${GRAPHIQL_ASSET_PATH}/setup.js`, (_req, res) => {
    res.type('application/javascript').send(setup);
  });
  router.get(`${GRAPHIQL_ASSET_PATH}/:file`, (req, res, next) => {
    const file = ASSETS[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  router.get(endpoints, (req: Request, res: Response, next: NextFunction) => {
    if (!wantsGraphiql(req)) return next();
    // With sign-in on, a browser that is not signed in goes to sign in first, and comes back here.
    if (sessions && !token && !/(?:^|;\s*)sr_session=/.test(req.headers.cookie ?? '')) {
      return res.set('Cache-Control', 'no-store').redirect(303, `/auth/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
    }
    res.type('html').send(html);
  });
  return router;
}
