import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, findAllOrFail, findOrFail } from '../../shared/crud';
import type { LocalDate } from '../../shared/dates';
import { ConflictError, badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia, sqlCondition } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { placeholders } from '../../shared/sql';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import { Interaction } from '../interaction/interaction.entity';
import { ContactPerson } from '../stakeholder/contact-person.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { commitmentStatusSql } from './commitment-status';
import { Commitment } from './commitment.entity';
import type { CommitmentFilter, CreateCommitmentInput, DeliverCommitmentInput, UpdateCommitmentInput, WithdrawCommitmentInput } from './commitment.inputs';
import { CommitmentSort } from './commitment.inputs';

const SORTS: Record<CommitmentSort, Record<string, 'asc' | 'desc'>[]> = {
  DUE_ASC: [{ dueOn: 'asc' }, { id: 'asc' }],
  DUE_DESC: [{ dueOn: 'desc' }, { id: 'desc' }],
  MADE_DESC: [{ madeOn: 'desc' }, { id: 'desc' }],
};

/** Where a commitment was made: an interaction or a held moment, at most one; `undefined` leaves it as it is. */
interface Place {
  interactionId?: string | null;
  momentId?: string | null;
}

export class CommitmentService {
  /** `today` (the organisation's day) is passed in: services do not read the clock. */
  list(em: EntityManager, filter: CommitmentFilter | null | undefined, sort: CommitmentSort, page: PageArgs, limits: PageLimits, today: LocalDate) {
    const f = filter ?? {};
    const asOf = f.asOf ?? today;
    const statuses = f.statuses;
    // A function: the count builds its conditions afresh (raw fragments are used up by a query).
    const where = () => allOf<Commitment>(
      visibleWhere(em, Commitment),
      archiveWhere(f.archived) as FilterQuery<Commitment>,
      // As of a day, the register knows only what had been promised by then.
      { madeOn: { $lte: asOf } },
      f.stakeholderIds && linkedVia('commitment_stakeholders', 'commitment_id', 'stakeholder_id', f.stakeholderIds),
      f.dueFrom ? { dueOn: { $gte: f.dueFrom } } : null,
      f.dueTo ? { dueOn: { $lte: f.dueTo } } : null,
      f.text ? containsText<Commitment>(['description', 'made_by'], f.text) : null,
      statuses && sqlCondition<Commitment>((a) => `${commitmentStatusSql(asOf, a)} in (${placeholders(statuses)})`, [...statuses]),
    );
    return paginate(em, Commitment, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateCommitmentInput, today: LocalDate): Promise<Commitment> {
    const c = new Commitment();
    c.description = input.description.trim();
    c.madeBy = input.madeBy.trim();
    c.dueOn = input.dueOn;
    const placeDay = await this.place(em, c, input);
    const madeOn = input.madeOn ?? placeDay;
    if (!madeOn) throw badInput('input.madeOn', 'give the day it was made, or the interaction or moment it was made in');
    c.madeOn = madeOn;
    const stakeholders = await findAllOrFail(em, Stakeholder, input.stakeholderIds, 'input.stakeholderIds');
    const contacts = await findAllOrFail(em, ContactPerson, input.contactPersonIds ?? [], 'input.contactPersonIds');
    assertContactsBelong(contacts, stakeholders);
    c.stakeholders.set(stakeholders);
    c.contactPersons.set(contacts);
    assertDays(c, input, today);
    em.persist(c);
    return c;
  }

  async update(em: EntityManager, id: string, input: UpdateCommitmentInput, today: LocalDate): Promise<Commitment> {
    const c = await findOrFail(em, Commitment, id);
    if (input.description !== undefined) c.description = input.description.trim();
    if (input.madeBy !== undefined) c.madeBy = input.madeBy.trim();
    if (input.madeOn !== undefined) c.madeOn = input.madeOn;
    if (input.dueOn !== undefined) c.dueOn = input.dueOn;
    await this.place(em, c, input);
    if (input.stakeholderIds !== undefined || input.contactPersonIds !== undefined) {
      if (input.stakeholderIds?.length === 0) throw badInput('input.stakeholderIds', 'a commitment is made to at least one stakeholder');
      await c.stakeholders.init();
      await c.contactPersons.init();
      const stakeholders = input.stakeholderIds !== undefined ? await findAllOrFail(em, Stakeholder, input.stakeholderIds, 'input.stakeholderIds') : c.stakeholders.getItems();
      const contacts = input.contactPersonIds !== undefined ? await findAllOrFail(em, ContactPerson, input.contactPersonIds, 'input.contactPersonIds') : c.contactPersons.getItems();
      // Also when only the stakeholders change: the contacts already linked must still fit.
      assertContactsBelong(contacts, stakeholders);
      c.stakeholders.set(stakeholders);
      c.contactPersons.set(contacts);
    }
    assertDays(c, input, today);
    return c;
  }

  /** Records the delivery (again: a correction) of a commitment that was not withdrawn. */
  async deliver(em: EntityManager, id: string, input: DeliverCommitmentInput, today: LocalDate): Promise<Commitment> {
    const c = await findOrFail(em, Commitment, id);
    if (c.withdrawnOn) throw new ConflictError('this commitment was withdrawn; reopen it before recording its delivery', 'id');
    const day = input.deliveredOn ?? today;
    if (day > today) throw badInput('input.deliveredOn', `a delivery cannot be recorded in the future (today is ${today})`);
    if (day < c.madeOn) throw badInput('input.deliveredOn', `deliveredOn (${day}) must be on or after madeOn (${c.madeOn})`);
    c.deliveredOn = day;
    c.deliveryEvidence = input.evidence.trim();
    if (input.note !== undefined) c.deliveryNote = input.note?.trim() || null;
    return c;
  }

  async withdraw(em: EntityManager, id: string, input: WithdrawCommitmentInput, today: LocalDate): Promise<Commitment> {
    const c = await findOrFail(em, Commitment, id);
    if (c.deliveredOn) throw new ConflictError('this commitment was delivered and cannot be withdrawn; reopen it first if the delivery was recorded by mistake', 'id');
    const day = input.withdrawnOn ?? today;
    if (day > today) throw badInput('input.withdrawnOn', `a withdrawal cannot be recorded in the future (today is ${today})`);
    if (day < c.madeOn) throw badInput('input.withdrawnOn', `withdrawnOn (${day}) must be on or after madeOn (${c.madeOn})`);
    c.withdrawnOn = day;
    c.withdrawalReason = input.reason.trim();
    return c;
  }

  /** Takes back a delivery or withdrawal recorded by mistake: the commitment is open again (the audit trail keeps what it was). */
  async reopen(em: EntityManager, id: string): Promise<Commitment> {
    const c = await findOrFail(em, Commitment, id);
    if (!c.deliveredOn && !c.withdrawnOn) throw new ConflictError('this commitment is neither delivered nor withdrawn', 'id');
    Object.assign(c, { deliveredOn: null, deliveryEvidence: null, deliveryNote: null, withdrawnOn: null, withdrawalReason: null });
    return c;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Commitment> {
    return archiveById(em, Commitment, id, archived);
  }

  /** Sets where it was made from the input; returns the day of that place (occurred or held), if any. */
  private async place(em: EntityManager, c: Commitment, input: Place): Promise<LocalDate | null> {
    if (input.interactionId && input.momentId) {
      throw badInput('input.momentId', 'a commitment is made in one place: give interactionId or momentId, not both');
    }
    if (input.interactionId !== undefined) {
      c.interaction = input.interactionId ? await findOrFail(em, Interaction, input.interactionId, 'input.interactionId') : null;
      if (c.interaction) c.accountabilityMoment = null;
    }
    if (input.momentId !== undefined) {
      const moment = input.momentId ? await findOrFail(em, AccountabilityMoment, input.momentId, 'input.momentId') : null;
      if (moment && !moment.heldOn) throw badInput('input.momentId', 'a commitment is made at a moment that was held: record the moment as held first');
      c.accountabilityMoment = moment;
      if (moment) c.interaction = null;
    }
    return c.interaction?.occurredOn ?? c.accountabilityMoment?.heldOn ?? null;
  }
}

function assertContactsBelong(contacts: readonly ContactPerson[], stakeholders: readonly Stakeholder[]): void {
  const ids = new Set(stakeholders.map((s) => s.id));
  const stray = contacts.filter((p) => !ids.has(p.stakeholder.id));
  if (stray.length) {
    throw badInput('input.contactPersonIds', `each contact person must belong to one of the commitment's stakeholders; not so for: ${stray.map((p) => p.id).join(', ')}`);
  }
}

/** The days must hold for the merged values: made by today, due on or after made, delivered or withdrawn on or after made. */
function assertDays(c: Commitment, input: { madeOn?: string | null; dueOn?: string }, today: LocalDate): void {
  if (c.madeOn > today) throw badInput('input.madeOn', `a commitment cannot be made in the future (today is ${today})`);
  if (c.dueOn < c.madeOn) {
    const field = input.dueOn !== undefined || input.madeOn === undefined ? 'dueOn' : 'madeOn';
    throw badInput(`input.${field}`, `dueOn (${c.dueOn}) must be on or after madeOn (${c.madeOn})`);
  }
  const closed = c.deliveredOn ?? c.withdrawnOn;
  if (closed && closed < c.madeOn) {
    throw badInput('input.madeOn', `madeOn (${c.madeOn}) must be on or before the day it was ${c.deliveredOn ? 'delivered' : 'withdrawn'} (${closed})`);
  }
}
