import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import { archiveById, assignDefined, findAllOrFail, findOrFail, replaceLinks } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { allOf, archiveWhere, containsText, linkedVia } from '../../shared/filters';
import { assertDateOrder } from '../../shared/validation';
import { visibleWhere } from '../../shared/visibility';
import { paginate, type PageArgs, type PageLimits } from '../../shared/pagination';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { GoalMeasurement } from './goal-measurement.entity';
import { elapsedShare, goalHealth, latestMeasurement, progress } from './goal-progress';
import { Kpi } from './kpi.embeddable';
import { StrategicGoal } from './strategic-goal.entity';
import type { GoalHealth } from './strategic-goal.enums';
import type {
  CreateGoalMeasurementInput,
  CreateStrategicGoalInput,
  KpiInput,
  StrategicGoalFilter,
  UpdateGoalMeasurementInput,
  UpdateStrategicGoalInput,
} from './strategic-goal.inputs';
import { StrategicGoalSort } from './strategic-goal.inputs';

const SORTS: Record<StrategicGoalSort, Record<string, 'asc' | 'desc'>[]> = {
  PERIOD_START_DESC: [{ periodStart: 'desc' }, { id: 'desc' }],
  PERIOD_START_ASC: [{ periodStart: 'asc' }, { id: 'asc' }],
  TITLE_ASC: [{ title: 'asc' }, { id: 'asc' }],
};


function toKpi(input: KpiInput): Kpi {
  const kpi = new Kpi();
  kpi.indicator = input.indicator;
  kpi.unit = input.unit;
  kpi.baseline = input.baseline;
  kpi.target = input.target;
  return kpi;
}

// Pure: the goal and its measurements are passed in, and so is the day.

/** KPI progress at `asOf` from the latest measurement on or before it; null without KPI or measurement. */
export function progressAt(goal: Pick<StrategicGoal, 'kpi'>, measurements: readonly GoalMeasurement[], asOf: string): number | null {
  if (!goal.kpi) return null;
  const latest = latestMeasurement(measurements, asOf);
  return latest ? progress(goal.kpi.baseline, goal.kpi.target, latest.value) : null;
}

/** Health at `asOf`: progress compared with the share of the period that has passed. */
export function healthAt(goal: Pick<StrategicGoal, 'kpi' | 'periodStart' | 'periodEnd'>, measurements: readonly GoalMeasurement[], asOf: string): GoalHealth {
  return goalHealth(progressAt(goal, measurements, asOf), elapsedShare(goal.periodStart, goal.periodEnd, asOf));
}

export class StrategicGoalService {
  list(em: EntityManager, filter: StrategicGoalFilter | null | undefined, sort: StrategicGoalSort, page: PageArgs, limits: PageLimits) {
    const f = filter ?? {};
    const where = () => allOf<StrategicGoal>(
      visibleWhere(em, StrategicGoal),
      archiveWhere(f.archived) as FilterQuery<StrategicGoal>,
      f.statuses && { status: { $in: f.statuses } },
      f.stakeholderIds && linkedVia('strategic_goal_stakeholders', 'strategic_goal_id', 'stakeholder_id', f.stakeholderIds),
      f.agreementIds && linkedVia('agreement_goals', 'strategic_goal_id', 'agreement_id', f.agreementIds),
      f.activeOn && { periodStart: { $lte: f.activeOn }, $or: [{ periodEnd: null }, { periodEnd: { $gte: f.activeOn } }] },
      f.text && containsText(['title', 'description'], f.text),
    );
    return paginate(em, StrategicGoal, where, SORTS[sort], page, limits);
  }

  async create(em: EntityManager, input: CreateStrategicGoalInput): Promise<StrategicGoal> {
    const goal = new StrategicGoal();
    assignDefined(goal, input, ['title', 'description', 'periodStart', 'periodEnd', 'owner']);
    if (input.status) goal.status = input.status;
    if (input.kpi) goal.kpi = toKpi(input.kpi);
    if (input.stakeholderIds?.length) {
      goal.stakeholders.set(await findAllOrFail(em, Stakeholder, input.stakeholderIds, 'input.stakeholderIds'));
    }
    em.persist(goal);
    return goal;
  }

  async update(em: EntityManager, id: string, input: UpdateStrategicGoalInput): Promise<StrategicGoal> {
    const goal = await findOrFail(em, StrategicGoal, id);
    assignDefined(goal, input, ['title', 'description', 'periodStart', 'periodEnd', 'owner', 'status']);
    // One end of the period may come from the input and the other from the stored record: check the result.
    assertDateOrder(input, 'periodStart', goal.periodStart, 'periodEnd', goal.periodEnd);
    if (input.kpi !== undefined) goal.kpi = input.kpi ? toKpi(input.kpi) : null;
    if (input.stakeholderIds !== undefined) {
      await replaceLinks(em, goal.stakeholders, Stakeholder, input.stakeholderIds, 'input.stakeholderIds');
    }
    return goal;
  }

  archive(em: EntityManager, id: string, archived: boolean): Promise<StrategicGoal> {
    return archiveById(em, StrategicGoal, id, archived);
  }

  // ---- measurements ----

  async createMeasurement(em: EntityManager, input: CreateGoalMeasurementInput): Promise<GoalMeasurement> {
    const goal = await findOrFail(em, StrategicGoal, input.goalId, 'input.goalId');
    if (!goal.kpi) throw badInput('input.goalId', 'this goal has no KPI to measure; give it a KPI first');
    const measurement = new GoalMeasurement();
    measurement.goal = goal;
    assignDefined(measurement, input, ['measuredOn', 'value', 'note']);
    em.persist(measurement);
    return measurement;
  }

  async updateMeasurement(em: EntityManager, id: string, input: UpdateGoalMeasurementInput): Promise<GoalMeasurement> {
    const measurement = await findOrFail(em, GoalMeasurement, id);
    assignDefined(measurement, input, ['measuredOn', 'value', 'note']);
    return measurement;
  }

  archiveMeasurement(em: EntityManager, id: string, archived: boolean): Promise<GoalMeasurement> {
    return archiveById(em, GoalMeasurement, id, archived);
  }
}
