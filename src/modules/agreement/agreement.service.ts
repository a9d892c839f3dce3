import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia } from '../../shared/filters';
import { assertDateOrder } from '../../shared/validation';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { Agreement } from './agreement.entity';
import type { AgreementFilter, CreateAgreementInput, UpdateAgreementInput } from './agreement.inputs';
import { AgreementSort } from './agreement.inputs';

const SORTS: Record<AgreementSort, Record<string, 'asc' | 'desc'>[]> = {
  TITLE_ASC: [{ title: 'asc' }, { id: 'asc' }],
  CREATED_DESC: [{ createdAt: 'desc' }, { id: 'desc' }],
};

/** Pure rule: in force on `asOf` when it has started (or has no start) and has not ended (or is open-ended). */
export function isAgreementInForce(agreement: { validFrom?: string | null; validUntil?: string | null }, asOf: string): boolean {
  return (!agreement.validFrom || agreement.validFrom <= asOf) && (!agreement.validUntil || agreement.validUntil >= asOf);
}

export class AgreementService {
  list(em: EntityManager, filter: AgreementFilter | null | undefined, sort: AgreementSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const d = f.inForceOn;
    const where = () => allOf<Agreement>(
      visibleWhere(em, Agreement),
      archiveWhere(f.archived) as FilterQuery<Agreement>,
      f.kinds && { kind: { $in: f.kinds } },
      f.partyIds && linkedVia('agreement_parties', 'agreement_id', 'stakeholder_id', f.partyIds),
      d ? { $or: [{ validFrom: null }, { validFrom: { $lte: d } }] } : null,
      d ? { $or: [{ validUntil: null }, { validUntil: { $gte: d } }] } : null,
      f.text ? containsText<Agreement>(['title', 'description'], f.text) : null,
    );
    return paginate(em, Agreement, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateAgreementInput): Promise<Agreement> {
    const agreement = new Agreement();
    assignDefined(agreement, input, ['title', 'description', 'signedOn', 'validFrom', 'validUntil', 'documentReference']);
    if (input.kind) agreement.kind = input.kind;
    agreement.parties.set(await findAllOrFail(em, Stakeholder, input.partyIds, 'input.partyIds'));
    agreement.goals.set(await findAllOrFail(em, StrategicGoal, input.goalIds ?? [], 'input.goalIds'));
    em.persist(agreement);
    return agreement;
  }

  async update(em: EntityManager, id: string, input: UpdateAgreementInput): Promise<Agreement> {
    const agreement = await findOrFail(em, Agreement, id);
    assignDefined(agreement, input, ['title', 'kind', 'description', 'signedOn', 'validFrom', 'validUntil', 'documentReference']);
    // The input validator only sees the given fields; the period must hold for the merged values.
    assertDateOrder(input, 'validFrom', agreement.validFrom, 'validUntil', agreement.validUntil);
    if (input.partyIds !== undefined) {
      if (input.partyIds.length === 0) throw badInput('input.partyIds', 'an agreement needs at least one party');
      await replaceLinks(em, agreement.parties, Stakeholder, input.partyIds, 'input.partyIds');
    }
    if (input.goalIds !== undefined) {
      await replaceLinks(em, agreement.goals, StrategicGoal, input.goalIds, 'input.goalIds');
    }
    return agreement;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Agreement> {
    return archiveById(em, Agreement, id, archived);
  }
}
