import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia, sqlCondition } from '../../shared/filters';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { assertDateOrder } from '../../shared/validation';
import { addDays, type LocalDate } from '../../shared/dates';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { AccountabilityMoment } from './accountability-moment.entity';
import { planObligation, planUpTo } from './moment-planner';
import type { ScheduleFacts, ScheduleRule } from './moment-schedule';
import { Application, explainedSql } from './moment-status';
import { ObligationApplication } from './obligation-application.entity';
import { Obligation, scheduleOf, scheduleVersions } from './obligation.entity';
import { ObligationSchedule } from './obligation-schedule.entity';
import { ObligationSort, type ApplicationDecisionInput, type CreateObligationInput, type ObligationFilter, type UpdateObligationInput } from './obligation.inputs';
import { parseRule, RecurrenceError } from './recurrence';
import { placeholders } from '../../shared/sql';
import { clock as appClock } from '../../shared/clock';

const SORTS: Record<ObligationSort, Record<string, 'asc' | 'desc'>[]> = {
  TITLE_ASC: [{ title: 'asc' }, { id: 'asc' }],
  CREATED_DESC: [{ createdAt: 'desc' }, { id: 'desc' }],
};

/** What a schedule version holds. */
const RULE_FIELDS = ['recurrenceRule', 'scheduleStart', 'dueOn'] as const;
/** What re-plans the moments when it changes: the rule, and the active period. */
const SCHEDULE_FIELDS = [...RULE_FIELDS, 'activeFrom', 'activeUntil'] as const;

/** A new version of `o`'s schedule (`rule`, its current one unless given), taking effect on `effectiveFrom`: later-effective versions it replaces are kept, superseded. */
function addScheduleVersion(em: EntityManager, o: Obligation, effectiveFrom: LocalDate, decidedOn: LocalDate | null, now: Date, rule: ScheduleRule = o): void {
  for (const v of o.schedules.getItems()) if (!v.supersededAt && v.effectiveFrom >= effectiveFrom) v.supersededAt = now;
  const version = new ObligationSchedule();
  version.obligation = o;
  version.recurrenceRule = rule.recurrenceRule ?? null;
  version.scheduleStart = rule.scheduleStart;
  version.dueOn = rule.dueOn ?? null;
  version.effectiveFrom = effectiveFrom;
  version.decidedOn = decidedOn;
  o.schedules.add(version);
  em.persist(version);
}

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

/**
 * The day a change of the schedule takes effect: `input.scheduleEffectiveFrom`, or today.
 * Checks what goes with it: only with a changed rule, decided on a day that has been, and a
 * one-off due date that falls on or after it (before it, the change would drop the date).
 */
function scheduleChangeFrom(o: Obligation, input: UpdateObligationInput, ruleChanged: boolean, clock: PlanningClock): LocalDate {
  const effectiveFrom = input.scheduleEffectiveFrom ?? clock.today;
  if (!ruleChanged && (input.scheduleEffectiveFrom != null || input.scheduleDecidedOn != null)) {
    const field = input.scheduleEffectiveFrom != null ? 'input.scheduleEffectiveFrom' : 'input.scheduleDecidedOn';
    throw badInput(field, 'goes with a change of the schedule (recurrenceRule, scheduleStart or dueOn), and none of them changes');
  }
  if (input.scheduleDecidedOn != null && input.scheduleDecidedOn > clock.today) {
    throw badInput('input.scheduleDecidedOn', `the day of the decision (${input.scheduleDecidedOn}) is after today (${clock.today})`);
  }
  if (ruleChanged && !o.recurrenceRule && o.dueOn && o.dueOn < effectiveFrom) {
    throw badInput(
      input.scheduleEffectiveFrom != null ? 'input.scheduleEffectiveFrom' : 'input.dueOn',
      `the new due date (${o.dueOn}) is before the day the change takes effect (${effectiveFrom}), so it would never be planned: give scheduleEffectiveFrom on or before it`,
    );
  }
  return effectiveFrom;
}

/** The application a new obligation starts with, checked; null for APPLY (no decision needed). */
function initialApplication(input: CreateObligationInput): Omit<ApplicationDecisionInput, 'effectiveFrom'> | null {
  if (input.application === Application.EXPLAIN) {
    if (!input.explanation?.trim()) throw badInput('input.explanation', 'an obligation that is explained (EXPLAIN) needs the written explanation');
    if (!input.explainedOn) throw badInput('input.explainedOn', 'an obligation that is explained (EXPLAIN) needs the day the explanation was given');
    return { application: Application.EXPLAIN, explanation: input.explanation, decidedOn: input.explainedOn };
  }
  if (input.explanation || input.explainedOn) {
    throw badInput(input.explanation ? 'input.explanation' : 'input.explainedOn', 'an explanation belongs to an obligation with application EXPLAIN');
  }
  return null;
}

/** Adds a decision to apply or explain `o` from a day; checks it first (errors name `path`'s fields). */
function addApplication(em: EntityManager, o: Obligation, d: ApplicationDecisionInput, today: LocalDate, path = 'input'): ObligationApplication {
  const decidedOn = d.decidedOn ?? today;
  if (decidedOn > today) throw badInput(`${path}.decidedOn`, `a decision cannot be dated in the future (today is ${today})`);
  if (d.application === Application.EXPLAIN) {
    if (!d.explanation?.trim()) throw badInput(`${path}.explanation`, 'explaining (EXPLAIN) needs the written explanation');
    if (d.reviewOn && d.reviewOn < decidedOn) throw badInput(`${path}.reviewOn`, `the review date (${d.reviewOn}) is before the decision (${decidedOn})`);
  } else {
    if (d.explanation != null) throw badInput(`${path}.explanation`, 'an explanation belongs to EXPLAIN; APPLY has none');
    if (d.reviewOn != null) throw badInput(`${path}.reviewOn`, 'a review date belongs to an explanation (EXPLAIN)');
  }
  const a = new ObligationApplication();
  a.obligation = o;
  a.effectiveFrom = d.effectiveFrom;
  a.application = d.application;
  a.explanation = d.application === Application.EXPLAIN ? d.explanation!.trim() : null;
  a.decidedBy = d.decidedBy?.trim() || null;
  a.decidedOn = decidedOn;
  a.reviewOn = d.reviewOn ?? null;
  o.applications.add(a);
  em.persist(a);
  return a;
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
      visibleWhere(em, Obligation),
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
      f.application && sqlCondition<Obligation>((a) => `${f.application === Application.EXPLAIN ? '' : 'not '}(${explainedSql(appClock.today(), a)})`, []),
      d ? { activeFrom: { $lte: d } } : null,
      d ? { $or: [{ activeUntil: null }, { activeUntil: { $gte: d } }] } : null,
      f.text ? containsText<Obligation>(['title', 'description', 'responsible'], f.text) : null,
    );
    return paginate(em, Obligation, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateObligationInput, clock: PlanningClock): Promise<Obligation> {
    const o = new Obligation();
    assignDefined(o, input, ['title', 'description', 'responsible', 'recurrenceRule', 'dueOn', 'activeUntil']);
    if (input.form) o.form = input.form;
    if (input.warningDays != null) o.warningDays = input.warningDays;
    const start = input.scheduleStart ?? input.activeFrom ?? input.dueOn;
    if (!start) throw badInput('input.scheduleStart', 'give the day the schedule starts (scheduleStart or activeFrom)');
    o.scheduleStart = start;
    o.activeFrom = input.activeFrom ?? start;
    assertValidSchedule(o, input);
    const application = initialApplication(input);
    o.provisions.set(await findAllOrFail(em, CodeProvision, input.provisionIds ?? [], 'input.provisionIds'));
    if (input.agreementId) o.agreement = await findOrFail(em, Agreement, input.agreementId, 'input.agreementId');
    o.audienceStakeholders.set(await findAllOrFail(em, Stakeholder, input.audienceStakeholderIds ?? [], 'input.audienceStakeholderIds'));
    o.audienceCategories.set(await findAllOrFail(em, StakeholderCategory, input.audienceCategoryIds ?? [], 'input.audienceCategoryIds'));
    await assertHasSource(o);
    em.persist(o);
    addScheduleVersion(em, o, o.activeFrom, null, appClock.now());
    if (application) addApplication(em, o, { ...application, effectiveFrom: o.activeFrom }, clock.today);
    // A new obligation is planned from its start: past due dates become moments to record.
    // Its first step, that is: extendPlanning plans the rest (plannedUntil says how far).
    await planObligation(em, o, o.activeFrom, clock.horizon, []);
    return o;
  }

  async update(em: EntityManager, id: string, input: UpdateObligationInput, clock: PlanningClock): Promise<Obligation> {
    const o = await findOrFail(em, Obligation, id);
    await o.schedules.init();
    // Rows written around the API (a bulk load) have no versions yet: their schedule so far is the first.
    if (!scheduleVersions(o).length) addScheduleVersion(em, o, o.activeFrom, null, appClock.now());
    const before = SCHEDULE_FIELDS.map((k) => o[k]);
    const previous: ScheduleFacts = scheduleOf(o);
    assignDefined(o, input, [
      'title', 'description', 'responsible', 'form', 'recurrenceRule', 'scheduleStart', 'dueOn',
      'warningDays', 'activeFrom', 'activeUntil',
    ]);
    assertValidSchedule(o, input);
    const ruleChanged = RULE_FIELDS.some((k) => o[k] !== before[SCHEDULE_FIELDS.indexOf(k)]);
    const effectiveFrom = scheduleChangeFrom(o, input, ruleChanged, clock);
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
    if (ruleChanged) addScheduleVersion(em, o, effectiveFrom, input.scheduleDecidedOn ?? null, appClock.now());
    // A changed schedule applies from the day it takes effect (today unless said otherwise), a
    // changed active period from today: history before it, and anything held or waived, stays.
    if (SCHEDULE_FIELDS.some((k, i) => o[k] !== before[i]) && !o.archivedAt) {
      const unplanned = o.plannedUntil ? addDays(o.plannedUntil, 1) : previous.activeFrom;
      const from = unplanned < effectiveFrom ? unplanned : effectiveFrom;
      const moments = await em.find(AccountabilityMoment, { obligation: o, dueOn: { $gte: from } });
      // Days before it that planning had not reached yet follow the schedule in force then.
      const dayBefore = addDays(effectiveFrom, -1);
      const until = dayBefore < clock.horizon ? dayBefore : clock.horizon;
      if (unplanned <= until) await planUpTo(em, o, previous, until, moments);
      // A change beyond the horizon is planned when the horizon gets there (by the versions).
      if (effectiveFrom <= clock.horizon) await planObligation(em, o, effectiveFrom, clock.horizon, moments.filter((m) => m.dueOn >= effectiveFrom));
    }
    return o;
  }

  /** Decides to apply or explain the obligation from a day on; earlier decisions stay, and so do the answers for earlier as-of dates. */
  async decideApplication(em: EntityManager, id: string, input: ApplicationDecisionInput, today: LocalDate): Promise<Obligation> {
    const o = await findOrFail(em, Obligation, id, 'obligationId');
    await o.applications.init();
    addApplication(em, o, input, today);
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
