import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// The arrows of the house: src/context.ts and src/shared/ know no module; no module imports
// reporting/ (reports read the others, never the other way round); and between modules the
// arrows run one way, except where two entities are related (an ORM relation is seen from
// both sides). server.ts, schema.ts and main.ts are where it is all wired together.

const ROOT = resolve(__dirname, '../../..');
const SRC = join(ROOT, 'src');

interface Arrow {
  from: string;
  to: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'migrations' ? [] : sources(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import (static, re-export, dynamic, type-only) of every file under src/, as paths relative to src/. */
function arrows(): Arrow[] {
  const found: Arrow[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)'(\.{1,2}\/[^']+)'/g;
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) {
      const target = resolve(dirname(file), m[1]);
      found.push({ from: relative(SRC, file), to: relative(SRC, target.endsWith('.ts') ? target : `${target}.ts`) });
    }
  }
  return found;
}

const moduleOf = (path: string): string | null => /^modules\/([^/]+)\//.exec(path)?.[1] ?? null;
const isEntity = (path: string) => path.endsWith('.entity.ts');

/** What breaks the rules, one line each. */
export function violations(all: readonly Arrow[]): string[] {
  const out: string[] = [];
  for (const a of all) {
    const into = moduleOf(a.to);
    if ((a.from === 'context.ts' || a.from.startsWith('shared/')) && into) out.push(`${a.from} imports a module: ${a.to}`);
    const from = moduleOf(a.from);
    if (into === 'reporting' && from && from !== 'reporting') out.push(`${a.from} imports reporting: ${a.to}`);
  }
  // Two modules are related where an entity of one imports an entity of the other (an ORM
  // relation); then either may use the other's entities. Leaving those arrows out, the graph
  // between modules must have no cycle.
  const related = new Set<string>();
  for (const a of all) {
    const [from, to] = [moduleOf(a.from), moduleOf(a.to)];
    if (from && to && from !== to && isEntity(a.from) && isEntity(a.to)) related.add(`${from}|${to}`).add(`${to}|${from}`);
  }
  const graph = new Map<string, Map<string, Arrow>>();
  for (const a of all) {
    const [from, to] = [moduleOf(a.from), moduleOf(a.to)];
    if (!from || !to || from === to || (isEntity(a.to) && related.has(`${from}|${to}`))) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, a);
  }
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (m: string) => {
    state.set(m, 'open');
    path.push(m);
    for (const [next, arrow] of graph.get(m) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = [...path.slice(path.indexOf(next)), next];
        out.push(`cycle ${cycle.join(' → ')} (one arrow: ${arrow.from} → ${arrow.to})`);
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(m, 'done');
  };
  for (const m of [...graph.keys()].sort()) if (!state.has(m)) visit(m);
  return out;
}

describe('the arrows between the parts of the code run one way', () => {
  const all = arrows();

  it('reads the imports of every source file', () => {
    expect(all.length).to.be.greaterThan(300);
    expect(all.some((a) => a.from === 'server.ts' && a.to === 'context.ts')).to.equal(true);
  });

  it('src/context.ts and src/shared/ import no module; no module imports reporting/; no cycle but entity relations', () => {
    expect(violations(all)).to.deep.equal([]);
  });

  it('would catch each kind of wrong arrow', () => {
    expect(
      violations([
        { from: 'context.ts', to: 'modules/audit/audit.entity.ts' },
        { from: 'shared/x.ts', to: 'modules/access/access.service.ts' },
        { from: 'modules/stakeholder/stakeholder.service.ts', to: 'modules/reporting/compliance.ts' },
        { from: 'modules/governance/governance.service.ts', to: 'modules/stakeholder/stakeholder.enums.ts' },
        { from: 'modules/stakeholder/salience.ts', to: 'modules/governance/provision-tree.ts' },
        // Related entities see each other, and so may the rest of their modules: no cycle.
        { from: 'modules/agreement/agreement.entity.ts', to: 'modules/interest/interest.entity.ts' },
        { from: 'modules/interest/interest.resolver.ts', to: 'modules/agreement/agreement.entity.ts' },
        { from: 'modules/agreement/agreement.service.ts', to: 'modules/interest/interest.entity.ts' },
        // Unrelated: an entity used both ways is a cycle.
        { from: 'modules/audit/audit.resolver.ts', to: 'modules/privacy/personal-data.service.ts' },
        { from: 'modules/privacy/personal-data.service.ts', to: 'modules/audit/audit.entity.ts' },
      ]),
    ).to.deep.equal([
      'context.ts imports a module: modules/audit/audit.entity.ts',
      'shared/x.ts imports a module: modules/access/access.service.ts',
      'modules/stakeholder/stakeholder.service.ts imports reporting: modules/reporting/compliance.ts',
      'cycle audit → privacy → audit (one arrow: modules/privacy/personal-data.service.ts → modules/audit/audit.entity.ts)',
      'cycle governance → stakeholder → governance (one arrow: modules/stakeholder/salience.ts → modules/governance/provision-tree.ts)',
    ]);
  });
});
