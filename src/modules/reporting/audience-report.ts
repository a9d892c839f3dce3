import type { EntityManager } from '@mikro-orm/core';
import { findOrFail } from '../../shared/crud';
import type { LocalDate } from '../../shared/dates';
import { NotFoundError } from '../../shared/errors';
import { selectRows } from '../../shared/sql';
import { MomentStatus } from '../accountability/moment-status';
import { Obligation } from '../accountability/obligation.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { emptyCounts, rollUp } from './compliance';
import { countsByKey, findByIds, ReportSql, summed, type Period } from './report-sql';
import { AudienceAccountability, StatusCounts } from './report.types';
import { byTitle } from '../../shared/order';

export interface AudienceTarget {
  stakeholderId?: string | null;
  categoryId?: string | null;
  categoryKey?: string | null;
}

type ObligationRow = { id: string; last_held: string | null; next_due: string | null };

async function findAudience(em: EntityManager, target: AudienceTarget): Promise<{ stakeholder: Stakeholder | null; category: StakeholderCategory | null }> {
  const stakeholder = target.stakeholderId ? await findOrFail(em, Stakeholder, target.stakeholderId, 'stakeholderId') : null;
  let category = target.categoryId ? await findOrFail(em, StakeholderCategory, target.categoryId, 'categoryId') : null;
  if (target.categoryKey) {
    category = await em.findOne(StakeholderCategory, { key: target.categoryKey });
    if (!category) throw new NotFoundError('StakeholderCategory', target.categoryKey, 'categoryKey');
  }
  return { stakeholder, category };
}

/** Obligation `o` is owed to the stakeholder (directly or through its category), or to the category (directly or through its stakeholders). */
function owedTo(stakeholder: Stakeholder | null, category: StakeholderCategory | null): [string, unknown[]] {
  if (stakeholder) {
    return [
      `(o.id in (select obligation_id from obligation_audience_stakeholders where stakeholder_id = ?)
        or o.id in (select obligation_id from obligation_audience_categories where stakeholder_category_id = ?))`,
      [stakeholder.id, stakeholder.category.id],
    ];
  }
  return [
    `(o.id in (select obligation_id from obligation_audience_categories where stakeholder_category_id = ?)
      or o.id in (select x.obligation_id from obligation_audience_stakeholders x join stakeholder s on s.id = x.stakeholder_id where s.category_id = ?))`,
    [category!.id, category!.id],
  ];
}

/** Per obligation owed: the last day a moment was held by asOf, and the next due day of a moment not held or waived by then. */
function obligationRows(q: ReportSql, owed: string, params: unknown[]): Promise<ObligationRow[]> {
  const held = `${q.status} in ('${MomentStatus.MET}', '${MomentStatus.MET_LATE}')`;
  const open = `${q.status} not in ('${MomentStatus.MET}', '${MomentStatus.MET_LATE}', '${MomentStatus.WAIVED}')`;
  return selectRows<ObligationRow>(
    q.em,
    `select o.id as id,
       max(case when ${held} then m.held_on end) as last_held,
       min(case when m.due_on > ${q.day} and ${open} then m.due_on end) as next_due
     from obligation o left join accountability_moment m on m.obligation_id = o.id
     where ${q.activeObligation()} and ${owed} group by o.id`,
    params,
  );
}

const asDay = (value: string | null) => (value ? String(value).slice(0, 10) : null);

/** What is owed to one stakeholder or category, and whether it was delivered. */
export async function audienceReport(em: EntityManager, target: AudienceTarget, period: Period, asOf: LocalDate): Promise<AudienceAccountability> {
  const { stakeholder, category } = await findAudience(em, target);
  const [owed, params] = owedTo(stakeholder, category);
  const q = new ReportSql(em, asOf, period);
  const [rows, owedRows] = await Promise.all([q.counts('o.id', '', owed, params), obligationRows(q, owed, params)]);
  const counts = countsByKey(rows);
  const obligations = await findByIds(em, Obligation, owedRows.map((r) => r.id));
  const lines = owedRows
    .map((r) => {
      const c = counts.get(r.id) ?? emptyCounts();
      return { obligation: obligations.get(r.id)!, status: rollUp(c), moments: new StatusCounts(c), lastHeldOn: asDay(r.last_held), nextDueOn: asDay(r.next_due) };
    })
    .sort((a, b) => byTitle(a.obligation, b.obligation));
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
