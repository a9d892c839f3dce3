import type { EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../../shared/dates';
import { placeholders, selectRows, toInt } from '../../shared/sql';
import { MomentStatus } from '../accountability/moment-status';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';
import { emptyCounts, rollUp, type Counts } from './compliance';
import { byProvisionOrder, countsByKey, findByIds, numbersByKey, ReportSql, summed, type Period } from './report-sql';
import { momentRowColumns, momentRowNulls, MomentRows, type MomentRow } from '../accountability/moment-row';
import { ComplianceReport, StatusCounts, type AgreementCompliance, type CodeCompliance, type ProvisionCompliance } from './report.types';
import { byTitle } from '../../shared/order';

export interface ComplianceScope {
  codeIds?: string[] | null;
  agreementIds?: string[] | null;
}

/** An SQL condition with its parameters. */
export type Condition = [sql: string, params: unknown[]];

/** The codes and agreements in scope, as conditions: over `cp` (code_provision), over `a.agreement_id`, and over a moment row `s`. */
export interface ScopeSql {
  code: Condition;
  agreement: (a: string) => Condition;
  any: Condition;
}

type Row = { kind: string; k: string; status: string; n: unknown; id: string | null } & Record<string, unknown>;

const PROVISIONS_OF = (obligationId: string) =>
  `join obligation_provisions op on op.obligation_id = ${obligationId} join code_provision cp on cp.id = op.code_provision_id`;

/** Neither list given: everything. One given: only that (no codes, or no agreements). */
export function scopeSql(scope: ComplianceScope): ScopeSql {
  const codeIds = scope.codeIds ?? null;
  const agreementIds = scope.agreementIds ?? null;
  const everything = !codeIds && !agreementIds;
  const code: Condition = [codeIds ? `cp.code_id in (${placeholders(codeIds)})` : everything ? 'true' : 'false', codeIds ?? []];
  const agreement = (a: string): Condition => [
    agreementIds ? `${a}.agreement_id in (${placeholders(agreementIds)})` : everything ? `${a}.agreement_id is not null` : 'false',
    agreementIds ?? [],
  ];
  const [inAgreement, agreementParams] = agreement('s');
  const any: Condition = everything
    ? ['true', []]
    : [
        `(exists (select 1 from obligation_provisions op join code_provision cp on cp.id = op.code_provision_id where op.obligation_id = s.obligation_id and ${code[0]}) or ${inAgreement})`,
        [...code[1], ...agreementParams],
      ];
  return { code, agreement, any };
}

/** The first `limit` overdue moments per key, as rows of kind `kind` with the moment's and its obligation's columns. */
function firstOverdue(kind: string, key: string, joins: string, [where, params]: Condition, limit: number): Condition {
  return [
    `select '${kind}' as kind, x.k as k, '${MomentStatus.OVERDUE}' as status, x.rn as n, x.id as id, ${momentRowColumns()}
      from (select s.id as id, cast(${key} as text) as k, row_number() over (partition by ${key} order by s.due_on, s.id) as rn
        from ov s ${joins} where ${where}) x
      join accountability_moment m on m.id = x.id join obligation o on o.id = m.obligation_id
      where x.rn <= ${Number(limit)}`,
    params,
  ];
}

/**
 * One statement: the status of each moment due in the period is computed once (a materialised
 * CTE), then counted per provision, code, agreement and in total, and the first overdue moments
 * listed per provision, agreement and in total, with their columns.
 */
function momentRows(q: ReportSql, scope: ScopeSql, overdueLimit: number): Promise<Row[]> {
  const provisionJoin = PROVISIONS_OF('s.obligation_id');
  const [code, codeParams] = scope.code;
  const [agreement, agreementParams] = scope.agreement('s');
  const [any, anyParams] = scope.any;
  // The listed moments come first: PostgreSQL types a UNION's columns from left to right, and
  // a column of nulls only would be text where the moment rows have dates and timestamps.
  const parts: Condition[] =
    overdueLimit > 0
      ? [
          firstOverdue('overdue:provision', 'op.code_provision_id', provisionJoin, scope.code, overdueLimit),
          firstOverdue('overdue:agreement', 's.agreement_id', '', scope.agreement('s'), overdueLimit),
          firstOverdue('overdue:total', "''", '', scope.any, overdueLimit),
        ]
      : [];
  const none = overdueLimit > 0 ? `, ${momentRowNulls()}` : '';
  // Counted from t, the moments counted per obligation and status: a few rows per obligation
  // to join with its provisions and code, not one per moment. A moment has one obligation, so
  // the sum over an obligation's (distinct) codes counts each moment once per code.
  parts.push(
    [`select 'provision' as kind, cast(op.code_provision_id as text) as k, s.status as status, sum(s.n) as n, null as id${none} from t s ${provisionJoin} where ${code} group by op.code_provision_id, s.status`, codeParams],
    [
      `select 'code', cast(c.code_id as text), s.status, sum(s.n), null${none} from t s
        join (select distinct op.obligation_id as obligation_id, cp.code_id as code_id from obligation_provisions op join code_provision cp on cp.id = op.code_provision_id where ${code}) c
        on c.obligation_id = s.obligation_id group by c.code_id, s.status`,
      codeParams,
    ],
    [`select 'agreement', cast(s.agreement_id as text), s.status, sum(s.n), null${none} from t s where ${agreement} group by s.agreement_id, s.status`, agreementParams],
    [`select 'total', '', s.status, sum(s.n), null${none} from t s where ${any} group by s.status`, anyParams],
  );
  const sql = `with s as materialized (select m.id as id, m.obligation_id as obligation_id, m.due_on as due_on, o.agreement_id as agreement_id, ${q.status} as status ${q.moments()}),
    t as materialized (select obligation_id, agreement_id, status, count(*) as n from s group by obligation_id, agreement_id, status),
    ov as materialized (select id, obligation_id, due_on, agreement_id from s where status = '${MomentStatus.OVERDUE}')
    ${parts.map(([part]) => part).join('\n union all ')}`;
  return selectRows<Row>(q.em, sql, parts.flatMap(([, params]) => params));
}

/** Obligations that apply in the period, counted per provision, per code and per agreement. */
async function obligationCounts(q: ReportSql, scope: ScopeSql): Promise<{ provision: Map<string, number>; code: Map<string, number>; agreement: Map<string, number> }> {
  const count = (select: string, joins: string, [where, params]: Condition) =>
    selectRows<{ k: string; n: unknown }>(q.em, `select ${select} from obligation o ${joins} where ${q.activeObligation()} and ${where} group by 1`, params).then(numbersByKey);
  const [provision, code, agreement] = await Promise.all([
    count('op.code_provision_id as k, count(*) as n', PROVISIONS_OF('o.id'), scope.code),
    count('cp.code_id as k, count(distinct o.id) as n', PROVISIONS_OF('o.id'), scope.code),
    count('o.agreement_id as k, count(*) as n', '', scope.agreement('o')),
  ]);
  return { provision, code, agreement };
}

/** Moments per key, for rows of one kind, earliest due first (as row_number numbered them). */
function momentsByKey(rows: Row[], read: MomentRows): Map<string, MomentRow[]> {
  const out = new Map<string, MomentRow[]>();
  for (const r of [...rows].sort((a, b) => toInt(a.n) - toInt(b.n))) {
    const key = r.k ?? '';
    const list = out.get(key);
    if (list) list.push(read.read(r));
    else out.set(key, [read.read(r)]);
  }
  return out;
}

/** The line of one code, provision or agreement: its verdict, obligations and moments. */
function line(counts: Counts | undefined, obligationCount: number | undefined) {
  const c = counts ?? emptyCounts();
  return { status: rollUp(c), obligationCount: obligationCount ?? 0, moments: new StatusCounts(c) };
}

const keysOf = (...maps: Map<string, unknown>[]) => new Set(maps.flatMap((m) => [...m.keys()]));

/** The compliance report: per code and provision, and per agreement, what fell due in the period and how it went. */
export async function complianceReport(em: EntityManager, period: Period, asOf: LocalDate, scope: ComplianceScope, overdueLimit: number): Promise<ComplianceReport> {
  const q = new ReportSql(em, asOf, period);
  const sql = scopeSql(scope);
  const [rows, obligations] = await Promise.all([momentRows(q, sql, overdueLimit), obligationCounts(q, sql)]);
  const byKind = new Map<string, Row[]>();
  for (const r of rows) (byKind.get(r.kind) ?? byKind.set(r.kind, []).get(r.kind)!).push(r);
  const of = (kind: string) => byKind.get(kind) ?? [];
  const counts = { provision: countsByKey(of('provision')), code: countsByKey(of('code')), agreement: countsByKey(of('agreement')) };
  const read = new MomentRows();
  const overdue = { provision: momentsByKey(of('overdue:provision'), read), agreement: momentsByKey(of('overdue:agreement'), read), total: momentsByKey(of('overdue:total'), read) };
  const moments = (list: MomentRow[] | undefined) => list ?? [];

  const [provisions, codes, agreements] = await Promise.all([
    findByIds(em, CodeProvision, keysOf(obligations.provision, counts.provision)),
    findByIds(em, GovernanceCode, keysOf(obligations.code, counts.code)),
    findByIds(em, Agreement, keysOf(obligations.agreement, counts.agreement)),
  ]);
  const provisionLines = [...provisions.values()].map(
    (provision): ProvisionCompliance => ({
      provision,
      ...line(counts.provision.get(provision.id), obligations.provision.get(provision.id)),
      overdue: moments(overdue.provision.get(provision.id)),
    }),
  );
  const codeLines = [...codes.values()].sort(byTitle).map(
    (code): CodeCompliance => ({
      code,
      ...line(counts.code.get(code.id), obligations.code.get(code.id)),
      provisions: provisionLines.filter((p) => p.provision.code.id === code.id).sort((a, b) => byProvisionOrder(a.provision, b.provision)),
    }),
  );
  const agreementLines = [...agreements.values()].sort(byTitle).map(
    (agreement): AgreementCompliance => ({
      agreement,
      ...line(counts.agreement.get(agreement.id), obligations.agreement.get(agreement.id)),
      overdue: moments(overdue.agreement.get(agreement.id)),
    }),
  );
  const totals = summed(of('total'));
  return Object.assign(new ComplianceReport(), {
    asOf,
    period,
    status: rollUp(totals),
    moments: new StatusCounts(totals),
    codes: codeLines,
    agreements: agreementLines,
    overdueCount: totals.OVERDUE,
    overdue: moments(overdue.total.get('')),
  });
}
