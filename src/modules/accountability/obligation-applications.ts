import type { EntityManager } from '@mikro-orm/core';
import type { Loaders } from '../../shared/loaders';
import { ObligationApplication } from './obligation-application.entity';

/**
 * An obligation's decisions to apply or explain, by its id: one statement for all the
 * obligations asked about in one tick, whether the caller holds the entity or a report's row.
 */
export function applicationsOf(ctx: { em: EntityManager; loaders: Loaders }, obligationId: string): Promise<readonly ObligationApplication[]> {
  return ctx.loaders.batch(
    'obligation.applications',
    async (ids: readonly string[]) => {
      const found = await ctx.em.find(ObligationApplication, { obligation: { $in: [...ids] } });
      const byObligation = new Map<string, ObligationApplication[]>(ids.map((id) => [id, []]));
      for (const a of found) byObligation.get(a.obligation.id)?.push(a);
      return ids.map((id) => byObligation.get(id)!);
    },
    obligationId,
  );
}
