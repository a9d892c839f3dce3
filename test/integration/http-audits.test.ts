import { expect } from 'chai';
import { serverAudits } from 'graphql-http';
import { startTestApp, type TestApp } from '../helpers/test-app';

/** fetch with the Authorization header added: the register answers no GraphQL without a token. */
function withToken(token: string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
}

describe('GraphQL over HTTP conformance (graphql-http serverAudits) against the real server', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('has no audit with an error result', async () => {
    const results = await Promise.all(
      serverAudits({ url: () => `${app.url}graphql`, fetchFn: withToken(app.tokens.viewer) }).map(async (audit) => ({ audit, result: await audit.fn() })),
    );
    const errors = results.filter((r) => r.result.status === 'error').map((r) => `${r.audit.id} ${r.audit.name}: ${(r.result as { reason?: string }).reason}`);
    const warnings = results.filter((r) => r.result.status === 'warn').length;
    console.log(`      ${results.length} audits: ${results.length - errors.length - warnings} ok, ${warnings} warnings, ${errors.length} errors`);
    expect(errors).to.deep.equal([]);
  });
});
