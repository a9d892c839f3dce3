import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadConfig, parseDatabaseUrl } from '../src/config';
import { openDatabase } from '../src/database';
import { UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';
import { createLogger } from '../src/logger';
import { createAppServer } from '../src/server';
import { buildRegister, REFERENCE_DATE } from './data-generator';
import { REPORT_OPERATIONS } from './operations';

// node dist/bench/report-dump.js <database url> <out.json> [--build=<scale>]
// Asks the reports (the bench's operations and a wide selection of every moment and obligation
// field) of one register and writes the answers to a file, so that two builds of the app
// (before and after a change) can be compared on the same data: build the register with
// the first, dump with each, diff the files.

const MOMENT = `id createdAt updatedAt revision archivedAt archived dueOn heldOn minutes waivedOn waiverReason status(asOf: $asOf)
  evidence { title } participants { name } interaction { subject }
  obligation { id createdAt updatedAt revision archivedAt archived title description form responsible recurrenceRule scheduleStart dueOn
    warningDays activeFrom activeUntil application explanation explainedOn plannedUntil schedule
    provisions { reference } agreement { title } audienceStakeholders { name } audienceCategories { key } }`;

const WIDE = [
  {
    name: 'complianceReport, every moment field',
    query: `query ($asOf: LocalDate) { complianceReport(period: { from: "2026-01-01", to: "2026-12-31" }, asOf: $asOf, overdueLimit: 3) {
      status overdueCount overdue { ${MOMENT} }
      codes { code { key } provisions { provision { reference } overdue { ${MOMENT} } } }
      agreements { agreement { title } overdue { id dueOn obligation { id title } } } } }`,
  },
  {
    name: 'complianceReport of one code',
    query: `query ($asOf: LocalDate) { complianceReport(period: { from: "2025-01-01", to: "2026-12-31" }, asOf: $asOf, codeIds: [], overdueLimit: 5) {
      status moments { total overdue } overdue { id } } }`,
  },
  {
    name: 'accountabilityOverview, every moment field',
    query: `query ($asOf: LocalDate) { accountabilityOverview(asOf: $asOf, withinDays: 90, limit: 50) {
      overdueCount dueNextCount overdue { ${MOMENT} } dueNext { ${MOMENT} } } }`,
  },
  {
    name: 'annualReport 2025',
    query: REPORT_OPERATIONS[2].query.replace('year: 2026', 'year: 2025'),
  },
];

async function main(): Promise<void> {
  const [url, out, ...flags] = process.argv.slice(2);
  const db = parseDatabaseUrl(url);
  const build = flags.find((f) => f.startsWith('--build='));
  const orm = await openDatabase(db);
  if (build) {
    const scale = Number(build.slice('--build='.length));
    const r = (n: number) => Math.max(1, Math.round(n * scale));
    await buildRegister(orm, db.kind, { stakeholders: Math.max(10, r(10_000)), interactions: r(100_000), obligations: r(5_000), moments: r(250_000) });
  }
  const config = { ...loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'false' }), database: db };
  const server = await createAppServer(config, orm, createLogger('error'));
  const endpoint = await server.listen(0, '127.0.0.1');
  await server.planning.idle();
  const access = new AccessService();
  const em = orm.em.fork();
  const viewer = await access.createUser(em, { name: 'Report dump', email: `dump-${Date.now()}@example.org`, role: UserRole.VIEWER });
  const { secret } = access.createToken(em, viewer, { name: 'dump' });
  await em.flush();
  const answers: Record<string, unknown> = {};
  for (const op of [...REPORT_OPERATIONS, ...WIDE]) {
    const variables = { ...(('variables' in op && op.variables) || {}), asOf: REFERENCE_DATE };
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: op.query, variables }),
    });
    answers[op.name] = await res.json();
  }
  writeFileSync(out, JSON.stringify(answers, null, 1));
  await server.close();
  await orm.close(true);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
