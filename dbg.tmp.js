require('reflect-metadata');
const { createScratchDatabase, viewerToken } = require('./dist/bench/scratch-database');
const { buildRegister } = require('./dist/bench/data-generator');
const { openDatabase } = require('./dist/src/database');
const { loadConfig } = require('./dist/src/config');
const { createAppServer } = require('./dist/src/server');
const { createLogger } = require('./dist/src/logger');
(async () => {
  const kind = process.argv[2] || 'postgresql';
  const db = await createScratchDatabase(kind, 'postgres://postgres@127.0.0.1:5432/postgres');
  const orm = await openDatabase(db.config);
  try {
    await buildRegister(orm, kind, { stakeholders: 10000, interactions: 20000, obligations: 20, moments: 400 });
    const token = await viewerToken(orm, 'dbg');
    const conn = orm.em.getConnection();
    let captured;
    const orig = conn.execute.bind(conn);
    conn.execute = (sql, params, ...rest) => { if (typeof sql === 'string' && sql.startsWith('select s0.*')) captured = { sql, params }; return orig(sql, params, ...rest); };
    const config = { ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: kind === 'sqlite' ? `sqlite:${db.config.sqlitePath}` : db.config.url }), database: db.config };
    const server = await createAppServer(config, orm, createLogger('warn'));
    const url = await server.listen(0, '127.0.0.1');
    const q = `{ stakeholders(first: 50) { edges { node { name category { name } contacts { name email } currentAssessment { power interest } } } } }`;
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q }) });
    const body = await res.text();
    console.log('answer bytes', body.length);
    console.log(captured.sql, captured.params);
    const knex = orm.em.getKnex();
    const formatted = orm.em.getPlatform().formatQuery(captured.sql, captured.params);
    if (kind === 'postgresql') {
      const plan = await knex.raw('explain (analyze, buffers) ' + formatted);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
    } else {
      const plan = await knex.raw('explain query plan ' + formatted);
      console.log(plan.map((r) => r.detail).join('\n'));
    }
    for (const round of [1, 2]) {
      let t = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) await knex.raw(formatted);
      console.log('simple query via knex: ms per query', Number(process.hrtime.bigint() - t) / 1e6 / 200);
      if (kind === 'postgresql') {
        const c = await knex.client.acquireConnection();
        const text = knex.client.positionBindings(captured.sql);
        t = process.hrtime.bigint();
        for (let i = 0; i < 200; i++) await c.query({ name: 'dbg1', text, values: captured.params });
        console.log('prepared: ms per query', Number(process.hrtime.bigint() - t) / 1e6 / 200);
        await knex.client.releaseConnection(c);
      }
      t = process.hrtime.bigint();
      for (let i = 0; i < 200; i++) await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q }) }).then((r) => r.text());
      console.log('whole request, sequential: ms', Number(process.hrtime.bigint() - t) / 1e6 / 200);
    }
    await server.close();
  } finally { await orm.close(true); await db.drop(); }
})().catch((e) => { console.error(e); process.exit(1); });
