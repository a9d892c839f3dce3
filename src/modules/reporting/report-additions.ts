import type { EntityManager } from '@mikro-orm/core';
import { byTitle } from '../../shared/order';
import { dayLiteral, selectRows, toInt } from '../../shared/sql';
import type { LocalDate } from '../../shared/dates';
import { documentedSql } from '../accountability/evidence-status';
import { momentRowColumns, MomentRows, type MomentRow } from '../accountability/moment-row';
import { Application, applicationInForceSql } from '../accountability/moment-status';
import { Obligation } from '../accountability/obligation.entity';
import { ObligationApplication } from '../accountability/obligation-application.entity';
import { CommitmentStatus } from '../commitment/commitment-status';
import { summariseCommitments } from '../commitment/commitment-summary';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';
import { scopeSql, type ComplianceScope, type Condition } from './compliance-report';
import { byProvisionOrder, findByIds, ReportSql, type Period } from './report-sql';
import { andVisible } from '../../shared/visibility';
import {
  APPLY_OR_EXPLAIN_MAX,
  ApplyOrExplainEntry,
  CommitmentCounts,
  CommitmentsReport,
  COMMITMENTS_MAX,
  EXPLANATIONS_PER_ENTRY,
  type ExplanationInForce,
} from './report-additions.types';

// Queries behind the report fields of report-additions.types.ts; each a fixed number of
// statements whatever the register's size.

/** Obligation `o` comes from the codes in scope, or from an agreement in scope (as the compliance report counts them). */
function obligationInScope(scope: ComplianceScope): Condition {
  const sql = scopeSql(scope);
  const [agreement, agreementParams] = sql.agreement('o');
  const [code, codeParams] = sql.code;
  return [
    `(exists (select 1 from obligation_provisions op join code_provision cp on cp.id = op.code_provision_id where op.obligation_id = o.id and ${code}) or ${agreement})`,
    [...codeParams, ...agreementParams],
  ];
}

/** The reporting years a period covers, up to the year of asOf. */
function yearsOf(period: Period, asOf: LocalDate): number[] {
  const first = Number(period.from.slice(0, 4));
  const last = Math.min(Number(period.to.slice(0, 4)), Number(asOf.slice(0, 4)));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

/**
 * The apply-or-explain table: per provision of the codes in scope and per year of the period
 * (up to asOf), whether its obligations that applied in the year were applied or explained,
 * judged by the decision in force on the year's last day (or asOf, if earlier) as decided by
 * asOf, with the explanations. One statement for all years, then the records it names.
 */
export async function applyOrExplainTable(em: EntityManager, asOf: LocalDate, period: Period, scope: ComplianceScope): Promise<ApplyOrExplainEntry[]> {
  const years = yearsOf(period, asOf);
  if (!years.length || (scope.agreementIds && !scope.codeIds)) return [];
  const [code, codeParams] = scopeSql(scope).code;
  const parts = years.map((year) => {
    const end = `${year}-12-31` < asOf ? `${year}-12-31` : asOf;
    return `select ${year} as y, cast(op.code_provision_id as text) as p, cast(o.id as text) as o,
        cast(${applicationInForceSql(asOf, 'o', dayLiteral(end), 'id')} as text) as a
      from obligation o join obligation_provisions op on op.obligation_id = o.id join code_provision cp on cp.id = op.code_provision_id
      where o.archived_at is null${andVisible(em, 'Obligation', 'o')} and o.active_from <= ${dayLiteral(end)} and (o.active_until is null or o.active_until >= ${dayLiteral(`${year}-01-01`)}) and ${code}`;
  });
  const rows = await selectRows<{ y: unknown; p: string; o: string; a: string | null }>(em, parts.join('\nunion all\n'), years.flatMap(() => codeParams));
  const [provisions, obligations, decisions] = await Promise.all([
    findByIds(em, CodeProvision, rows.map((r) => r.p)),
    findByIds(em, Obligation, rows.map((r) => r.o)),
    findByIds(em, ObligationApplication, rows.flatMap((r) => (r.a ? [r.a] : []))),
  ]);
  const codes = await findByIds(em, GovernanceCode, [...provisions.values()].map((p) => p.code.id));
  const entries = new Map<string, ApplyOrExplainEntry>();
  for (const r of rows) {
    const year = toInt(r.y);
    const key = `${year}:${r.p}`;
    let entry = entries.get(key);
    if (!entry) {
      const provision = provisions.get(r.p)!;
      entry = Object.assign(new ApplyOrExplainEntry(), { year, provision, code: codes.get(provision.code.id)!, application: Application.APPLY, obligationCount: 0, explanations: [] as ExplanationInForce[] });
      entries.set(key, entry);
    }
    entry.obligationCount++;
    const decision = r.a ? decisions.get(r.a) : undefined;
    if (decision?.application === Application.EXPLAIN) {
      entry.application = Application.EXPLAIN;
      entry.explanations.push({ obligation: obligations.get(r.o)!, decision });
    }
  }
  const list = [...entries.values()];
  for (const e of list) e.explanations = e.explanations.sort((a, b) => byTitle(a.obligation, b.obligation)).slice(0, EXPLANATIONS_PER_ENTRY);
  return list
    .sort((a, b) => a.code.title.localeCompare(b.code.title) || byProvisionOrder(a.provision, b.provision) || a.year - b.year)
    .slice(0, APPLY_OR_EXPLAIN_MAX);
}

/** Moments due in the period (of the obligations in scope) held by asOf but not documented on asOf, as FROM … WHERE. */
function heldNotDocumentedSql(em: EntityManager, asOf: LocalDate, period: Period, scope: ComplianceScope): Condition {
  const q = new ReportSql(em, asOf, period);
  const [inScope, params] = obligationInScope(scope);
  return [q.moments('', `m.held_on is not null and m.held_on <= ${q.day} and not ${documentedSql(asOf, 'm')} and ${inScope}`), params];
}

/** How many moments are held but not documented (see heldNotDocumentedSql). */
export async function heldNotDocumentedCount(em: EntityManager, asOf: LocalDate, period: Period, scope: ComplianceScope): Promise<number> {
  const [from, params] = heldNotDocumentedSql(em, asOf, period, scope);
  return toInt((await selectRows<{ n: unknown }>(em, `select count(*) as n ${from}`, params))[0]?.n);
}

/** The first `limit` of them, earliest due first, as rows. */
export async function heldNotDocumented(em: EntityManager, asOf: LocalDate, period: Period, scope: ComplianceScope, limit: number): Promise<MomentRow[]> {
  if (limit <= 0) return [];
  const [from, params] = heldNotDocumentedSql(em, asOf, period, scope);
  const rows = new MomentRows();
  return (await selectRows<Record<string, unknown>>(em, `select ${momentRowColumns()} ${from} order by m.due_on, m.id limit ${Number(limit)}`, params)).map((r) => rows.read(r));
}

/** Explanations in force on asOf (of obligations that apply then) whose review date has passed, as FROM … WHERE over obligation `o` and decision `a`. */
function toReviewSql(em: EntityManager, asOf: LocalDate): string {
  const day = dayLiteral(asOf);
  return `from obligation o join obligation_application a on a.id = ${applicationInForceSql(asOf, 'o', day, 'id')}
      where o.archived_at is null${andVisible(em, 'Obligation', 'o')} and o.active_from <= ${day} and (o.active_until is null or o.active_until >= ${day})
        and a.application = '${Application.EXPLAIN}' and a.review_on is not null and a.review_on < ${day}`;
}

/** How many explanations are to be reviewed (see toReviewSql). */
export async function explanationsToReviewCount(em: EntityManager, asOf: LocalDate): Promise<number> {
  return toInt((await selectRows<{ n: unknown }>(em, `select count(*) as n ${toReviewSql(em, asOf)}`))[0]?.n);
}

/** The first `limit` of them, earliest review first. */
export async function explanationsToReview(em: EntityManager, asOf: LocalDate, limit: number): Promise<ExplanationInForce[]> {
  if (limit <= 0) return [];
  const rows = await selectRows<{ o: string; a: string }>(em, `select cast(o.id as text) as o, cast(a.id as text) as a ${toReviewSql(em, asOf)} order by a.review_on, o.id limit ${Number(limit)}`);
  const [obligations, decisions] = await Promise.all([findByIds(em, Obligation, rows.map((r) => r.o)), findByIds(em, ObligationApplication, rows.map((r) => r.a))]);
  return rows.map((r) => ({ obligation: obligations.get(r.o)!, decision: decisions.get(r.a)! }));
}

/** Commitments made to the stakeholders (all when null) by asOf, counted by status, with those of `statuses` listed. */
export async function commitmentsReport(
  em: EntityManager,
  asOf: LocalDate,
  stakeholderIds: readonly string[] | null,
  statuses: readonly CommitmentStatus[],
  limit = COMMITMENTS_MAX,
): Promise<CommitmentsReport> {
  if (stakeholderIds && !stakeholderIds.length) {
    return Object.assign(new CommitmentsReport(), { asOf, counts: new CommitmentCounts(), listed: [], listedTotal: 0 });
  }
  const summary = await summariseCommitments(em, { asOf, stakeholderIds, listStatuses: statuses, listLimit: Math.min(limit, COMMITMENTS_MAX) });
  return Object.assign(new CommitmentsReport(), { asOf, counts: CommitmentCounts.of(summary.counts), listed: summary.listed, listedTotal: summary.listedTotal });
}

/** Ids of the stakeholders of a category (for what was promised to a category: to its members). */
export async function stakeholdersOfCategory(em: EntityManager, categoryId: string): Promise<string[]> {
  // All of them, also those outside a portfolio scope: what was promised to them is then left out only when it is not the caller's to see.
  const rows = await selectRows<{ id: string }>(em, `select cast(id as text) as id from stakeholder where category_id = ?`, [categoryId]);
  return rows.map((r) => r.id);
}

