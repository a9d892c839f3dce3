import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

// node dist/bench/profile-top.js <file.cpuprofile | folder> [N] [--callers=<function>] [--from=<ms>] [--until=<ms>]
//
// The top self-time entries of a V8 CPU profile (node --cpu-prof; bench:page --profile=<folder>
// writes one per server process), grouped by package (node_modules/<name>), our own code
// (src/…), Node's internals and V8's pseudo-frames (GC, idle, program), then the top functions.
// --callers=<function> adds who calls it (the stacks above its self time, ten frames each):
// a native frame such as (writeBuffer) says nothing until one knows whose writes they are.
// --from=<ms> and --until=<ms> count only the samples between those times since the profile began
// (a start-up: --until=<when it listened>; its first request: --from=<listened> --until=<answered>).

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

function groupOf(url: string, name: string): string {
  if (!url) return `(${name || 'anonymous'})`.replace(/^\(\((.*)\)\)$/, '($1)');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/dist\/(src|bench)\/(.*)$/.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2].split('/').slice(0, -1).join('/') || '.'}`;
  return url;
}

function main(): void {
  const args = process.argv.slice(2);
  const callers = args.find((a) => a.startsWith('--callers='))?.slice('--callers='.length);
  const millis = (flag: string, def: number) => Number(args.find((a) => a.startsWith(`--${flag}=`))?.slice(flag.length + 3) ?? def) * 1000;
  const from = millis('from', 0);
  const until = millis('until', Infinity);
  const [target, n = '25'] = args.filter((a) => !a.startsWith('--'));
  if (!target) throw new Error('usage: profile-top <file.cpuprofile | folder> [N]');
  const file = statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith('.cpuprofile')).map((f) => join(target, f)).sort((a, b) => statSync(b).size - statSync(a).size)[0]
    : target;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  let elapsed = 0;
  profile.samples.forEach((id, i) => {
    elapsed += profile.timeDeltas[i] ?? 0;
    if (elapsed >= from && elapsed <= until) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id)!;
    if (callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    const group = groupOf(callFrame.url, callFrame.functionName);
    groups.set(group, (groups.get(group) ?? 0) + us);
    const fn = `${callFrame.functionName || '(anonymous)'} ${group}:${callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log(`${file}: busy ${(total / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`);
  console.log('\nself time by package:');
  for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${pct(us)}  ${g}`);
  console.log('\nself time by function:');
  for (const [f, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(n))) console.log(`${pct(us)}  ${f}`);
  if (callers) printCallers(profile, byId, self, callers, pct);
}

function printCallers(profile: Profile, byId: Map<number, Node>, self: Map<number, number>, name: string, pct: (us: number) => string): void {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stacks = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== name) continue;
    const frames: string[] = [];
    for (let id = parent.get(node.id), k = 0; id !== undefined && k < 10; id = parent.get(id), k++) {
      const { callFrame } = byId.get(id)!;
      frames.push(`${callFrame.functionName || '(anonymous)'} ${groupOf(callFrame.url, callFrame.functionName)}`);
    }
    const stack = frames.join(' < ');
    stacks.set(stack, (stacks.get(stack) ?? 0) + (self.get(node.id) ?? 0));
  }
  console.log(`\ncallers of ${name}:`);
  for (const [stack, us] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${pct(us)}  ${stack}`);
}

main();
