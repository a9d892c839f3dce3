import type { EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../../shared/dates';
import { placeholders, selectRows, toInt } from '../../shared/sql';
import { andVisible } from '../../shared/visibility';
import { CommitmentStatus, commitmentStatusSql } from './commitment-status';
import { Commitment } from './commitment.entity';

// For the reports (accountabilityTo, the overview, the annual report): the commitments made to a
// set of stakeholders (or to anyone) by `asOf`, counted by status in the database with the status
// rule's SQL twin, and the ones in the chosen statuses listed. Four statements whatever the
// register's size: the counts per stakeholder, the counts overall (a commitment made to two
// stakeholders counts once), the ids listed, and those commitments. Archived commitments are
// left out, as archived records are everywhere in the reports.

export type StatusCounts = Record<CommitmentStatus, number>;

export interface CommitmentSummaryOptions {
  asOf: LocalDate;
  /** Only commitments made to at least one of these stakeholders; all stakeholders when null or left out. */
  stakeholderIds?: readonly string[] | null;
  /** Which commitments to list; OVERDUE when left out. */
  listStatuses?: readonly CommitmentStatus[];
  /** At most this many listed, earliest due first (then id); 100 when left out. */
  listLimit?: number;
}

export interface ListedCommitment {
  commitment: Commitment;
  status: CommitmentStatus;
}

export interface CommitmentSummary {
  asOf: LocalDate;
  /** Commitments made by `asOf`, each once. */
  total: number;
  /** How many have each status on `asOf` (every status present, 0 when none). */
  counts: StatusCounts;
  /** The same counts per stakeholder asked for (or every stakeholder with a commitment); a commitment counts for each of its stakeholders. */
  byStakeholder: Map<string, StatusCounts>;
  /** The commitments in `listStatuses`, earliest due first, at most `listLimit`; their stakeholders are loaded. */
  listed: ListedCommitment[];
  /** How many are in `listStatuses` in all (more than `listed.length` when the limit cut the list). */
  listedTotal: number;
}

export function emptyCounts(): StatusCounts {
  return Object.fromEntries(Object.values(CommitmentStatus).map((s) => [s, 0])) as StatusCounts;
}

/** The commitments made to `stakeholderIds` (or all) by `asOf`, counted and listed by status; see above. */
export async function summariseCommitments(em: EntityManager, options: CommitmentSummaryOptions): Promise<CommitmentSummary> {
  const { asOf } = options;
  const ids = options.stakeholderIds ?? null;
  const listStatuses = options.listStatuses ?? [CommitmentStatus.OVERDUE];
  const limit = Math.max(0, Math.floor(options.listLimit ?? 100));
  const status = commitmentStatusSql(asOf, 'c');
  // Made by asOf: the status is NULL before that. Only those the caller sees (a portfolio scope),
  // and counted only for stakeholders they see.
  const made = `${status} is not null and c.archived_at is null${andVisible(em, 'Commitment', 'c')}`;
  const visibleStakeholder = andVisible(em, 'Stakeholder', 'vs');
  const seenStakeholder = visibleStakeholder ? `and p.stakeholder_id in (select vs.id from stakeholder vs where true${visibleStakeholder})` : '';
  const toSet = ids ? `and exists (select 1 from commitment_stakeholders q where q.commitment_id = c.id and q.stakeholder_id in (${placeholders(ids)}))` : '';
  const params = ids ? [...ids] : [];

  const perStakeholder = await selectRows<{ stakeholder_id: string; status: string; n: unknown }>(
    em,
    `select p.stakeholder_id, ${status} as status, count(*) as n from commitment c join commitment_stakeholders p on p.commitment_id = c.id
      where ${made} ${ids ? `and p.stakeholder_id in (${placeholders(ids)})` : ''} ${seenStakeholder}
      group by p.stakeholder_id, ${status}`,
    params,
  );
  const overall = await selectRows<{ status: string; n: unknown }>(
    em,
    `select ${status} as status, count(*) as n from commitment c where ${made} ${toSet} group by ${status}`,
    params,
  );
  const listedRows = await selectRows<{ id: string; status: string }>(
    em,
    `select c.id, ${status} as status from commitment c where ${made} ${toSet} and ${status} in (${placeholders(listStatuses)})
      order by c.due_on, c.id limit ${limit}`,
    [...params, ...listStatuses],
  );

  const counts = emptyCounts();
  for (const r of overall) counts[r.status as CommitmentStatus] = toInt(r.n);
  const byStakeholder = new Map<string, StatusCounts>((ids ?? []).map((id) => [id, emptyCounts()]));
  for (const r of perStakeholder) {
    const key = String(r.stakeholder_id);
    if (!byStakeholder.has(key)) byStakeholder.set(key, emptyCounts());
    byStakeholder.get(key)![r.status as CommitmentStatus] = toInt(r.n);
  }
  const listedIds = listedRows.map((r) => String(r.id));
  const found = listedIds.length ? await em.find(Commitment, { id: { $in: listedIds } }, { populate: ['stakeholders'] }) : [];
  const byId = new Map(found.map((c) => [c.id, c]));
  return {
    asOf,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    counts,
    byStakeholder,
    listed: listedRows.map((r) => ({ commitment: byId.get(String(r.id))!, status: r.status as CommitmentStatus })),
    listedTotal: listStatuses.reduce((n, s) => n + counts[s], 0),
  };
}
