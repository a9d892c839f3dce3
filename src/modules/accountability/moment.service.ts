import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { findOrFail, replaceLinks } from '../../shared/crud';
import { ConflictError, badInput } from '../../shared/errors';
import { allOf, sqlCondition } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { dialectOf, placeholders } from '../../shared/sql';
import type { LocalDate } from '../../shared/dates';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { EvidenceDocument, EvidenceKind } from './evidence-document.entity';
import { momentStatusSql } from './moment-status';
import { MomentSort, type EvidenceInput, type MomentFilter, type RecordMomentHeldInput } from './obligation.inputs';

const SORTS: Record<MomentSort, Record<string, 'asc' | 'desc'>[]> = {
  DUE_ASC: [{ dueOn: 'asc' }, { id: 'asc' }],
  DUE_DESC: [{ dueOn: 'desc' }, { id: 'desc' }],
};

/**
 * Adds evidence to a moment, add-only: a correction names the entry it supersedes, which must
 * be one of this moment's that nothing corrected yet. `path` is the input list's (for errors).
 */
async function addEvidence(em: EntityManager, moment: AccountabilityMoment, documents: readonly EvidenceInput[], today: LocalDate, path: string): Promise<void> {
  const corrected = new Set<string>();
  for (const [i, d] of documents.entries()) {
    const at = `${path}.${i}`;
    if (d.documentDate > today) throw badInput(`${at}.documentDate`, `a document cannot be dated in the future (today is ${today})`);
    const doc = new EvidenceDocument();
    doc.moment = moment;
    doc.title = d.title.trim();
    doc.reference = d.reference.trim();
    doc.kind = d.kind ?? EvidenceKind.OTHER;
    doc.documentDate = d.documentDate;
    doc.periodFrom = d.periodFrom ?? null;
    doc.periodTo = d.periodTo ?? null;
    if (d.supersedesId) {
      const old = await findOrFail(em, EvidenceDocument, d.supersedesId, `${at}.supersedesId`);
      if (old.moment.id !== moment.id) throw badInput(`${at}.supersedesId`, 'a correction supersedes evidence of the same moment');
      const already = corrected.has(old.id) || (await em.count(EvidenceDocument, { supersedesId: old.id })) > 0;
      if (already) throw new ConflictError('that entry was corrected already: supersede the correction instead', `${at}.supersedesId`);
      corrected.add(old.id);
      doc.supersedesId = old.id;
    }
    em.persist(doc);
  }
}

export class MomentService {
  list(em: EntityManager, filter: MomentFilter | null | undefined, asOf: LocalDate, sort: MomentSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const statuses = f.statuses;
    const where = () => allOf<AccountabilityMoment>(
      visibleWhere(em, AccountabilityMoment),
      // Moments of archived obligations are out of the register's view, like in the reports.
      { obligation: { archivedAt: null } },
      f.obligationIds && { obligation: { $in: f.obligationIds } },
      f.dueFrom && { dueOn: { $gte: f.dueFrom } },
      f.dueTo && { dueOn: { $lte: f.dueTo } },
      statuses &&
        sqlCondition<AccountabilityMoment>(
          (a) =>
            `exists (select 1 from obligation o where o.id = ${a}.obligation_id and ${momentStatusSql(dialectOf(em), asOf, a, 'o')} in (${placeholders(statuses)}))`,
          [...statuses],
        ),
    );
    return paginate(em, AccountabilityMoment, where as () => FilterQuery<AccountabilityMoment>, SORTS[sort], page, limits);
  }

  async recordHeld(em: EntityManager, id: string, input: RecordMomentHeldInput, today: LocalDate): Promise<AccountabilityMoment> {
    const moment = await findOrFail(em, AccountabilityMoment, id);
    if (moment.waivedOn) throw new ConflictError('this moment was waived; reopen it before recording it as held', 'id');
    if (input.heldOn > today) throw badInput('input.heldOn', `a moment cannot be recorded as held in the future (today is ${today})`);
    moment.heldOn = input.heldOn;
    if (input.minutes !== undefined) moment.minutes = input.minutes;
    if (input.interactionId !== undefined) {
      moment.interaction = input.interactionId ? await findOrFail(em, Interaction, input.interactionId, 'input.interactionId') : null;
    }
    if (input.participantIds != null) await replaceLinks(em, moment.participants, Stakeholder, input.participantIds, 'input.participantIds');
    if (input.contactIds != null) await replaceLinks(em, moment.participantContacts, ContactPerson, input.contactIds, 'input.contactIds');
    await addEvidence(em, moment, input.evidence ?? [], today, 'input.evidence');
    return moment;
  }

  async addEvidence(em: EntityManager, id: string, documents: EvidenceInput[], today: LocalDate): Promise<AccountabilityMoment> {
    const moment = await findOrFail(em, AccountabilityMoment, id, 'momentId');
    if (!moment.heldOn) {
      throw new ConflictError('evidence belongs to a moment that was held: record it as held first (recordMomentHeld can add evidence at once)', 'momentId');
    }
    if (documents.length === 0) throw badInput('evidence', 'give at least one document');
    await addEvidence(em, moment, documents, today, 'evidence');
    return moment;
  }

  async waive(em: EntityManager, id: string, reason: string, waivedOn: LocalDate, today: LocalDate): Promise<AccountabilityMoment> {
    const moment = await findOrFail(em, AccountabilityMoment, id);
    if (moment.heldOn) throw new ConflictError('a moment that was held cannot be waived', 'id');
    if (waivedOn > today) throw badInput('waivedOn', `a moment cannot be waived in the future (today is ${today})`);
    moment.waivedOn = waivedOn;
    moment.waiverReason = reason.trim();
    return moment;
  }

  async reopen(em: EntityManager, id: string): Promise<AccountabilityMoment> {
    const moment = await findOrFail(em, AccountabilityMoment, id);
    if (moment.heldOn) throw new ConflictError('a moment that was held stays held; correct it with recordMomentHeld', 'id');
    if (!moment.waivedOn) throw new ConflictError('this moment is not waived', 'id');
    moment.waivedOn = null;
    moment.waiverReason = null;
    return moment;
  }
}
