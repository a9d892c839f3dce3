import { dirname, join } from 'node:path';
import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import type { LocalDate } from '../shared/dates';
import { clock } from '../shared/clock';
import { EXAMPLE_OPERATIONS } from './example-operations';
import { resolveRelativeDates } from './relative-dates';

// GraphiQL is served from node_modules (its UMD bundle and React 18's UMD files): the
// register often runs where no CDN can be reached.
const ASSETS: Record<string, string> = {
  'graphiql.min.js': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.js'),
  'graphiql.min.css': join(dirname(require.resolve('graphiql/package.json')), 'graphiql.min.css'),
  'react.production.min.js': join(dirname(require.resolve('react/package.json')), 'umd', 'react.production.min.js'),
  'react-dom.production.min.js': join(dirname(require.resolve('react-dom/package.json')), 'umd', 'react-dom.production.min.js'),
  // The Explorer plugin (build a query by ticking fields): its UMD bundle uses GraphiQL.React.
  'explorer.umd.js': join(dirname(require.resolve('@graphiql/plugin-explorer/package.json')), 'dist', 'index.umd.js'),
  'explorer.css': join(dirname(require.resolve('@graphiql/plugin-explorer/package.json')), 'dist', 'style.css'),
};

export const GRAPHIQL_ASSET_PATH = '/graphiql-assets';

// The bar above GraphiQL: the register's name and how the page is signed in. Without a demo
// token or a session, a small box takes an API token once for every tab (kept in this page only,
// or on this device when "Onthouden" is ticked). With sign-in on: a link to sign in, or a button
// to sign out (a POST with the CSRF token, filled in from the CSRF cookie).
function bar(sessions: boolean, demo: boolean): string {
  const tokenBox =
    '<form id="token-form" class="sr-token" hidden><label for="token-input">API-token</label>' +
    '<input id="token-input" type="password" autocomplete="off" spellcheck="false" placeholder="plak hier uw token (sr_…)" size="34">' +
    '<label class="sr-remember"><input id="token-remember" type="checkbox"> Onthouden op dit apparaat</label>' +
    '<button id="token-submit" type="submit">Aanmelden</button></form>' +
    '<span id="token-status" hidden></span> <button id="token-forget" type="button" hidden>Token vergeten</button>';
  const session = sessions
    ? '<a id="sign-in" href="/auth/login">Aanmelden met uw organisatie-account</a>' +
      '<form id="sign-out" method="post" action="/auth/logout" hidden><input type="hidden" name="csrf"><button type="submit">Afmelden</button></form>'
    : '';
  const demoNote = demo ? '<span id="demo-note">Demo: aangemeld als M. de Vries, bestuurssecretaris (demotoken)</span>' : '';
  return `<header id="sr-bar"><strong>Stakeholderregister</strong>${demoNote}${demo ? '' : tokenBox}${session}</header>`;
}

const STYLE = `html, body { height: 100%; margin: 0; }
[hidden] { display: none !important; }
#sr-bar { box-sizing: border-box; height: 44px; display: flex; align-items: center; gap: 16px; padding: 0 12px; font: 14px sans-serif; border-bottom: 1px solid #ddd; background: #f7f7f8; }
#sr-bar form { display: flex; align-items: center; gap: 8px; margin: 0; }
#sr-bar #sign-in, #sr-bar #sign-out { margin-left: auto; }
#graphiql { height: calc(100% - 44px); }
#sr-welcome { font: 16px sans-serif; max-width: 40em; margin: 48px auto; line-height: 1.5; }
/* Every tab reachable: tabs wrap onto a second row instead of running off the screen. */
.graphiql-tabs { flex-wrap: wrap; overflow: visible !important; }
.graphiql-session-header { height: auto !important; min-height: var(--session-header-height, 48px); }
.graphiql-tab-button { white-space: nowrap; }`;

function page(sessions: boolean, demo: boolean): string {
  const a = GRAPHIQL_ASSET_PATH;
  return `<!doctype html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Stakeholderregister · GraphiQL</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${a}/graphiql.min.css">
  <link rel="stylesheet" href="${a}/explorer.css">
  <style>${STYLE}</style>
</head>
<body>
  ${bar(sessions, demo)}
  <div id="graphiql"><p id="sr-welcome">GraphiQL wordt geladen…</p></div>
  <script src="${a}/react.production.min.js"></script>
  <script src="${a}/react-dom.production.min.js"></script>
  <script src="${a}/graphiql.min.js"></script>
  <script src="${a}/explorer.umd.js"></script>
  <script src="${a}/setup.js"></script>
</body>
</html>`;
}

/** The tabs as the page opens them: relative dates filled in with the register's today. */
export function exampleTabs(today: LocalDate): { name: string; title: string; description: string; query: string; variables: unknown }[] {
  return EXAMPLE_OPERATIONS.map((e) => ({
    name: operationName(e.query),
    title: e.title,
    description: e.description,
    query: e.query,
    variables: e.variables ? resolveRelativeDates(e.variables, today) : undefined,
  }));
}

function operationName(query: string): string {
  return /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? '';
}

// Runs in the browser (ES5, no bundler). Every request carries the credential: the demo's token,
// the token typed into the bar (one for every tab, the schema request included), or the session
// cookie with its CSRF header. GraphiQL opens only once there is a credential, so neither the
// result pane nor the docs pane opens on an error.
function setupScript(token: string | null, sessions: boolean, today: LocalDate): string {
  return `(function () {
  var examples = ${JSON.stringify(exampleTabs(today))};
  var today = ${JSON.stringify(today)};
  var demoToken = ${JSON.stringify(token)};
  var sessions = ${JSON.stringify(sessions)};
  var STORE = 'stakeholder-register:token';
  var endpoint = window.location.origin + window.location.pathname;
  function cookie(name) { var m = new RegExp('(?:^|; )' + name + '=([^;]*)').exec(document.cookie); return m ? decodeURIComponent(m[1]) : null; }
  var csrf = cookie('sr_csrf');
  var remembered = null;
  try { remembered = window.localStorage.getItem(STORE); } catch (e) {}
  var token = demoToken || remembered;
  function authFetch(url, init) {
    init = init || {};
    var headers = Object.assign({}, init.headers);
    var has = Object.keys(headers).some(function (k) { return k.toLowerCase() === 'authorization'; });
    if (token && !has) headers.Authorization = 'Bearer ' + token;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    init.headers = headers;
    return window.fetch(url, init);
  }
  function post(query, variables) {
    return authFetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ query: query, variables: variables }) })
      .then(function (r) { return r.json(); });
  }
  // The bar.
  var link = document.getElementById('sign-in');
  var signOut = document.getElementById('sign-out');
  if (link && signOut && csrf) { link.hidden = true; signOut.hidden = false; signOut.elements.csrf.value = csrf; }
  var form = document.getElementById('token-form');
  var status = document.getElementById('token-status');
  var forget = document.getElementById('token-forget');
  function showBar(message) {
    if (!form) return;
    form.hidden = !!token || (sessions && !!csrf);
    status.hidden = !token && !message;
    status.textContent = message || (token ? 'Aangemeld met token …' + token.slice(-4) + (remembered ? ' (onthouden op dit apparaat)' : '') : '');
    forget.hidden = !token;
  }
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var value = document.getElementById('token-input').value.trim().replace(/^Bearer\\s+/i, '');
      if (!value) return;
      token = value;
      remembered = null;
      try {
        if (document.getElementById('token-remember').checked) { window.localStorage.setItem(STORE, value); remembered = value; }
        else window.localStorage.removeItem(STORE);
      } catch (e) {}
      document.getElementById('token-input').value = '';
      signIn();
    });
    forget.addEventListener('click', function () {
      try { window.localStorage.removeItem(STORE); } catch (e) {}
      window.location.reload();
    });
  }
  // Tab titles: GraphiQL titles a tab with its operation name; show the plain Dutch title instead.
  var titles = {};
  function retitle() {
    var buttons = document.querySelectorAll('.graphiql-tab-button');
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var node = b.firstChild && b.firstChild.nodeType === 3 ? b.firstChild : null;
      if (node && titles[node.nodeValue] && titles[node.nodeValue] !== node.nodeValue) { b.title = node.nodeValue; node.nodeValue = titles[node.nodeValue]; }
    }
  }
  new MutationObserver(retitle).observe(document.getElementById('graphiql'), { subtree: true, childList: true, characterData: true });
  function describeVariables(variables) {
    if (!variables) return '';
    var parts = Object.keys(variables).map(function (k) {
      var v = variables[k];
      var text = typeof v === 'object' ? JSON.stringify(v) : String(v);
      if (v === today) text += ' (vandaag)';
      return k + ' = ' + text;
    });
    return '# Variabelen (aan te passen onder Variables): ' + parts.join(', ') + '\\n';
  }
  function tab(op) {
    titles[op.name] = op.title;
    return {
      query: '# ' + op.description + '\\n' + describeVariables(op.variables) + op.query,
      variables: op.variables ? JSON.stringify(op.variables, null, 2) : undefined,
    };
  }
  // "$category:<key>" in a tab's variables: the id of the category with that key.
  function fillCategories(ops) {
    var wanted = JSON.stringify(ops).indexOf('"$category:') >= 0;
    if (!wanted) return Promise.resolve(ops);
    return post('query TabCategories { stakeholderCategories { id key } }').then(function (result) {
      var ids = {};
      ((result.data && result.data.stakeholderCategories) || []).forEach(function (c) { ids[c.key] = c.id; });
      return JSON.parse(JSON.stringify(ops), function (key, value) {
        return typeof value === 'string' && value.indexOf('$category:') === 0 && ids[value.slice(10)] ? ids[value.slice(10)] : value;
      });
    }, function () { return ops; });
  }
  // GraphiQL keeps nothing between visits (tabs come fresh from the register, with today's dates).
  var memory = {};
  var storage = {
    getItem: function (k) { return Object.prototype.hasOwnProperty.call(memory, k) ? memory[k] : null; },
    setItem: function (k, v) { memory[k] = String(v); },
    removeItem: function (k) { delete memory[k]; },
    clear: function () { memory = {}; },
    get length() { return Object.keys(memory).length; },
  };
  // The tabs: the caller's saved operations (shared and personal), then the example changes
  // (mutations are never saved); the shipped examples when the register has none.
  function savedTabs() {
    return post('query GraphiqlTabs { savedOperations { name title description document variablesToday } }').then(function (result) {
      var saved = (result && result.data && result.data.savedOperations) || [];
      if (!saved.length) return examples;
      var tabs = saved.map(function (o) {
        var m = /^\\s*(?:#.*\\n\\s*)*(?:query|mutation)\\s+(\\w+)/.exec(o.document);
        return { name: m ? m[1] : '', title: o.title, description: o.description || o.title, query: o.document, variables: o.variablesToday || undefined };
      });
      return tabs.concat(examples.filter(function (e) { return /^\\s*mutation\\b/.test(e.query); }));
    }, function () { return examples; });
  }
  var root = null;
  function open() {
    showBar();
    savedTabs().then(fillCategories).then(function (ops) {
      var fetcher = GraphiQL.createFetcher({ url: endpoint, fetch: authFetch });
      var plugins = window.GraphiQLPluginExplorer ? [GraphiQLPluginExplorer.explorerPlugin()] : [];
      if (root) root.unmount();
      root = ReactDOM.createRoot(document.getElementById('graphiql'));
      var tabs = ops.map(tab);
      root.render(React.createElement(GraphiQL, {
        key: String(token),
        fetcher: fetcher,
        defaultTabs: tabs,
        // GraphiQL fills the editors of the first tab from these, not from defaultTabs.
        query: tabs.length ? tabs[0].query : undefined,
        variables: tabs.length ? tabs[0].variables : undefined,
        defaultHeaders: '',
        defaultEditorToolsVisibility: 'variables',
        shouldPersistHeaders: false,
        storage: storage,
        plugins: plugins,
      }));
    });
  }
  // A token is tried before GraphiQL opens on it: a mistyped or revoked one is asked for again.
  function signIn() {
    post('query SignInCheck { __typename }').then(function (result) {
      if (result && result.data) return open();
      throw new Error((result && result.errors && result.errors[0] && result.errors[0].message) || 'onbekende fout');
    }).catch(function (error) {
      token = null;
      remembered = null;
      try { window.localStorage.removeItem(STORE); } catch (e) {}
      showBar('Dit token werkt niet (' + error.message + '). Probeer het opnieuw.');
      form.hidden = false;
    });
  }
  if (token && !demoToken && form) signIn();
  else if (token || (sessions && csrf)) open();
  else {
    showBar();
    document.getElementById('graphiql').innerHTML = '<div id="sr-welcome"><h2>Welkom bij het stakeholderregister</h2>' +
      '<p>Plak uw API-token hierboven (u krijgt het van de beheerder) en kies Aanmelden. Het token geldt dan voor alle tabbladen. ' +
      'Vink <em>Onthouden op dit apparaat</em> aan als het na herladen bewaard moet blijven (alleen op uw eigen computer).</p></div>';
  }
})();`;
}

/** True for a browser navigating to the endpoint (it asks for HTML), false for API clients. */
export function wantsGraphiql(req: Request): boolean {
  if (req.method !== 'GET') return false;
  if (typeof req.query.query === 'string') return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/** `token`: the demo's, sent with every request; null: the page asks for one (or uses the session). */
export function graphiqlRouter(endpoints: string[], token: string | null = null, sessions = false): Router {
  const router = express.Router({ caseSensitive: true, strict: true });
  const html = page(sessions, token != null);
  // Made per request: the tabs' dates are today's.
  router.get(`${GRAPHIQL_ASSET_PATH}/setup.js`, (_req, res) => {
    res.set('Cache-Control', 'no-store').type('application/javascript').send(setupScript(token, sessions, clock.today()));
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
