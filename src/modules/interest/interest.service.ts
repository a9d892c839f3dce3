import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { allOf, archiveWhere, containsText } from '../../shared/filters';
import { assertDateOrder } from '../../shared/validation';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { Interaction } from '../interaction/interaction.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { Interest } from './interest.entity';
import { InterestStatus } from './interest.enums';
import type { CreateInterestInput, InterestFilter, UpdateInterestInput } from './interest.inputs';
import { InterestSort } from './interest.inputs';

const SORTS: Record<InterestSort, Record<string, 'asc' | 'desc'>[]> = {
  IDENTIFIED_DESC: [{ identifiedOn: 'desc' }, { id: 'desc' }],
  IDENTIFIED_ASC: [{ identifiedOn: 'asc' }, { id: 'asc' }],
  TOPIC_ASC: [{ topic: 'asc' }, { id: 'asc' }],
};

const ANSWERING_STATUSES: readonly InterestStatus[] = [InterestStatus.ADDRESSED, InterestStatus.DECLINED];

/** Whether the organisation has answered the interest: a response was given, or it was taken up or declined. */
export function isAnswered(interest: Pick<Interest, 'response' | 'status'>): boolean {
  return interest.response != null || ANSWERING_STATUSES.includes(interest.status);
}

export class InterestService {
  list(em: EntityManager, filter: InterestFilter | null | undefined, sort: InterestSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const where = () => allOf<Interest>(
      visibleWhere(em, Interest),
      archiveWhere(f.archived) as FilterQuery<Interest>,
      f.stakeholderIds && { stakeholder: { $in: f.stakeholderIds } },
      f.statuses && { status: { $in: f.statuses } },
      f.stances && { stance: { $in: f.stances } },
      f.importances && { importance: { $in: f.importances } },
      f.text && containsText(['topic', 'description'], f.text),
      f.identifiedFrom && { identifiedOn: { $gte: f.identifiedFrom } },
      f.identifiedTo && { identifiedOn: { $lte: f.identifiedTo } },
      f.unanswered != null && { response: f.unanswered ? null : { $ne: null } },
    );
    return paginate(em, Interest, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateInterestInput): Promise<Interest> {
    const interest = new Interest();
    interest.stakeholder = await findOrFail(em, Stakeholder, input.stakeholderId, 'input.stakeholderId');
    assignDefined(interest, input, ['topic', 'description', 'identifiedOn', 'response', 'respondedOn']);
    if (input.importance) interest.importance = input.importance;
    if (input.stance) interest.stance = input.stance;
    if (input.status) interest.status = input.status;
    if (input.raisedInId) interest.raisedIn = await findOrFail(em, Interaction, input.raisedInId, 'input.raisedInId');
    if (input.goalIds?.length) interest.goals.set(await findAllOrFail(em, StrategicGoal, input.goalIds, 'input.goalIds'));
    em.persist(interest);
    return interest;
  }

  async update(em: EntityManager, id: string, input: UpdateInterestInput): Promise<Interest> {
    const interest = await findOrFail(em, Interest, id);
    assignDefined(interest, input, ['topic', 'description', 'importance', 'stance', 'status', 'identifiedOn', 'response', 'respondedOn']);
    // The dates may come one from the input and one from the stored record: check the result.
    assertDateOrder(input, 'identifiedOn', interest.identifiedOn, 'respondedOn', interest.respondedOn);
    if (input.stakeholderId !== undefined) {
      interest.stakeholder = await findOrFail(em, Stakeholder, input.stakeholderId, 'input.stakeholderId');
    }
    if (input.raisedInId !== undefined) {
      interest.raisedIn = input.raisedInId === null ? null : await findOrFail(em, Interaction, input.raisedInId, 'input.raisedInId');
    }
    if (input.goalIds !== undefined) {
      await replaceLinks(em, interest.goals, StrategicGoal, input.goalIds, 'input.goalIds');
    }
    return interest;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Interest> {
    return archiveById(em, Interest, id, archived);
  }
}
