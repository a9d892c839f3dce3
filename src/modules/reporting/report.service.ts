import type { EntityManager, EntityClass } from '@mikro-orm/core';
import { addDays, type LocalDate } from '../../shared/dates';
import { findOrFail } from '../../shared/crud';
import { NotFoundError } from '../../shared/errors';
import { dayLiteral, dialectOf, placeholders, selectRows, toInt } from '../../shared/sql';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { AccountabilityForm } from '../accountability/accountability.enums';
import { momentStatusSql } from '../accountability/moment-status';
import { Obligation } from '../accountability/obligation.entity';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';
import { Interest } from '../interest/interest.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { addCounts, emptyCounts, rollUp, type Counts } from './compliance';
import { DISCLOSURES } from './disclosures';
import {
  AccountabilityOverview,
  AnnualReport,
  AudienceAccountability,
  ComplianceReport,
  StatusCounts,
  type AgreementCompliance,
  type CodeCompliance,
  type ProvisionCompliance,
} from './report.types';

// Every report counts in the database (GROUP BY over the status CASE expression) and loads
// only the records it names: a fixed number of statements whatever the register's size.

interface Period {
  from: LocalDate;
  to: LocalDate;
}

type CountRow = { k: string | null; status: string; n: unknown };

/** Groups (key, status, n) rows into counts per key. */
function countsByKey(rows: CountRow[]): Map<string, Counts> {
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const key = r.k ?? '';
    addCounts(out.get(key) ?? out.set(key, emptyCounts()).get(key)!, r.status, toInt(r.n));
  }
  return out;
}

function summed(rows: CountRow[]): Counts {
  return rows.reduce((c, r) => addCounts(c, r.status, toInt(r.n)), emptyCounts());
}

async function findByIds<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>, ids: Iterable<string>): Promise<Map<string, T>> {
  const list = [...new Set(ids)];
  const found = list.length ? ((await em.find(entity, { id: { $in: list } } as never)) as T[]) : [];
  return new Map(found.map((e) => [e.id, e]));
}

/** One report's SQL: moments of obligations that are not archived, judged on `asOf`. */
class ReportSql {
  readonly status: string;
  readonly from: string;
  readonly to: string;

  constructor(
    readonly em: EntityManager,
    readonly asOf: LocalDate,
    period: Period,
  ) {
    this.status = momentStatusSql(dialectOf(em), asOf, 'm', 'o');
    this.from = dayLiteral(period.from);
    this.to = dayLiteral(period.to);
  }

  /** FROM … WHERE for moments due in the period, with extra joins and conditions. */
  moments(joins = '', where = 'true'): string {
    return `from accountability_moment m join obligation o on o.id = m.obligation_id ${joins}
      where o.archived_at is null and m.due_on >= ${this.from} and m.due_on <= ${this.to} and (${where})`;
  }

  /** Obligations (not archived) that apply at some day of the period. */
  activeObligation(o = 'o'): string {
    return `${o}.archived_at is null and ${o}.active_from <= ${this.to} and (${o}.active_until is null or ${o}.active_until >= ${this.from})`;
  }

  counts(key: string, joins = '', where = 'true', params: unknown[] = []): Promise<CountRow[]> {
    return selectRows<CountRow>(
      this.em,
      `select ${key} as k, ${this.status} as status, count(*) as n ${this.moments(joins, where)} group by 1, 2`,
      params,
    );
  }
}

async function loadMoments(em: EntityManager, ids: Iterable<string>): Promise<(list: string[] | undefined) => AccountabilityMoment[]> {
  const byId = await findByIds(em, AccountabilityMoment, ids);
  return (list) => (list ?? []).map((id) => byId.get(id)!).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
}

export interface ComplianceScope {
  codeIds?: string[] | null;
  agreementIds?: string[] | null;
}

export class ReportService {
  async compliance(em: EntityManager, period: Period, asOf: LocalDate, scope: ComplianceScope, overdueLimit: number): Promise<ComplianceReport> {
    const q = new ReportSql(em, asOf, period);
    const codeIds = scope.codeIds ?? null;
    const agreementIds = scope.agreementIds ?? null;
    const everything = !codeIds && !agreementIds;
    const codeWhere = codeIds ? `cp.code_id in (${placeholders(codeIds)})` : everything ? 'true' : 'false';
    const codeParams = codeIds ?? [];
    const agreementWhere = (a: string) =>
      agreementIds ? `${a}.agreement_id in (${placeholders(agreementIds)})` : everything ? `${a}.agreement_id is not null` : 'false';
    const agreementParams = agreementIds ?? [];
    const provisionJoin = 'join obligation_provisions op on op.obligation_id = s.obligation_id join code_provision cp on cp.id = op.code_provision_id';
    const inScope = everything
      ? 'true'
      : `(exists (select 1 from obligation_provisions op join code_provision cp on cp.id = op.code_provision_id where op.obligation_id = s.obligation_id and ${codeWhere}) or ${agreementWhere('s')})`;
    const scopeParams = [...codeParams, ...agreementParams];

    // One statement: the status of each moment due in the period is computed once (a
    // materialised CTE), then counted per provision, code, agreement and in total, and the
    // first overdue moments listed per provision, agreement and in total.
    const parts: [string, unknown[]][] = [
      [`select 'provision' as kind, cast(op.code_provision_id as text) as k, s.status as status, count(*) as n, null as id from s ${provisionJoin} where ${codeWhere} group by op.code_provision_id, s.status`, codeParams],
      [`select 'code', cast(cp.code_id as text), s.status, count(distinct s.id), null from s ${provisionJoin} where ${codeWhere} group by cp.code_id, s.status`, codeParams],
      [`select 'agreement', cast(s.agreement_id as text), s.status, count(*), null from s where ${agreementWhere('s')} group by s.agreement_id, s.status`, agreementParams],
      [`select 'total', '', s.status, count(*), null from s where ${inScope} group by s.status`, scopeParams],
    ];
    if (overdueLimit > 0) {
      const overdue = (kind: string, key: string, joins: string, where: string, params: unknown[]): [string, unknown[]] => [
        `select '${kind}', k, 'OVERDUE', rn, id from (select cast(s.id as text) as id, cast(${key} as text) as k, row_number() over (partition by ${key} order by s.due_on, s.id) as rn
          from s ${joins} where s.status = 'OVERDUE' and ${where}) x where rn <= ${Number(overdueLimit)}`,
        params,
      ];
      parts.push(
        overdue('overdue:provision', 'op.code_provision_id', provisionJoin, codeWhere, codeParams),
        overdue('overdue:agreement', 's.agreement_id', '', agreementWhere('s'), agreementParams),
        overdue('overdue:total', "''", '', inScope, scopeParams),
      );
    }
    const sql = `with s as materialized (select m.id as id, m.obligation_id as obligation_id, m.due_on as due_on, o.agreement_id as agreement_id, ${q.status} as status ${q.moments()})
      ${parts.map(([part]) => part).join('\n union all ')}`;
    const countActive = (select: string, joins: string, where: string, params: unknown[]) =>
      selectRows<{ k: string; n: unknown }>(em, `select ${select} from obligation o ${joins} where ${q.activeObligation()} and ${where} group by 1`, params);
    const activeJoin = 'join obligation_provisions op on op.obligation_id = o.id join code_provision cp on cp.id = op.code_provision_id';
    const [rows, obligationsPerProvision, obligationsPerCode, obligationsPerAgreement] = await Promise.all([
      selectRows<{ kind: string; k: string; status: string; n: unknown; id: string | null }>(em, sql, parts.flatMap(([, params]) => params)),
      countActive('op.code_provision_id as k, count(*) as n', activeJoin, codeWhere, codeParams),
      countActive('cp.code_id as k, count(distinct o.id) as n', activeJoin, codeWhere, codeParams),
      countActive('o.agreement_id as k, count(*) as n', '', agreementWhere('o'), agreementParams),
    ]);
    const of = (kind: string) => rows.filter((r) => r.kind === kind);
    const byProvision = of('provision');
    const byCode = of('code');
    const byAgreement = of('agreement');
    const total = of('total');
    const idsBy = (kind: string) => {
      const out = new Map<string, string[]>();
      for (const r of of(kind)) (out.get(r.k ?? '') ?? out.set(r.k ?? '', []).get(r.k ?? '')!).push(String(r.id));
      return out;
    };
    const overdueByProvision = idsBy('overdue:provision');
    const overdueByAgreement = idsBy('overdue:agreement');
    const overdueAll = idsBy('overdue:total');

    const provisionCounts = countsByKey(byProvision);
    const codeCounts = countsByKey(byCode);
    const agreementCounts = countsByKey(byAgreement);
    const nProvision = new Map(obligationsPerProvision.map((r) => [r.k, toInt(r.n)]));
    const nCode = new Map(obligationsPerCode.map((r) => [r.k, toInt(r.n)]));
    const nAgreement = new Map(obligationsPerAgreement.map((r) => [r.k, toInt(r.n)]));

    const provisionIds = new Set([...nProvision.keys(), ...provisionCounts.keys()]);
    const [provisions, codes, agreements, moments] = await Promise.all([
      findByIds(em, CodeProvision, provisionIds),
      findByIds(em, GovernanceCode, new Set([...nCode.keys(), ...codeCounts.keys()])),
      findByIds(em, Agreement, new Set([...nAgreement.keys(), ...agreementCounts.keys()])),
      loadMoments(em, [...overdueByProvision.values(), ...overdueByAgreement.values(), ...overdueAll.values()].flat()),
    ]);

    const provisionLines = [...provisions.values()].map((provision): ProvisionCompliance & { codeId: string } => {
      const counts = provisionCounts.get(provision.id) ?? emptyCounts();
      return {
        codeId: provision.code.id,
        provision,
        status: rollUp(counts),
        obligationCount: nProvision.get(provision.id) ?? 0,
        moments: new StatusCounts(counts),
        overdue: moments(overdueByProvision.get(provision.id)),
      };
    });
    const codeLines: CodeCompliance[] = [...codes.values()]
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
      .map((code) => {
        const counts = codeCounts.get(code.id) ?? emptyCounts();
        return {
          code,
          status: rollUp(counts),
          obligationCount: nCode.get(code.id) ?? 0,
          moments: new StatusCounts(counts),
          provisions: provisionLines
            .filter((p) => p.codeId === code.id)
            .sort((a, b) => a.provision.position - b.provision.position || a.provision.reference.localeCompare(b.provision.reference, undefined, { numeric: true })),
        };
      });
    const agreementLines: AgreementCompliance[] = [...agreements.values()]
      .sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
      .map((agreement) => {
        const counts = agreementCounts.get(agreement.id) ?? emptyCounts();
        return {
          agreement,
          status: rollUp(counts),
          obligationCount: nAgreement.get(agreement.id) ?? 0,
          moments: new StatusCounts(counts),
          overdue: moments(overdueByAgreement.get(agreement.id)),
        };
      });
    const totals = summed(total);
    return Object.assign(new ComplianceReport(), {
      asOf,
      period,
      status: rollUp(totals),
      moments: new StatusCounts(totals),
      codes: codeLines,
      agreements: agreementLines,
      overdueCount: totals.OVERDUE,
      overdue: moments(overdueAll.get('')),
    });
  }

  async overview(em: EntityManager, asOf: LocalDate, withinDays: number, from: LocalDate | null, limit: number): Promise<AccountabilityOverview> {
    const until = addDays(asOf, withinDays);
    const period = { from: from ?? `${asOf.slice(0, 4)}-01-01`, to: until };
    const q = new ReportSql(em, asOf, period);
    const day = dayLiteral(asOf);
    // Overdue whatever the due date: a wide period, with the index on due_on doing the work.
    const ever = new ReportSql(em, asOf, { from: '0001-01-01', to: addDays(asOf, -1) });
    const next = new ReportSql(em, asOf, { from: asOf, to: until });
    const notDealtWith = `${q.status} in ('DUE_SOON', 'UPCOMING')`;
    const [counts, overdueCount, dueNextCount, overdueIds, dueNextIds] = await Promise.all([
      q.counts("''"),
      selectRows<{ n: unknown }>(em, `select count(*) as n ${ever.moments('', `${ever.status} = 'OVERDUE'`)}`),
      selectRows<{ n: unknown }>(em, `select count(*) as n ${next.moments('', notDealtWith)}`),
      selectRows<{ id: string }>(em, `select m.id as id ${ever.moments('', `${ever.status} = 'OVERDUE'`)} order by m.due_on, m.id limit ${Number(limit)}`),
      selectRows<{ id: string }>(em, `select m.id as id ${next.moments('', `${notDealtWith} and m.due_on >= ${day}`)} order by m.due_on, m.id limit ${Number(limit)}`),
    ]);
    const moments = await loadMoments(em, [...overdueIds, ...dueNextIds].map((r) => r.id));
    const totals = summed(counts);
    return Object.assign(new AccountabilityOverview(), {
      asOf,
      period,
      status: rollUp(totals),
      moments: new StatusCounts(totals),
      overdueCount: toInt(overdueCount[0]?.n),
      overdue: moments(overdueIds.map((r) => r.id)),
      dueNextCount: toInt(dueNextCount[0]?.n),
      dueNext: moments(dueNextIds.map((r) => r.id)),
    });
  }

  async audience(
    em: EntityManager,
    target: { stakeholderId?: string | null; categoryId?: string | null; categoryKey?: string | null },
    period: Period,
    asOf: LocalDate,
  ): Promise<AudienceAccountability> {
    const stakeholder = target.stakeholderId ? await findOrFail(em, Stakeholder, target.stakeholderId, 'stakeholderId') : null;
    let category = target.categoryId ? await findOrFail(em, StakeholderCategory, target.categoryId, 'categoryId') : null;
    if (target.categoryKey) {
      category = await em.findOne(StakeholderCategory, { key: target.categoryKey });
      if (!category) throw new NotFoundError('StakeholderCategory', target.categoryKey, 'categoryKey');
    }
    const owed = stakeholder
      ? `(o.id in (select obligation_id from obligation_audience_stakeholders where stakeholder_id = ?)
          or o.id in (select obligation_id from obligation_audience_categories where stakeholder_category_id = ?))`
      : `(o.id in (select obligation_id from obligation_audience_categories where stakeholder_category_id = ?)
          or o.id in (select x.obligation_id from obligation_audience_stakeholders x join stakeholder s on s.id = x.stakeholder_id where s.category_id = ?))`;
    const params = stakeholder ? [stakeholder.id, stakeholder.category.id] : [category!.id, category!.id];
    const q = new ReportSql(em, asOf, period);
    const day = dayLiteral(asOf);
    const [rows, obligationRows] = await Promise.all([
      q.counts('o.id', '', owed, params),
      selectRows<{ id: string; last_held: string | null; next_due: string | null }>(
        em,
        `select o.id as id,
           max(case when m.held_on <= ${day} then m.held_on end) as last_held,
           min(case when m.due_on > ${day} and (m.held_on is null or m.held_on > ${day}) and (m.waived_on is null or m.waived_on > ${day}) then m.due_on end) as next_due
         from obligation o left join accountability_moment m on m.obligation_id = o.id
         where ${q.activeObligation()} and ${owed} group by o.id`,
        params,
      ),
    ]);
    const counts = countsByKey(rows);
    const obligations = await findByIds(em, Obligation, obligationRows.map((r) => r.id));
    const lines = obligationRows
      .map((r) => {
        const c = counts.get(r.id) ?? emptyCounts();
        return {
          obligation: obligations.get(r.id)!,
          status: rollUp(c),
          moments: new StatusCounts(c),
          lastHeldOn: r.last_held ? String(r.last_held).slice(0, 10) : null,
          nextDueOn: r.next_due ? String(r.next_due).slice(0, 10) : null,
        };
      })
      .sort((a, b) => a.obligation.title.localeCompare(b.obligation.title) || a.obligation.id.localeCompare(b.obligation.id));
    const totals = summed(rows);
    return Object.assign(new AudienceAccountability(), {
      stakeholder,
      category,
      asOf,
      period,
      status: rollUp(totals),
      moments: new StatusCounts(totals),
      obligations: lines,
    });
  }

  async annual(em: EntityManager, year: number, asOf: LocalDate, limit: number): Promise<AnnualReport> {
    const period = { from: `${year}-01-01`, to: `${year}-12-31` };
    const q = new ReportSql(em, asOf, period);
    const { from } = q;
    const day = dayLiteral(asOf);
    // Events count only once they had happened by asOf: the same question gives the same answer later.
    const to = dayLiteral(asOf < period.to ? asOf : period.to);
    const interactionsInYear = `i.archived_at is null and i.occurred_on >= ${from} and i.occurred_on <= ${to}`;
    const interestsInYear = `t.archived_at is null and ((t.identified_on >= ${from} and t.identified_on <= ${to}) or (t.responded_on >= ${from} and t.responded_on <= ${to}))`;
    const explainedBy = `o.application = 'EXPLAIN' and o.explained_on is not null and o.explained_on <= ${day}`;
    const [
      perCategory, interactionsPerCategory, interactionCount, engagedCount, interestCounts, interestIds, goals, momentRows, heldCount, formRows,
      provisionRows, provisionObligations, explainedRows,
    ] = await Promise.all([
      selectRows<{ k: string; stakeholders: unknown; engaged: unknown }>(
        em,
        `select s.category_id as k, count(*) as stakeholders,
           sum(case when exists (select 1 from interaction_stakeholders x join interaction i on i.id = x.interaction_id where x.stakeholder_id = s.id and ${interactionsInYear}) then 1 else 0 end) as engaged
         from stakeholder s where s.archived_at is null group by s.category_id`,
      ),
      selectRows<{ k: string; n: unknown }>(
        em,
        `select s.category_id as k, count(distinct i.id) as n from interaction i join interaction_stakeholders x on x.interaction_id = i.id
         join stakeholder s on s.id = x.stakeholder_id where ${interactionsInYear} and s.archived_at is null group by 1`,
      ),
      selectRows<{ n: unknown }>(em, `select count(*) as n from interaction i where ${interactionsInYear}`),
      selectRows<{ n: unknown }>(
        em,
        `select count(distinct x.stakeholder_id) as n from interaction_stakeholders x join interaction i on i.id = x.interaction_id
         join stakeholder s on s.id = x.stakeholder_id where ${interactionsInYear} and s.archived_at is null`,
      ),
      selectRows<{ n: unknown; answered: unknown }>(
        em,
        `select count(*) as n, sum(case when t.response is not null and t.responded_on is not null and t.responded_on <= ${day} then 1 else 0 end) as answered
         from interest t where ${interestsInYear}`,
      ),
      selectRows<{ id: string }>(
        em,
        `select t.id as id from interest t where ${interestsInYear}
         order by case t.importance when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 else 3 end, t.identified_on, t.id limit ${Number(limit)}`,
      ),
      em.find(
        StrategicGoal,
        { archivedAt: null, periodStart: { $lte: period.to }, $or: [{ periodEnd: null }, { periodEnd: { $gte: period.from } }] },
        { orderBy: [{ title: 'asc' }, { id: 'asc' }], limit },
      ),
      q.counts("''"),
      selectRows<{ n: unknown }>(
        em,
        `select count(*) as n from accountability_moment m join obligation o on o.id = m.obligation_id
         where o.archived_at is null and m.held_on >= ${from} and m.held_on <= ${to} and m.held_on <= ${day}`,
      ),
      q.counts('o.form'),
      q.counts('op.code_provision_id', 'join obligation_provisions op on op.obligation_id = o.id'),
      selectRows<{ k: string; total: unknown; explained: unknown }>(
        em,
        `select op.code_provision_id as k, count(*) as total, sum(case when ${explainedBy} then 1 else 0 end) as explained
         from obligation_provisions op join obligation o on o.id = op.obligation_id where ${q.activeObligation()} group by 1`,
      ),
      selectRows<{ k: string; id: string }>(
        em,
        `select op.code_provision_id as k, o.id as id from obligation_provisions op join obligation o on o.id = op.obligation_id
         where ${q.activeObligation()} and ${explainedBy}`,
      ),
    ]);

    const interactionsByCategory = new Map(interactionsPerCategory.map((r) => [r.k, toInt(r.n)]));
    const [categories, interests, provisions, explainedObligations] = await Promise.all([
      findByIds(em, StakeholderCategory, perCategory.map((r) => r.k)),
      findByIds(em, Interest, interestIds.map((r) => r.id)),
      findByIds(em, CodeProvision, provisionObligations.map((r) => r.k)),
      findByIds(em, Obligation, explainedRows.map((r) => r.id)),
    ]);
    const codes = await findByIds(em, GovernanceCode, [...provisions.values()].map((p) => p.code.id));
    const provisionCounts = countsByKey(provisionRows);
    const formCounts = countsByKey(formRows);

    return Object.assign(new AnnualReport(), {
      year,
      asOf,
      period,
      engagement: perCategory
        .map((r) => ({
          category: categories.get(r.k)!,
          stakeholderCount: toInt(r.stakeholders),
          engagedStakeholderCount: toInt(r.engaged),
          interactionCount: interactionsByCategory.get(r.k) ?? 0,
        }))
        .sort((a, b) => a.category.name.localeCompare(b.category.name) || a.category.id.localeCompare(b.category.id)),
      interactionCount: toInt(interactionCount[0]?.n),
      engagedStakeholderCount: toInt(engagedCount[0]?.n),
      interestCount: toInt(interestCounts[0]?.n),
      answeredInterestCount: toInt(interestCounts[0]?.answered),
      interests: interestIds.map((r) => interests.get(r.id)!),
      goals,
      moments: new StatusCounts(summed(momentRows)),
      heldCount: toInt(heldCount[0]?.n),
      byForm: Object.values(AccountabilityForm)
        .filter((form) => formCounts.has(form))
        .map((form) => ({ form, moments: new StatusCounts(formCounts.get(form)) })),
      applyOrExplain: provisionObligations
        .map((r) => {
          const provision = provisions.get(r.k)!;
          const explained = explainedRows.filter((e) => e.k === r.k).map((e) => explainedObligations.get(e.id)!);
          return {
            code: codes.get(provision.code.id)!,
            provision,
            appliedCount: toInt(r.total) - toInt(r.explained),
            explainedCount: toInt(r.explained),
            explained: explained.sort((a, b) => a.title.localeCompare(b.title)),
            status: rollUp(provisionCounts.get(r.k) ?? emptyCounts()),
          };
        })
        .sort(
          (a, b) =>
            a.code.title.localeCompare(b.code.title) ||
            a.provision.position - b.provision.position ||
            a.provision.reference.localeCompare(b.provision.reference, undefined, { numeric: true }),
        ),
      disclosures: DISCLOSURES,
    });
  }
}
