import { expect } from 'chai';
import type { GraphQLResponse, TestApp } from './test-app';

/** A well-formed id that no record has. */
export const MISSING = '00000000-0000-4000-8000-000000000000';

/** Runs an operation that must succeed and returns its one root field. */
export async function run(app: TestApp, query: string, variables: Record<string, unknown>): Promise<any> {
  const data = await app.ok(query, variables);
  return Object.values(data as Record<string, unknown>)[0];
}

/** The paths named by a refused operation, after checking it was refused with `code` and returned no data. */
export function refusal(res: GraphQLResponse, code: string): string[] {
  expect(res.errors, JSON.stringify(res)).to.be.an('array').with.length(1);
  const error = res.errors![0];
  expect(error.extensions?.code, JSON.stringify(error)).to.equal(code);
  expect(res.data ?? null).to.equal(null);
  return (error.extensions!.fields ?? []).map((f: { path: string }) => f.path);
}

/** Checks that an operation is refused with `code`, naming `path` among the fields at fault. */
export async function expectRefused(app: TestApp, query: string, variables: Record<string, unknown>, code: string, path: string): Promise<GraphQLResponse> {
  const res = await app.gql(query, variables);
  expect(refusal(res, code), JSON.stringify(res)).to.include(path);
  return res;
}

/** Ids of one list under a filter (one page of up to 100), checking totalCount agrees. */
export async function listIds(app: TestApp, field: string, filterType: string, filter: Record<string, unknown>, sort?: string): Promise<string[]> {
  const data = await app.ok(
    `query ($f: ${filterType}) { ${field}(filter: $f, first: 100${sort ? `, sort: ${sort}` : ''}) { totalCount pageInfo { hasNextPage } edges { node { id } } } }`,
    { f: filter },
  );
  const conn = data[field];
  expect(conn.pageInfo.hasNextPage).to.equal(false);
  expect(conn.totalCount, `totalCount of ${field}`).to.equal(conn.edges.length);
  return conn.edges.map((e: { node: { id: string } }) => e.node.id);
}

/** Follows endCursor with `first: 2` until the end; returns the ids in the order seen. */
export async function walkPages(app: TestApp, field: string, args: string): Promise<{ ids: string[]; pages: number; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  let totalCount = -1;
  for (;;) {
    const data: any = await app.ok(
      `query ($after: String) { ${field}(${args} first: 2, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`,
      { after },
    );
    const conn = data[field];
    pages++;
    if (totalCount === -1) totalCount = conn.totalCount;
    expect(conn.totalCount, 'totalCount is the same on every page').to.equal(totalCount);
    expect(conn.edges.length).to.be.at.most(2);
    ids.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
    if (conn.edges.length) expect(conn.pageInfo.endCursor).to.equal(conn.edges[conn.edges.length - 1].cursor);
    if (!conn.pageInfo.hasNextPage) break;
    expect(conn.edges.length, 'a page before the last one is full').to.equal(2);
    after = conn.pageInfo.endCursor;
    expect(pages, 'paging ends').to.be.below(20);
  }
  return { ids, pages, totalCount };
}

/** Checks that asking for each of these fields by an id that no record has answers NOT_FOUND. */
export async function expectNotFound(app: TestApp, ...fields: string[]): Promise<void> {
  for (const field of fields) {
    const res = await app.gql(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id: MISSING });
    expect(res.errors?.[0].extensions?.code, field).to.equal('NOT_FOUND');
  }
}
