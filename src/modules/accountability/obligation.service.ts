import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { ConflictError, badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia, sqlCondition } from '../../shared/filters';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { assertDateOrder } from '../../shared/validation';
import { addDays, type LocalDate } from '../../shared/dates';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { planObligation, planUpTo } from './moment-planner';
import type { ScheduleFacts } from './moment-schedule';
import { Application } from './moment-status';
import { Obligation } from './obligation.entity';
import { ObligationSort, type CreateObligationInput, type ObligationFilter, type UpdateObligationInput } from './obligation.inputs';
import { parseRule, RecurrenceError } from './recurrence';
import { placeholders } from '../../shared/sql';

const SORTS: Record<ObligationSort, Record<string, 'asc' | 'desc'>[]> = {
  TITLE_ASC: [{ title: 'asc' }, { id: 'asc' }],
  CREATED_DESC: [{ createdAt: 'desc' }, { id: 'desc' }],
};

const SCHEDULE_FIELDS = ['recurrenceRule', 'scheduleStart', 'dueOn', 'activeFrom', 'activeUntil'] as const;

/** What "today" and "how far ahead" mean for one change; passed in so that tests can pin them. */
export interface PlanningClock {
  today: LocalDate;
  horizon: LocalDate;
}

/** Checks the merged schedule of an obligation; errors name the input field at fault. */
function assertValidSchedule(o: Obligation, input: object): void {
  const sent = (key: string) => (input as Record<string, unknown>)[key] !== undefined;
  if (o.recurrenceRule && o.dueOn) {
    throw badInput(sent('dueOn') ? 'input.dueOn' : 'input.recurrenceRule', 'give either a recurrence rule or one due date, not both');
  }
  if (!o.recurrenceRule && !o.dueOn) {
    throw badInput(sent('recurrenceRule') ? 'input.recurrenceRule' : 'input.dueOn', 'give a recurrence rule or one due date');
  }
  if (o.recurrenceRule) {
    try {
      parseRule(o.recurrenceRule, o.scheduleStart);
    } catch (error) {
      if (error instanceof RecurrenceError) throw badInput('input.recurrenceRule', error.message);
      throw error;
    }
  }
  assertDateOrder(input, 'activeFrom', o.activeFrom, 'activeUntil', o.activeUntil);
  if (o.dueOn && (o.dueOn < o.activeFrom || (o.activeUntil && o.dueOn > o.activeUntil))) {
    throw badInput('input.dueOn', `the due date (${o.dueOn}) must fall within the active period`);
  }
}

function assertValidApplication(o: Obligation): void {
  if (o.application === Application.EXPLAIN) {
    if (!o.explanation?.trim()) throw badInput('input.explanation', 'an obligation that is explained (EXPLAIN) needs the written explanation');
    if (!o.explainedOn) throw badInput('input.explainedOn', 'an obligation that is explained (EXPLAIN) needs the day the explanation was given');
  } else if (o.explanation || o.explainedOn) {
    throw badInput(o.explanation ? 'input.explanation' : 'input.explainedOn', 'an explanation belongs to an obligation with application EXPLAIN');
  }
}

async function assertHasSource(o: Obligation): Promise<void> {
  if (!o.provisions.isInitialized()) await o.provisions.init();
  if (o.provisions.length === 0 && !o.agreement) {
    throw badInput('input.provisionIds', 'an obligation comes from at least one code provision or an agreement');
  }
}

export class ObligationService {
  list(em: EntityManager, filter: ObligationFilter | null | undefined, sort: ObligationSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const d = f.activeOn;
    const where = () => allOf<Obligation>(
      archiveWhere(f.archived) as FilterQuery<Obligation>,
      f.provisionIds && linkedVia('obligation_provisions', 'obligation_id', 'code_provision_id', f.provisionIds),
      f.codeIds &&
        sqlCondition(
          (a) =>
            `exists (select 1 from obligation_provisions op join code_provision cp on cp.id = op.code_provision_id where op.obligation_id = ${a}.id and cp.code_id in (${placeholders(f.codeIds!)}))`,
          [...f.codeIds],
        ),
      f.agreementIds && { agreement: { $in: f.agreementIds } },
      f.audienceCategoryIds && linkedVia('obligation_audience_categories', 'obligation_id', 'stakeholder_category_id', f.audienceCategoryIds),
      f.audienceStakeholderIds && audienceIncludes(f.audienceStakeholderIds),
      f.forms && { form: { $in: f.forms } },
      f.application && { application: f.application },
      d ? { activeFrom: { $lte: d } } : null,
      d ? { $or: [{ activeUntil: null }, { activeUntil: { $gte: d } }] } : null,
      f.text ? containsText<Obligation>(['title', 'description', 'responsible'], f.text) : null,
    );
    return paginate(em, Obligation, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateObligationInput, clock: PlanningClock): Promise<Obligation> {
    const o = new Obligation();
    assignDefined(o, input, ['title', 'description', 'responsible', 'recurrenceRule', 'dueOn', 'activeUntil', 'explanation', 'explainedOn']);
    if (input.form) o.form = input.form;
    if (input.application) o.application = input.application;
    if (input.warningDays != null) o.warningDays = input.warningDays;
    const start = input.scheduleStart ?? input.activeFrom ?? input.dueOn;
    if (!start) throw badInput('input.scheduleStart', 'give the day the schedule starts (scheduleStart or activeFrom)');
    o.scheduleStart = start;
    o.activeFrom = input.activeFrom ?? start;
    assertValidSchedule(o, input);
    assertValidApplication(o);
    o.provisions.set(await findAllOrFail(em, CodeProvision, input.provisionIds ?? [], 'input.provisionIds'));
    if (input.agreementId) o.agreement = await findOrFail(em, Agreement, input.agreementId, 'input.agreementId');
    o.audienceStakeholders.set(await findAllOrFail(em, Stakeholder, input.audienceStakeholderIds ?? [], 'input.audienceStakeholderIds'));
    o.audienceCategories.set(await findAllOrFail(em, StakeholderCategory, input.audienceCategoryIds ?? [], 'input.audienceCategoryIds'));
    await assertHasSource(o);
    em.persist(o);
    // A new obligation is planned from its start: past due dates become moments to record.
    // Its first step, that is: extendPlanning plans the rest (plannedUntil says how far).
    await planObligation(em, o, o.activeFrom, clock.horizon, []);
    return o;
  }

  async update(em: EntityManager, id: string, input: UpdateObligationInput, clock: PlanningClock): Promise<Obligation> {
    const o = await findOrFail(em, Obligation, id);
    const before = SCHEDULE_FIELDS.map((k) => o[k]);
    const previous: ScheduleFacts = { recurrenceRule: o.recurrenceRule, scheduleStart: o.scheduleStart, dueOn: o.dueOn, activeFrom: o.activeFrom, activeUntil: o.activeUntil };
    if (o.application === Application.EXPLAIN && input.application === Application.APPLY) {
      throw new ConflictError(
        'an explained obligation cannot go back to APPLY, or the years it was explained would look overdue: end it (activeUntil) and register a new obligation',
        'input.application',
      );
    }
    assignDefined(o, input, [
      'title', 'description', 'responsible', 'form', 'recurrenceRule', 'scheduleStart', 'dueOn',
      'warningDays', 'activeFrom', 'activeUntil', 'application', 'explanation', 'explainedOn',
    ]);
    assertValidSchedule(o, input);
    assertValidApplication(o);
    if (input.provisionIds !== undefined) await replaceLinks(em, o.provisions, CodeProvision, input.provisionIds, 'input.provisionIds');
    if (input.agreementId !== undefined) {
      o.agreement = input.agreementId ? await findOrFail(em, Agreement, input.agreementId, 'input.agreementId') : null;
    }
    if (input.audienceStakeholderIds !== undefined) {
      await replaceLinks(em, o.audienceStakeholders, Stakeholder, input.audienceStakeholderIds, 'input.audienceStakeholderIds');
    }
    if (input.audienceCategoryIds !== undefined) {
      await replaceLinks(em, o.audienceCategories, StakeholderCategory, input.audienceCategoryIds, 'input.audienceCategoryIds');
    }
    await assertHasSource(o);
    // A changed schedule applies from today: history (and anything held or waived) stays.
    if (SCHEDULE_FIELDS.some((k, i) => o[k] !== before[i]) && !o.archivedAt) {
      const yesterday = addDays(clock.today, -1);
      const unplanned = o.plannedUntil ? addDays(o.plannedUntil, 1) : previous.activeFrom;
      const from = unplanned < clock.today ? unplanned : clock.today;
      const moments = await em.find(AccountabilityMoment, { obligation: o, dueOn: { $gte: from } });
      // Days before today that planning had not reached yet follow the schedule in force then.
      if (unplanned <= yesterday) await planUpTo(em, o, previous, yesterday, moments);
      await planObligation(em, o, clock.today, clock.horizon, moments.filter((m) => m.dueOn >= clock.today));
    }
    return o;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<Obligation> {
    // Archived obligations are left out of planning and reports; restoring one lets the
    // planner catch up (its plannedUntil is older than the horizon).
    return archiveById(em, Obligation, id, archived);
  }
}

/** Obligations owed to one of the stakeholders: named in the audience, or through their category. */
export function audienceIncludes<T>(stakeholderIds: readonly string[]): FilterQuery<T> {
  const list = placeholders(stakeholderIds);
  return sqlCondition<T>(
    (a) =>
      `(exists (select 1 from obligation_audience_stakeholders x where x.obligation_id = ${a}.id and x.stakeholder_id in (${list}))` +
      ` or exists (select 1 from obligation_audience_categories y join stakeholder s on s.category_id = y.stakeholder_category_id where y.obligation_id = ${a}.id and s.id in (${list})))`,
    [...stakeholderIds, ...stakeholderIds],
  );
}
