require('reflect-metadata');
const { createScratchDatabase, viewerToken } = require('./dist/bench/scratch-database');
const { buildRegister } = require('./dist/bench/data-generator');
const { openDatabase } = require('./dist/src/database');
const { spawn, execFileSync } = require('child_process');
(async () => {
  const kind = process.argv[2] || 'postgresql';
  const db = await createScratchDatabase(kind, 'postgres://postgres@127.0.0.1:5432/postgres');
  const orm = await openDatabase(db.config);
  let proc;
  try {
    await buildRegister(orm, kind, { stakeholders: 10000, interactions: 20000, obligations: 20, moments: 400 });
    const token = await viewerToken(orm, 'dbg');
    await orm.close(true);
    const port = 4567;
    proc = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof5'] : []), 'dist/src/main.js'], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: kind === 'sqlite' ? `sqlite:${db.config.sqlitePath}` : db.config.url, LOG_LEVEL: 'warn', NODE_ENV: 'production', GRAPHIQL: 'false' }, stdio: 'inherit' });
    for (;;) { const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null); if (r?.ok) break; await new Promise((r) => setTimeout(r, 100)); }
    const q = process.env.Q || `{ stakeholders(first: 50) { edges { node { name category { name } contacts { name email } currentAssessment { power interest } } } } }`;
    const body = JSON.stringify({ query: q });
    const fs = require('fs');
    const cpu = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
    const main = (pid) => { const f = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
    const threads = (pid) => fs.readdirSync(`/proc/${pid}/task`).map((t) => { const st = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8'); const name = st.slice(st.indexOf('(') + 1, st.indexOf(')')); const f = st.split(') ')[1].split(' '); return [name, (Number(f[11]) + Number(f[12])) * 10]; });
    const sys = (pid) => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[12]) * 10; };
    const pgCpu = () => { let t = 0; for (const d of fs.readdirSync('/proc')) { if (!/^\d+$/.test(d)) continue; try { const st = fs.readFileSync(`/proc/${d}/stat`, 'utf8'); if (!st.includes('(postgres)')) continue; const f = st.split(') ')[1].split(' '); t += (Number(f[11]) + Number(f[12])) * 10; } catch {} } return t; };
    for (const c of (process.env.C || '1,10').split(',')) {
      const before = cpu(proc.pid), mainBefore = main(proc.pid), thBefore = new Map(threads(proc.pid)), sysBefore = sys(proc.pid), pgBefore = pgCpu();
      const out = require('child_process').spawnSync('npx', ['autocannon', '-j', '-c', c, '-d', process.env.D || '6', '-m', 'POST', '-H', 'content-type=application/json', '-H', `authorization=Bearer ${token}`, '-b', body, `http://127.0.0.1:${port}/graphql`], { encoding: 'utf8' });
      const r = JSON.parse(out.stdout);
      const n = r.requests.total;
      const by = new Map(); for (const [name, t] of threads(proc.pid)) by.set(name, (by.get(name) ?? 0) + t); const bb = new Map(); for (const [name, t] of thBefore) bb.set(name, (bb.get(name) ?? 0) + t); console.log([...by].map(([k, v]) => `${k} ${((v - (bb.get(k) ?? 0)) / 1).toFixed(0)}ms`).join(', '));
      console.log(`connections ${c}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, non2xx ${r.non2xx}; server CPU ${((cpu(proc.pid) - before) / n).toFixed(2)} ms/request (sys ${((sys(proc.pid) - sysBefore) / n).toFixed(2)}, main thread ${((main(proc.pid) - mainBefore) / n).toFixed(2)}), postgres CPU ${((pgCpu() - pgBefore) / n).toFixed(2)} ms/request (n=${n}, load ${require('os').loadavg()[0].toFixed(1)})`);
    }
  } finally { proc?.kill('SIGTERM'); await new Promise((r) => setTimeout(r, 1000)); await db.drop(); }
})().catch((e) => { console.error(e); process.exit(1); });
