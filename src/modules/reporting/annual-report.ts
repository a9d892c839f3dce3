import type { EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../../shared/dates';
import { dayLiteral, selectRows, toInt } from '../../shared/sql';
import { AccountabilityForm } from '../accountability/accountability.enums';
import { explainedSql } from '../accountability/moment-status';
import { obligationRowColumns, ObligationRow } from '../accountability/moment-row';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';
import { Interest } from '../interest/interest.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { emptyCounts, rollUp } from './compliance';
import { DISCLOSURES } from './disclosures';
import { byProvisionOrder, countsByKey, findByIds, numbersByKey, ReportSql, summed, type CountRow } from './report-sql';
import { AnnualReport, StatusCounts } from './report.types';
import { byName, byTitle } from '../../shared/order';
import { shareOf } from '../../shared/percent';
import { allOf } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';

// The annual report's chapter, in four parts: engagement per category, interests raised and
// answered, goals, and accountability (moments, by form, apply-or-explain per provision).

/** The report year, with `upTo`: events count only once they had happened by asOf, so the same question gives the same answer later. */
class YearSql extends ReportSql {
  readonly upTo: string;

  constructor(em: EntityManager, asOf: LocalDate, readonly year: { from: LocalDate; to: LocalDate }) {
    super(em, asOf, year);
    this.upTo = dayLiteral(asOf < year.to ? asOf : year.to);
  }

  /** Interaction `i` (not archived, and one the caller sees) took place in the year. */
  get interactions(): string {
    return `i.archived_at is null${this.visible('Interaction', 'i')} and i.occurred_on >= ${this.from} and i.occurred_on <= ${this.upTo}`;
  }

  /** Interest `t` (not archived, and one the caller sees) was identified or answered in the year. */
  get interests(): string {
    return `t.archived_at is null${this.visible('Interest', 't')} and ((t.identified_on >= ${this.from} and t.identified_on <= ${this.upTo}) or (t.responded_on >= ${this.from} and t.responded_on <= ${this.upTo}))`;
  }

  async number(sql: string): Promise<number> {
    return toInt((await selectRows<{ n: unknown }>(this.em, sql))[0]?.n);
  }
}

async function engagement(q: YearSql) {
  // Driven from the year's interactions (by occurred_on), never per stakeholder: a correlated
  // EXISTS per stakeholder read every pivot row of every stakeholder, each with a lookup of
  // its interaction, and grew faster than the register.
  const [perCategory, interactionsPerCategory, interactionCount] = await Promise.all([
    selectRows<{ k: string; stakeholders: unknown; engaged: unknown }>(
      q.em,
      `select s.category_id as k, count(*) as stakeholders, count(e.stakeholder_id) as engaged
       from stakeholder s left join (select distinct x.stakeholder_id as stakeholder_id from interaction i join interaction_stakeholders x on x.interaction_id = i.id where ${q.interactions}) e
         on e.stakeholder_id = s.id
       where s.archived_at is null${q.visible('Stakeholder', 's')} group by s.category_id`,
    ),
    selectRows<{ k: string; n: unknown }>(
      q.em,
      `select s.category_id as k, count(distinct i.id) as n from interaction i join interaction_stakeholders x on x.interaction_id = i.id
       join stakeholder s on s.id = x.stakeholder_id where ${q.interactions} and s.archived_at is null${q.visible('Stakeholder', 's')} group by 1`,
    ).then(numbersByKey),
    q.number(`select count(*) as n from interaction i where ${q.interactions}`),
  ]);
  // Each stakeholder is in one category: the engaged ones of all categories, summed, are the engaged ones.
  const engagedStakeholderCount = perCategory.reduce((n, r) => n + toInt(r.engaged), 0);
  const categories = await findByIds(q.em, StakeholderCategory, perCategory.map((r) => r.k));
  const lines = perCategory.map((r) => ({
    category: categories.get(r.k)!,
    stakeholderCount: toInt(r.stakeholders),
    engagedStakeholderCount: toInt(r.engaged),
    engagedPercent: shareOf(toInt(r.engaged), toInt(r.stakeholders)),
    interactionCount: interactionsPerCategory.get(r.k) ?? 0,
  }));
  lines.sort((a, b) => byName(a.category, b.category));
  return { engagement: lines, interactionCount, engagedStakeholderCount };
}

async function interests(q: YearSql, limit: number) {
  const [[counts], ids] = await Promise.all([
    selectRows<{ n: unknown; answered: unknown }>(
      q.em,
      `select count(*) as n, sum(case when t.response is not null and t.responded_on is not null and t.responded_on <= ${q.day} then 1 else 0 end) as answered
       from interest t where ${q.interests}`,
    ),
    selectRows<{ id: string }>(
      q.em,
      `select t.id as id from interest t where ${q.interests}
       order by case t.importance when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 else 3 end, t.identified_on, t.id limit ${Number(limit)}`,
    ),
  ]);
  const byId = await findByIds(q.em, Interest, ids.map((r) => r.id));
  const interestCount = toInt(counts?.n);
  const answeredInterestCount = toInt(counts?.answered);
  return { interestCount, answeredInterestCount, answeredInterestPercent: shareOf(answeredInterestCount, interestCount), interests: ids.map((r) => byId.get(r.id)!) };
}

function goals(q: YearSql, limit: number): Promise<StrategicGoal[]> {
  const { from, to } = q.year;
  return q.em.find(
    StrategicGoal,
    allOf<StrategicGoal>(visibleWhere(q.em, StrategicGoal), { archivedAt: null, periodStart: { $lte: to }, $or: [{ periodEnd: null }, { periodEnd: { $gte: from } }] }),
    { orderBy: [{ title: 'asc' }, { id: 'asc' }], limit },
  );
}

/**
 * The year's moments in one pass: the status of each is computed once (a materialised CTE),
 * then counted per form (summed, the year's total) and per provision.
 */
async function yearMoments(q: YearSql): Promise<{ form: CountRow[]; provision: CountRow[] }> {
  const rows = await selectRows<CountRow & { kind: string }>(
    q.em,
    `with s as materialized (select m.obligation_id as obligation_id, o.form as form, ${q.status} as status ${q.moments()})
     select 'form' as kind, cast(s.form as text) as k, s.status as status, count(*) as n from s group by s.form, s.status
     union all
     select 'provision', cast(op.code_provision_id as text), s.status, count(*) from s join obligation_provisions op on op.obligation_id = s.obligation_id group by op.code_provision_id, s.status`,
  );
  return { form: rows.filter((r) => r.kind === 'form'), provision: rows.filter((r) => r.kind === 'provision') };
}

async function accountability(q: YearSql, counted: Promise<{ form: CountRow[] }>) {
  const [momentRows, heldCount] = await Promise.all([
    counted.then((c) => c.form),
    q.number(
      `select count(*) as n from accountability_moment m join obligation o on o.id = m.obligation_id
       where o.archived_at is null${q.visibleObligation} and m.held_on >= ${q.from} and m.held_on <= ${q.upTo}`,
    ),
  ]);
  const formRows = countsByKey(momentRows);
  return {
    moments: new StatusCounts(summed(momentRows)),
    heldCount,
    byForm: Object.values(AccountabilityForm)
      .filter((form) => formRows.has(form))
      .map((form) => ({ form, moments: new StatusCounts(formRows.get(form)) })),
  };
}

const EXPLAINED_PER_LINE = 20;
const EXPLAINED_IN_REPORT = 100;

/** Per provision: how many obligations that apply in the year are applied and how many explained for the year (as decided by asOf), with the explained ones. */
async function applyOrExplain(q: YearSql, counted: Promise<{ provision: CountRow[] }>) {
  // Explained for the year: the decision in force on its last day (or asOf, if earlier), as decided by asOf.
  const explained = explainedSql(q.asOf, 'o', q.upTo);
  const provisionObligations = `from obligation_provisions op join obligation o on o.id = op.obligation_id where ${q.activeObligation()}`;
  const [statusRows, perProvision, explainedRows] = await Promise.all([
    counted.then((c) => countsByKey(c.provision)),
    selectRows<{ k: string; total: unknown; explained: unknown }>(
      q.em,
      `select op.code_provision_id as k, count(*) as total, sum(case when ${explained} then 1 else 0 end) as explained ${provisionObligations} group by 1`,
    ),
    // Read as rows with the obligation's columns: only a few of them are listed (see below).
    selectRows<Record<string, unknown> & { k: string }>(q.em, `select op.code_provision_id as k, ${obligationRowColumns()} ${provisionObligations} and ${explained}`),
  ]);
  const provisions = await findByIds(q.em, CodeProvision, perProvision.map((r) => r.k));
  const obligations = new Map<string, ObligationRow>();
  const explainedPer = new Map<string, ObligationRow[]>();
  for (const r of explainedRows) {
    const id = String(r.o_id);
    const row = obligations.get(id) ?? obligations.set(id, new ObligationRow(r)).get(id)!;
    (explainedPer.get(String(r.k)) ?? explainedPer.set(String(r.k), []).get(String(r.k))!).push(row);
  }
  const codes = await findByIds(q.em, GovernanceCode, [...provisions.values()].map((p) => p.code.id));
  const lines = perProvision.map((r) => {
    const provision = provisions.get(r.k)!;
    return {
      code: codes.get(provision.code.id)!,
      provision,
      appliedCount: toInt(r.total) - toInt(r.explained),
      explainedCount: toInt(r.explained),
      explained: (explainedPer.get(String(r.k)) ?? []).sort(byTitle).slice(0, EXPLAINED_PER_LINE),
      status: rollUp(statusRows.get(r.k) ?? emptyCounts()),
    };
  });
  lines.sort((a, b) => a.code.title.localeCompare(b.code.title) || byProvisionOrder(a.provision, b.provision));
  // The list's declared bounds (report.types.ts): 20 per line, 100 in the report, in line order.
  let left = EXPLAINED_IN_REPORT;
  for (const l of lines) {
    l.explained = l.explained.slice(0, left);
    left -= l.explained.length;
  }
  return lines;
}

/** The data for the annual report's chapter on accountability to stakeholders, for one year as things stood on asOf. */
export async function annualReport(em: EntityManager, year: number, asOf: LocalDate, limit: number): Promise<AnnualReport> {
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const q = new YearSql(em, asOf, period);
  const counted = yearMoments(q);
  const [engaged, raised, goalList, held, provisions] = await Promise.all([engagement(q), interests(q, limit), goals(q, limit), accountability(q, counted), applyOrExplain(q, counted)]);
  return Object.assign(new AnnualReport(), {
    year,
    asOf,
    period,
    ...engaged,
    ...raised,
    goals: goalList,
    ...held,
    applyOrExplain: provisions,
    disclosures: DISCLOSURES,
  });
}
