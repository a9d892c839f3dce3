import { expect } from 'chai';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { startTestApp, type TestApp } from '../helpers/test-app';

const DASHBOARD = 'https://dashboard.rivierstad.example';
const OTHER = 'https://evil.example';

function preflight(app: TestApp, origin: string): Promise<Response> {
  return fetch(`${app.url}graphql`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
  });
}

function postFrom(app: TestApp, origin: string): Promise<Response> {
  return fetch(`${app.url}graphql`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', authorization: `Bearer ${app.tokens.viewer}` },
    body: JSON.stringify({ query: '{ stakeholders { totalCount } }' }),
  });
}

describe('HTTP security: CSRF prevention, CORS allow-list, introspection and GraphiQL switches', () => {
  let app: TestApp;
  let cors: TestApp;
  let closed: TestApp;

  before(async () => {
    app = await startTestApp();
    cors = await startTestApp({ CORS_ORIGINS: `${DASHBOARD}, http://localhost:8080` });
    closed = await startTestApp({ INTROSPECTION: 'false', GRAPHIQL: 'false' });
  });
  after(async () => {
    await app.close();
    await cors.close();
    await closed.close();
  });

  it('refuses a simple GET and a text/plain POST without a preflight header (CSRF), and runs nothing', async () => {
    const get = await fetch(`${app.url}graphql?query=${encodeURIComponent('{ stakeholders { totalCount } }')}`, { headers: { authorization: `Bearer ${app.tokens.viewer}` } });
    expect(get.status).to.equal(400);
    const getBody: any = await get.json();
    expect(getBody.errors[0].message).to.match(/Cross-Site Request Forgery/);
    expect(getBody.errors[0].extensions.code).to.equal('BAD_REQUEST');

    const { stakeholderCategories } = await app.ok(`{ stakeholderCategories { id } }`);
    const mutation = `mutation { createStakeholder(input: { name: "Via formulier", categoryId: "${stakeholderCategories[0].id}" }) { id } }`;
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${app.tokens.admin}` }, body: JSON.stringify({ query: mutation }) });
      expect(res.status, type).to.equal(400);
      expect(await res.text(), type).to.match(/Cross-Site Request Forgery/);
    }
    expect(await app.orm.em.fork().count(Stakeholder, {})).to.equal(0);
  });

  it('answers a GET that carries a preflight header, and a JSON POST', async () => {
    const get = await fetch(`${app.url}graphql?query=${encodeURIComponent('{ stakeholders { totalCount } }')}`, { headers: { 'apollo-require-preflight': 'true', authorization: `Bearer ${app.tokens.viewer}` } });
    expect(get.status).to.equal(200);
    expect(await get.json()).to.deep.equal({ data: { stakeholders: { totalCount: 0 } } });
    expect(await app.ok(`{ stakeholders { totalCount } }`)).to.deep.equal({ stakeholders: { totalCount: 0 } });
  });

  it('allows no other origin by default: preflight and response carry no Access-Control-Allow-Origin', async () => {
    const pre = await preflight(app, DASHBOARD);
    expect(pre.headers.get('access-control-allow-origin')).to.equal(null);
    const res = await postFrom(app, DASHBOARD);
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('allows the origins in CORS_ORIGINS, preflight included, and only those', async () => {
    const pre = await preflight(cors, DASHBOARD);
    expect(pre.status).to.equal(204);
    expect(pre.headers.get('access-control-allow-origin')).to.equal(DASHBOARD);
    expect(pre.headers.get('access-control-allow-methods')).to.equal('GET,POST');
    expect(pre.headers.get('access-control-allow-headers')).to.equal('content-type, authorization');
    expect(pre.headers.get('vary')).to.match(/Origin/);

    const res = await postFrom(cors, DASHBOARD);
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal(DASHBOARD);
    expect(res.headers.get('access-control-expose-headers')).to.equal('x-request-id');
    expect(await res.json()).to.deep.equal({ data: { stakeholders: { totalCount: 0 } } });
    expect((await preflight(cors, 'http://localhost:8080')).headers.get('access-control-allow-origin')).to.equal('http://localhost:8080');

    for (const origin of [OTHER, `${DASHBOARD}.evil.example`, 'http://dashboard.rivierstad.example', 'null']) {
      expect((await preflight(cors, origin)).headers.get('access-control-allow-origin'), origin).to.equal(null);
      expect((await postFrom(cors, origin)).headers.get('access-control-allow-origin'), origin).to.equal(null);
    }
  });

  it('serves introspection and GraphiQL by default, and neither when INTROSPECTION and GRAPHIQL are false', async () => {
    const introspect = `{ __schema { queryType { name } } }`;
    expect(await app.ok(introspect)).to.deep.equal({ __schema: { queryType: { name: 'Query' } } });
    const refused = await closed.gql(introspect);
    expect(refused.errors![0].extensions?.code).to.equal('GRAPHQL_VALIDATION_FAILED');
    expect(refused.errors![0].message).to.match(/introspection is not allowed/i);
    // Ordinary queries still work.
    expect(await closed.ok(`{ stakeholders { totalCount } }`)).to.deep.equal({ stakeholders: { totalCount: 0 } });

    for (const path of ['', 'graphql']) {
      const page = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status).to.equal(200);
      expect(await page.text()).to.match(/GraphiQL/);
      const none = await fetch(`${closed.url}${path}`, { headers: { accept: 'text/html' } });
      expect(none.headers.get('content-type')).not.to.match(/html/);
      expect(await none.text()).not.to.match(/GraphiQL/);
    }
    expect((await fetch(`${app.url}graphiql-assets/graphiql.min.js`)).status).to.equal(200);
    expect((await fetch(`${closed.url}graphiql-assets/graphiql.min.js`)).status).to.equal(404);
  });
});
