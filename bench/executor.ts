import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { execute, parse, validate, type DocumentNode, type ExecutionResult } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { loadConfig } from '../src/config';
import { RequestContext } from '../src/context';
import { openDatabase } from '../src/database';
import { authenticate } from '../src/modules/access/access.service';
import { buildAppSchema } from '../src/schema';
import { buildRegister } from './data-generator';
import { createScratchDatabase, viewerToken } from './scratch-database';

// npm run bench:executor [-- --stakeholders=N --interactions=N --runs=N]
//
// Would a compiled executor pay? Our stakeholder page and nested page executed in this process
// against our real schema, with a real request context (a viewer's read-only token, a fresh
// EntityManager and loaders per execution) on a filled SQLite register: graphql-js `execute`
// against graphql-jit's compiled query, alternating, after warm-ups. No HTTP, no Apollo: the
// executor's share of a request is what is measured. Figures only; the server is unchanged.

const PAGES = {
  'stakeholder page': `{ stakeholders(first: 50) { edges { node {
    name category { name } contacts { name email } currentAssessment { power interest }
  } } } }`,
  'nested page': `{ stakeholders(first: 50) { edges { node {
    name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject }
  } } } }`,
};

function flags(argv: string[]): Map<string, number> {
  return new Map(
    argv.map((a) => {
      const m = /^--([a-z]+)=(\d+)$/.exec(a);
      if (!m) throw new Error(`Unknown argument "${a}"; flags look like --runs=200`);
      return [m[1], Number(m[2])] as const;
    }),
  );
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const p95 = (v: number[]) => [...v].sort((a, b) => a - b)[Math.ceil(0.95 * v.length) - 1];

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const stakeholders = f.get('stakeholders') ?? Number(process.env.BENCH_STAKEHOLDERS || 10_000);
  const interactions = f.get('interactions') ?? Number(process.env.BENCH_INTERACTIONS || 100_000);
  const runs = f.get('runs') ?? 200;
  const db = (await createScratchDatabase('sqlite', ''))!;
  try {
    const orm = await openDatabase(db.config);
    try {
      await buildRegister(orm, 'sqlite', { stakeholders, interactions, obligations: 50, moments: 500 });
      const secret = await viewerToken(orm, 'Executor');
      const caller = await authenticate(orm.em.fork(), `Bearer ${secret}`);
      const config = { ...loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'false' }), database: db.config };
      const schema = await buildAppSchema();
      const context = () => new RequestContext(orm, config, caller);
      console.log(`executor bench: ${stakeholders.toLocaleString('en-GB')} stakeholders, ${interactions.toLocaleString('en-GB')} interactions on SQLite; ${runs} runs each, alternating; ${process.version}`);
      console.log(`load average at start: ${loadAverage()}`);

      for (const [name, query] of Object.entries(PAGES)) {
        const document: DocumentNode = parse(query);
        const errors = validate(schema, document);
        if (errors.length) throw new Error(`${name}: ${errors.map((e) => e.message).join('; ')}`);
        const compiled = compileQuery(schema, document);
        if (!isCompiledQuery(compiled)) throw new Error(`${name}: graphql-jit cannot compile it: ${JSON.stringify(compiled.errors)}`);
        const viaJs = () => execute({ schema, document, contextValue: context() }) as Promise<ExecutionResult>;
        const viaJit = () => compiled.query(undefined, context(), {}) as Promise<ExecutionResult>;
        // The same answer both ways, or the comparison means nothing.
        const [a, b] = [await viaJs(), await viaJit()];
        if (a.errors || b.errors) throw new Error(`${name}: errors ${JSON.stringify(a.errors ?? b.errors).slice(0, 1000)}`);
        if (!isDeepStrictEqual(JSON.parse(JSON.stringify(a.data)), JSON.parse(JSON.stringify(b.data)))) throw new Error(`${name}: graphql-js and graphql-jit answer differently`);
        const times = { js: [] as number[], jit: [] as number[] };
        for (let i = 0; i < 20; i++) await (i % 2 ? viaJs() : viaJit());
        for (let i = 0; i < runs; i++) {
          for (const [which, run] of (i % 2 ? [['js', viaJs], ['jit', viaJit]] : [['jit', viaJit], ['js', viaJs]]) as [keyof typeof times, () => Promise<ExecutionResult>][]) {
            const t = performance.now();
            await run();
            times[which].push(performance.now() - t);
          }
        }
        console.log(
          `${name}: graphql-js median ${median(times.js).toFixed(2)} ms (p95 ${p95(times.js).toFixed(2)}), graphql-jit median ${median(times.jit).toFixed(2)} ms (p95 ${p95(times.jit).toFixed(2)}); ` +
            `jit/js = ${(median(times.jit) / median(times.js)).toFixed(2)}; load average ${loadAverage()}`,
        );
      }
    } finally {
      await orm.close(true);
    }
  } finally {
    await db.drop();
  }
}

function loadAverage(): string {
  return require('node:fs').readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
