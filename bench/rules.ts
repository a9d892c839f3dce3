import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { addMonths, type LocalDate } from '../src/shared/dates';
import { describeRule, occurrences, parseRule, RecurrenceError } from '../src/modules/accountability/recurrence';
import { Random } from './random';

// npm run bench:rules [-- --rules=N --seed=N --repeats=N --timeout=MS --budget=MS]
// Times what the API does with a recurrence rule: validate it (parseRule, on every create and
// update), plan it (occurrences from the start date over 24 and 120 months: the default and
// the largest MOMENT_HORIZON_MONTHS) and describe it (Obligation.schedule). The rules are the
// three from the hardening issue that took seconds to refuse, the schedules the product is
// for, and a seeded set of odd combinations of FREQ/INTERVAL/BYMONTH/BYMONTHDAY/BYYEARDAY/
// BYWEEKNO/BYSETPOS/BYDAY/COUNT/UNTIL/WKST. Each flag can also be given as BENCH_RULES_<NAME>.
//
// The rules run in a worker thread: a rule that blocks longer than --timeout (per rule, all
// operations and repeats together) is reported as such and the worker is replaced, so that
// the bench also finishes on code that blocks for seconds.

interface BenchRule {
  group: 'issue' | 'ordinary' | 'generated';
  rule: string;
  start: LocalDate;
}

const OPERATIONS = ['validate', 'plan24', 'plan120', 'describe'] as const;
type Operation = (typeof OPERATIONS)[number];

interface Timing {
  maxMs: number;
  medianMs: number;
  /** Dates planned (plan operations). */
  dates?: number;
}

interface RuleResult {
  refused?: string;
  error?: string;
  timings: Partial<Record<Operation, Timing>>;
}

interface Options {
  rules: number;
  seed: number;
  repeats: number;
  timeoutMs: number;
  budgetMs: number;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const settings: Record<string, string | undefined> = { ...env };
  for (const arg of argv) {
    const match = /^--([a-z]+)=(.*)$/.exec(arg);
    if (!match) throw new Error(`Unknown argument "${arg}"; flags look like --rules=300`);
    settings[`BENCH_RULES_${match[1].toUpperCase()}`] = match[2];
  }
  const int = (name: string, def: number, min: number) => {
    const raw = settings[`BENCH_RULES_${name}`];
    const value = raw ? Number(raw) : def;
    if (!Number.isInteger(value) || value < min) throw new Error(`BENCH_RULES_${name} must be a whole number of at least ${min}, got "${raw}"`);
    return value;
  };
  return {
    rules: int('RULES', 300, 0),
    seed: int('SEED', 1, 0),
    repeats: int('REPEATS', 5, 1),
    timeoutMs: int('TIMEOUT', 60_000, 1),
    budgetMs: int('BUDGET', 50, 1),
  };
}

/** The rules of the hardening issue, under every FREQ that the issue's text leaves open. */
const ISSUE_RULES = [
  'FREQ=DAILY;BYSETPOS=366',
  ...['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].map((f) => `FREQ=${f};BYYEARDAY=366;BYMONTH=1`),
  ...['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'].map((f) => `FREQ=${f};BYMONTH=2;BYMONTHDAY=30`),
];
const ORDINARY_RULES = [
  'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1',
  'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1',
  'FREQ=YEARLY;INTERVAL=4;BYMONTH=12;BYMONTHDAY=31',
  'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=1',
  'FREQ=WEEKLY;INTERVAL=2;BYDAY=TH',
  'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  'FREQ=DAILY',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
];
const REFERENCE_START = '2026-01-01';

/**
 * The same bench on the code before the search was bounded (commit 63185db: rrule's own
 * `after()` searching to the year 9999 for a rule that never matches, and a silent limit of
 * 1,000 dates per plan), on the same shared 2-CPU machine: the figures the hardening issue
 * note quotes. A refused rule was timed once; generated rules were stopped after 5 s.
 */
const BEFORE = [
  'validate FREQ=DAILY;BYSETPOS=366                34583 ms (refused)',
  'validate FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30     25407 ms (refused)',
  'validate FREQ=DAILY;BYYEARDAY=366;BYMONTH=1     24289 ms (refused)',
  'validate FREQ=WEEKLY;BYYEARDAY=366;BYMONTH=1     5294 ms (refused)',
  'validate FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30     3508 ms (refused)',
  'validate FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30      179 ms (refused)',
  'plan120  FREQ=DAILY                                32 ms (1,000 of 3,653 dates: the silent limit)',
  '300 generated rules (seed 1): 62 still validating after 5 s; plan24 up to 519 ms, plan120 up to 576 ms, describe up to 301 ms',
];

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function some(r: Random, max: number, value: () => number | string): string {
  const values = new Set<number | string>();
  const n = r.int(1, max);
  while (values.size < n) values.add(value());
  return [...values].join(',');
}

const signed = (r: Random, max: number) => (r.chance(0.75) ? 1 : -1) * r.int(1, max);
/** Mostly small numbers, sometimes the edges where rules stop matching. */
const edgy = (r: Random, max: number, edges: number[]) => (r.chance(0.3) ? (r.chance(0.8) ? 1 : -1) * r.pick(edges) : signed(r, max));

/** One odd but syntactically valid rule: the combinations a fuzzing user (or a typo) produces. */
function oddRule(r: Random, start: LocalDate): string {
  const parts = [`FREQ=${r.pick(['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'])}`];
  if (r.chance(0.35)) parts.push(`INTERVAL=${r.chance(0.7) ? r.int(1, 4) : r.int(5, 100)}`);
  if (r.chance(0.4)) parts.push(`BYMONTH=${some(r, 3, () => r.int(1, 12))}`);
  if (r.chance(0.4)) parts.push(`BYMONTHDAY=${some(r, 3, () => edgy(r, 31, [28, 29, 30, 31]))}`);
  if (r.chance(0.25)) parts.push(`BYYEARDAY=${some(r, 2, () => edgy(r, 366, [1, 59, 60, 365, 366]))}`);
  if (r.chance(0.2)) parts.push(`BYWEEKNO=${some(r, 2, () => edgy(r, 53, [1, 52, 53]))}`);
  if (r.chance(0.35)) {
    parts.push(`BYDAY=${some(r, 3, () => (r.chance(0.4) ? `${signed(r, r.chance(0.8) ? 5 : 53)}` : '') + r.pick(WEEKDAYS))}`);
  }
  if (r.chance(0.3)) parts.push(`BYSETPOS=${some(r, 2, () => edgy(r, 7, [31, 53, 365, 366]))}`);
  if (r.chance(0.1)) parts.push(`COUNT=${r.int(1, 1000)}`);
  if (r.chance(0.1)) parts.push(`UNTIL=${addMonths(start, r.int(1, 600)).replaceAll('-', '')}`);
  if (r.chance(0.1)) parts.push(`WKST=${r.pick(WEEKDAYS)}`);
  return parts.join(';');
}

function benchRules(options: Options): BenchRule[] {
  const r = new Random(options.seed);
  const rules: BenchRule[] = [
    ...ISSUE_RULES.map((rule) => ({ group: 'issue' as const, rule, start: REFERENCE_START })),
    ...ORDINARY_RULES.map((rule) => ({ group: 'ordinary' as const, rule, start: REFERENCE_START })),
  ];
  const seen = new Set(rules.map((b) => b.rule));
  while (rules.length < ISSUE_RULES.length + ORDINARY_RULES.length + options.rules) {
    const start = `${r.int(2000, 2030)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
    const rule = oddRule(r, start);
    if (seen.has(rule)) continue;
    seen.add(rule);
    rules.push({ group: 'generated', rule, start });
  }
  return rules;
}

// ---------------------------------------------------------------- worker: measures rules

function time(repeats: number, work: () => number | void): Timing {
  const runs: number[] = [];
  let dates: number | undefined;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    const n = work();
    runs.push(performance.now() - t);
    if (typeof n === 'number') dates = n;
  }
  runs.sort((a, b) => a - b);
  return { maxMs: runs[runs.length - 1], medianMs: runs[Math.floor(runs.length / 2)], ...(dates === undefined ? {} : { dates }) };
}

function measure({ rule, start }: BenchRule, repeats: number): RuleResult {
  const result: RuleResult = { timings: {} };
  // The first validation decides: a refused rule is never stored, so never planned or
  // described, and only its refusal is timed (once: on old code it took seconds).
  const t = performance.now();
  try {
    parseRule(rule, start);
  } catch (error) {
    if (!(error instanceof RecurrenceError)) return { ...result, error: String((error as Error).stack ?? error) };
    const refusal = performance.now() - t;
    return { refused: error.message, timings: { validate: { maxMs: refusal, medianMs: refusal } } };
  }
  try {
    result.timings.validate = time(repeats, () => void parseRule(rule, start));
    result.timings.plan24 = time(repeats, () => occurrences(rule, start, start, addMonths(start, 24)).length);
    result.timings.plan120 = time(repeats, () => occurrences(rule, start, start, addMonths(start, 120)).length);
    result.timings.describe = time(repeats, () => void describeRule(rule, start));
  } catch (error) {
    result.error = String((error as Error).stack ?? error);
  }
  return result;
}

type WorkerMessage = { type: 'start'; index: number } | { type: 'result'; index: number; result: RuleResult };

function runWorker(): void {
  const { rules, from, repeats } = workerData as { rules: BenchRule[]; from: number; repeats: number };
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let index = from; index < rules.length; index++) {
    // Collect the previous rule's garbage first, so that its collection is not timed here.
    gc?.();
    parentPort!.postMessage({ type: 'start', index } satisfies WorkerMessage);
    parentPort!.postMessage({ type: 'result', index, result: measure(rules[index], repeats) } satisfies WorkerMessage);
  }
}

// ---------------------------------------------------------------- main: runs and reports

type Outcome = RuleResult | { timedOut: true };

function measureAll(rules: BenchRule[], options: Options): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(rules.length);
  return new Promise((resolve, reject) => {
    const start = (from: number) => {
      if (from >= rules.length) return resolve(outcomes);
      const worker = new Worker(__filename, { workerData: { rules, from, repeats: options.repeats } });
      let current = from;
      let timer: NodeJS.Timeout | undefined;
      let replaced = false;
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'start') {
          current = message.index;
          timer = setTimeout(() => {
            replaced = true;
            outcomes[current] = { timedOut: true };
            process.stdout.write(`  rule ${current + 1} (${rules[current].rule}) still running after ${options.timeoutMs} ms: stopped\n`);
            void worker.terminate().then(() => start(current + 1));
          }, options.timeoutMs);
        } else {
          clearTimeout(timer);
          outcomes[message.index] = message.result;
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        clearTimeout(timer);
        if (!replaced) resolve(outcomes);
      });
    };
    start(0);
  });
}

const ms = (value: number | undefined) => (value === undefined ? '—' : value < 10 ? value.toFixed(2) : value.toFixed(1));
const cell = (outcome: Outcome, op: Operation, options: Options) =>
  'timedOut' in outcome ? `>${options.timeoutMs}` : ms(outcome.timings[op]?.maxMs);

function median(values: number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function pad(values: string[], widths: number[]): string {
  return values.map((v, i) => (i === values.length - 1 ? v : v.padStart(widths[i]))).join('  ');
}

function report(rules: BenchRule[], outcomes: Outcome[], options: Options): boolean {
  const widths = [9, 9, 9, 9, 9];
  console.log(`\nper rule: the slowest of ${options.repeats} runs in ms (dates planned in brackets); a refused rule is timed once`);
  console.log(pad(['validate', 'plan24', 'plan120', 'describe', 'outcome', 'rule'], [...widths, 0]));
  for (const [i, b] of rules.entries()) {
    if (b.group === 'generated') continue;
    const o = outcomes[i];
    const outcome = 'timedOut' in o ? 'timed out' : o.error ? 'ERROR' : o.refused ? 'refused' : `[${o.timings.plan24?.dates}/${o.timings.plan120?.dates}]`;
    console.log(pad([...OPERATIONS.map((op) => cell(o, op, options)), outcome, `${b.rule} (from ${b.start})`], [...widths, 0]));
    if (!('timedOut' in o) && o.refused) console.log(`${' '.repeat(50)}${o.refused}`);
  }

  const generated = rules.map((b, i) => [b, outcomes[i]] as const).filter(([b]) => b.group === 'generated');
  const refused = generated.filter(([, o]) => !('timedOut' in o) && o.refused).length;
  const timedOut = generated.filter(([, o]) => 'timedOut' in o).length;
  console.log(`\n${generated.length} generated rules (seed ${options.seed}): ${generated.length - refused - timedOut} accepted, ${refused} refused, ${timedOut} timed out`);
  const all = rules.map((b, i) => [b, outcomes[i]] as const);
  console.log(pad(['operation', 'rules', 'median', 'p99', 'max', ''], [10, 6, 9, 9, 9, 0]));
  let worst = 0;
  for (const op of OPERATIONS) {
    const timed = all.flatMap(([b, o]) => ('timedOut' in o ? [] : o.timings[op] ? [{ b, t: o.timings[op]! }] : []));
    const maxes = timed.map((x) => x.t.maxMs).sort((a, b) => a - b);
    const p99 = maxes[Math.min(maxes.length - 1, Math.floor(maxes.length * 0.99))];
    const max = op === 'validate' && timedOut ? Infinity : maxes[maxes.length - 1] ?? 0;
    worst = Math.max(worst, max);
    console.log(pad([op, String(timed.length), ms(median(timed.map((x) => x.t.medianMs))), ms(p99), Number.isFinite(max) ? ms(max) : `>${options.timeoutMs}`, ''], [10, 6, 9, 9, 9, 0]));
  }
  for (const op of OPERATIONS) {
    const stopped = op === 'validate' ? all.filter(([, o]) => 'timedOut' in o).map(([b]) => b) : [];
    const slowest = all
      .flatMap(([b, o]) => ('timedOut' in o ? [] : o.timings[op] ? [{ b, t: o.timings[op]! }] : []))
      .sort((x, y) => y.t.maxMs - x.t.maxMs)
      .slice(0, Math.max(0, 5 - stopped.length));
    console.log(`\nslowest to ${op}:`);
    for (const b of stopped.slice(0, 5)) console.log(`  ${`>${options.timeoutMs}`.padStart(8)} ms  ${b.rule} (from ${b.start})`);
    for (const { b, t } of slowest) console.log(`  ${ms(t.maxMs).padStart(8)} ms  ${b.rule} (from ${b.start})`);
  }
  const errors = all.filter(([, o]) => !('timedOut' in o) && o.error);
  for (const [b, o] of errors) console.log(`\nERROR for ${b.rule} (from ${b.start}):\n${(o as RuleResult).error}`);
  const within = worst <= options.budgetMs;
  const typical = Math.max(...all.flatMap(([, o]) => ('timedOut' in o ? [Infinity] : OPERATIONS.map((op) => o.timings[op]?.medianMs ?? 0))));
  console.log(
    `\nslowest operation on any rule: ${Number.isFinite(worst) ? `${ms(worst)} ms` : `more than ${options.timeoutMs} ms`} (slowest run), ` +
      `${Number.isFinite(typical) ? `${ms(typical)} ms` : '—'} (slowest median); budget ${options.budgetMs} ms: ${within ? 'within' : 'EXCEEDED'}`,
  );
  console.log('\nbefore the search was bounded (commit 63185db; see BEFORE in bench/rules.ts):');
  for (const line of BEFORE) console.log(`  ${line}`);
  return errors.length === 0;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const rules = benchRules(options);
  console.log(`bench:rules — ${rules.length} rules, ${options.repeats} runs per operation, at most ${options.timeoutMs} ms per rule`);
  const t = performance.now();
  const outcomes = await measureAll(rules, options);
  const ok = report(rules, outcomes, options);
  console.log(`(${((performance.now() - t) / 1000).toFixed(1)} s)`);
  if (!ok) process.exitCode = 1;
}

if (isMainThread) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runWorker();
}
