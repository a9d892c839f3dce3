import type { RequestContext } from '../../context';
import type { LocalDate } from '../../shared/dates';
import { dayLiteral, placeholders, selectRows } from '../../shared/sql';
import { Commitment } from './commitment.entity';
import { allOf } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';

// Batch loaders for the commitment lists on other types (a stakeholder's file, an interaction, a
// moment): the owners asked for in one tick are answered together, in two statements for
// stakeholders (which commitment belongs to whom, then the commitments) and one for the places,
// whatever the number of owners. Both lists are ordered by due day, then id.

const ORDER = [{ dueOn: 'asc' }, { id: 'asc' }] as const;

/** The active commitments made to stakeholder `stakeholderId` on or before `asOf`. */
export function commitmentsOfStakeholders(ctx: RequestContext, stakeholderId: string, asOf: LocalDate): Promise<Commitment[]> {
  return ctx.loaders.batch<string, Commitment[]>(
    `Stakeholder.commitments@${asOf}`,
    async (ids) => {
      const pairs = await selectRows<{ stakeholder_id: string; commitment_id: string }>(
        ctx.em,
        `select p.stakeholder_id, p.commitment_id from commitment_stakeholders p join commitment c on c.id = p.commitment_id
          where p.stakeholder_id in (${placeholders(ids)}) and c.archived_at is null and c.made_on <= ${dayLiteral(asOf)}
          order by c.due_on, c.id`,
        [...ids],
      );
      const commitmentIds = [...new Set(pairs.map((p) => String(p.commitment_id)))];
      const found = commitmentIds.length ? await ctx.em.find(Commitment, { id: { $in: commitmentIds } }) : [];
      const byId = new Map(found.map((c) => [c.id, c]));
      const byOwner = new Map<string, Commitment[]>(ids.map((id) => [id, []]));
      for (const p of pairs) byOwner.get(String(p.stakeholder_id))?.push(byId.get(String(p.commitment_id))!);
      return ids.map((id) => byOwner.get(id)!);
    },
    stakeholderId,
  );
}

/** Every commitment (archived ones too) made in interaction or moment `id`. */
export function commitmentsMadeIn(ctx: RequestContext, place: 'interaction' | 'accountabilityMoment', id: string): Promise<Commitment[]> {
  return ctx.loaders.batch<string, Commitment[]>(
    `${place}.commitments`,
    async (ids) => {
      // Made there, and visible in their own right: a commitment to stakeholders outside the caller's portfolio is left out.
      const found = await ctx.em.find(Commitment, allOf<Commitment>({ [place]: { $in: [...ids] } }, visibleWhere(ctx.em, Commitment)), { orderBy: [...ORDER] });
      const byOwner = new Map<string, Commitment[]>(ids.map((k) => [k, []]));
      for (const c of found) byOwner.get(c[place]!.id)?.push(c);
      return ids.map((k) => byOwner.get(k)!);
    },
    id,
  );
}
