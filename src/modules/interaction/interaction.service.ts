import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia, sqlCondition } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { Interest } from '../interest/interest.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { FollowUpAction } from './follow-up-action.entity';
import { Interaction } from './interaction.entity';
import { ActionStatus } from './interaction.enums';
import type {
  CreateFollowUpActionInput,
  CreateInteractionInput,
  FollowUpActionFilter,
  InteractionFilter,
  NewFollowUpActionInput,
  UpdateFollowUpActionInput,
  UpdateInteractionInput,
} from './interaction.inputs';
import { FollowUpActionSort, InteractionSort } from './interaction.inputs';
import { placeholders } from '../../shared/sql';

type Order = Record<string, 'asc' | 'desc'>[];

const INTERACTION_SORTS: Record<InteractionSort, Order> = {
  OCCURRED_DESC: [{ occurredOn: 'desc' }, { id: 'desc' }],
  OCCURRED_ASC: [{ occurredOn: 'asc' }, { id: 'asc' }],
};

const ACTION_SORTS: Record<FollowUpActionSort, Order> = {
  CREATED_DESC: [{ createdAt: 'desc' }, { id: 'desc' }],
  CREATED_ASC: [{ createdAt: 'asc' }, { id: 'asc' }],
};

export const OPEN_STATUSES = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS];
const CLOSED_STATUSES = [ActionStatus.DONE, ActionStatus.CANCELLED];



function cleanParticipants(names: readonly string[]): string[] {
  return [...new Set(names.map((n) => n.trim()))];
}

/**
 * Status and completion day together: completedOn only with DONE; DONE without a day
 * records `today` (passed in: services do not read the clock); leaving DONE clears it.
 * `completedOn` undefined means "not given".
 */
function applyStatus(
  action: FollowUpAction,
  status: ActionStatus,
  completedOn: string | null | undefined,
  today: string,
  path: string,
): void {
  if (completedOn != null && status !== ActionStatus.DONE) throw badInput(path, 'completedOn requires status DONE');
  action.status = status;
  if (status !== ActionStatus.DONE) action.completedOn = null;
  else if (completedOn) action.completedOn = completedOn;
  else if (completedOn === null || !action.completedOn) action.completedOn = today;
}

export class InteractionService {
  // ---- interactions ----

  list(em: EntityManager, filter: InteractionFilter | null | undefined, sort: InteractionSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const where = () => allOf<Interaction>(
      visibleWhere(em, Interaction),
      archiveWhere(f.archived) as FilterQuery<Interaction>,
      f.from ? { occurredOn: { $gte: f.from } } : null,
      f.to ? { occurredOn: { $lte: f.to } } : null,
      f.kinds && { kind: { $in: f.kinds } },
      f.stakeholderIds && linkedVia('interaction_stakeholders', 'interaction_id', 'stakeholder_id', f.stakeholderIds),
      f.contactPersonIds && linkedVia('interaction_contact_persons', 'interaction_id', 'contact_person_id', f.contactPersonIds),
      f.interestIds && linkedVia('interaction_interests', 'interaction_id', 'interest_id', f.interestIds),
      f.goalIds && linkedVia('interaction_goals', 'interaction_id', 'strategic_goal_id', f.goalIds),
      f.text ? containsText<Interaction>(['subject', 'summary'], f.text) : null,
      f.hasOpenActions != null &&
        sqlCondition(
          (a) => `${f.hasOpenActions ? '' : 'not '}exists (select 1 from follow_up_action f
            where f.interaction_id = ${a}.id and f.archived_at is null and f.status in (${placeholders(OPEN_STATUSES)}))`,
          OPEN_STATUSES,
        ),
    );
    return paginate(em, Interaction, where, INTERACTION_SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateInteractionInput, today: string): Promise<Interaction> {
    const interaction = new Interaction();
    assignDefined(interaction, input, ['occurredOn', 'subject', 'summary']);
    if (input.kind) interaction.kind = input.kind;
    interaction.internalParticipants = cleanParticipants(input.internalParticipants ?? []);
    const stakeholders = await findAllOrFail(em, Stakeholder, input.stakeholderIds, 'input.stakeholderIds');
    const contacts = await findAllOrFail(em, ContactPerson, input.contactPersonIds ?? [], 'input.contactPersonIds');
    this.assertContactsBelong(contacts, stakeholders);
    interaction.stakeholders.set(stakeholders);
    interaction.contactPersons.set(contacts);
    interaction.interests.set(await findAllOrFail(em, Interest, input.interestIds ?? [], 'input.interestIds'));
    interaction.goals.set(await findAllOrFail(em, StrategicGoal, input.goalIds ?? [], 'input.goalIds'));
    (input.followUpActions ?? []).forEach((actionInput, i) => {
      const action = this.newAction(interaction, actionInput, today, `input.followUpActions.${i}.completedOn`);
      interaction.followUpActions.add(action);
      em.persist(action);
    });
    em.persist(interaction);
    return interaction;
  }

  async update(em: EntityManager, id: string, input: UpdateInteractionInput): Promise<Interaction> {
    const interaction = await findOrFail(em, Interaction, id);
    assignDefined(interaction, input, ['occurredOn', 'kind', 'subject', 'summary']);
    if (input.internalParticipants !== undefined) interaction.internalParticipants = cleanParticipants(input.internalParticipants);
    if (input.stakeholderIds !== undefined || input.contactPersonIds !== undefined) {
      if (input.stakeholderIds?.length === 0) throw badInput('input.stakeholderIds', 'an interaction needs at least one stakeholder');
      const stakeholders =
        input.stakeholderIds !== undefined
          ? await findAllOrFail(em, Stakeholder, input.stakeholderIds, 'input.stakeholderIds')
          : (await interaction.stakeholders.init()).getItems();
      const contacts =
        input.contactPersonIds !== undefined
          ? await findAllOrFail(em, ContactPerson, input.contactPersonIds, 'input.contactPersonIds')
          : (await interaction.contactPersons.init()).getItems();
      // Also when only the stakeholders change: the contacts already linked must still fit.
      this.assertContactsBelong(contacts, stakeholders);
      await interaction.stakeholders.init();
      await interaction.contactPersons.init();
      interaction.stakeholders.set(stakeholders);
      interaction.contactPersons.set(contacts);
    }
    if (input.interestIds !== undefined) {
      await replaceLinks(em, interaction.interests, Interest, input.interestIds, 'input.interestIds');
    }
    if (input.goalIds !== undefined) {
      await replaceLinks(em, interaction.goals, StrategicGoal, input.goalIds, 'input.goalIds');
    }
    return interaction;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Interaction> {
    return archiveById(em, Interaction, id, archived);
  }

  private assertContactsBelong(contacts: readonly ContactPerson[], stakeholders: readonly Stakeholder[]): void {
    const ids = new Set(stakeholders.map((s) => s.id));
    const stray = contacts.filter((c) => !ids.has(c.stakeholder.id));
    if (stray.length) {
      throw badInput(
        'input.contactPersonIds',
        `each contact person must belong to one of the interaction's stakeholders; not so for: ${stray.map((c) => `${c.name} (${c.id})`).join(', ')}`,
      );
    }
  }

  // ---- follow-up actions ----

  listActions(em: EntityManager, filter: FollowUpActionFilter | null | undefined, sort: FollowUpActionSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const d = f.overdueAsOf;
    const where = () => allOf<FollowUpAction>(
      visibleWhere(em, FollowUpAction),
      archiveWhere(f.archived) as FilterQuery<FollowUpAction>,
      f.statuses && { status: { $in: f.statuses } },
      f.open != null && { status: { $in: f.open ? OPEN_STATUSES : CLOSED_STATUSES } },
      // The SQL form of isActionOverdue (follow-up.ts); `completed_on is null` is spelled out
      // because NOT (… AND NULL) would drop DONE actions without a completion day.
      d
        ? {
            dueOn: { $lt: d },
            status: { $ne: ActionStatus.CANCELLED },
            $or: [{ status: { $ne: ActionStatus.DONE } }, { completedOn: null }, { completedOn: { $gt: d } }],
          }
        : null,
      f.assignee != null ? { assignee: f.assignee } : null,
      f.dueFrom ? { dueOn: { $gte: f.dueFrom } } : null,
      f.dueTo ? { dueOn: { $lte: f.dueTo } } : null,
      f.interactionId ? { interaction: f.interactionId } : null,
      f.stakeholderIds && linkedVia('interaction_stakeholders', 'interaction_id', 'stakeholder_id', f.stakeholderIds, 'interaction_id'),
    );
    return paginate(em, FollowUpAction, where, ACTION_SORTS[sort], page, limits);
  }

  async createAction(em: EntityManager, input: CreateFollowUpActionInput, today: string): Promise<FollowUpAction> {
    const interaction = await findOrFail(em, Interaction, input.interactionId, 'input.interactionId');
    const action = this.newAction(interaction, input, today, 'input.completedOn');
    em.persist(action);
    return action;
  }

  async updateAction(em: EntityManager, id: string, input: UpdateFollowUpActionInput, today: string): Promise<FollowUpAction> {
    const action = await findOrFail(em, FollowUpAction, id);
    assignDefined(action, input, ['description', 'assignee', 'dueOn']);
    applyStatus(action, input.status ?? action.status, input.completedOn, today, 'input.completedOn');
    return action;
  }

  archiveAction(em: EntityManager, id: string, archived: boolean): Promise<FollowUpAction> {
    return archiveById(em, FollowUpAction, id, archived);
  }

  private newAction(interaction: Interaction, input: NewFollowUpActionInput, today: string, completedOnPath: string): FollowUpAction {
    const action = new FollowUpAction();
    action.interaction = interaction;
    assignDefined(action, input, ['description', 'assignee', 'dueOn']);
    applyStatus(action, input.status ?? ActionStatus.OPEN, input.completedOn ?? undefined, today, completedOnPath);
    return action;
  }
}
