import { PowerInterestQuadrant, SalienceClass } from './stakeholder.enums';

// Pure rules: no database, no clock. Where a list filters by a rule in the database, its SQL
// twin sits right below the rule; test/integration/sql-twins.test.ts checks that both agree.

/** A score of 3 or more on the 1–5 scale counts as high. */
export const HIGH_SCORE = 3;

export function powerInterestQuadrant(power: number, interest: number): PowerInterestQuadrant {
  const highPower = power >= HIGH_SCORE;
  const highInterest = interest >= HIGH_SCORE;
  if (highPower && highInterest) return PowerInterestQuadrant.MANAGE_CLOSELY;
  if (highPower) return PowerInterestQuadrant.KEEP_SATISFIED;
  if (highInterest) return PowerInterestQuadrant.KEEP_INFORMED;
  return PowerInterestQuadrant.MONITOR;
}

/** The halves of the grid each quadrant covers: high power, high interest. */
const HALVES: Record<PowerInterestQuadrant, [highPower: boolean, highInterest: boolean]> = {
  MANAGE_CLOSELY: [true, true],
  KEEP_SATISFIED: [true, false],
  KEEP_INFORMED: [false, true],
  MONITOR: [false, false],
};

/** The same rule as `powerInterestQuadrant`, as an SQL condition: assessment row `a` lies in `quadrant`. */
export function quadrantSql(quadrant: PowerInterestQuadrant, a = 'a'): string {
  const [highPower, highInterest] = HALVES[quadrant];
  return `${a}.power ${highPower ? '>=' : '<'} ${HIGH_SCORE} and ${a}.interest ${highInterest ? '>=' : '<'} ${HIGH_SCORE}`;
}

const CLASSES: Record<string, SalienceClass> = {
  '000': SalienceClass.NON_STAKEHOLDER,
  '100': SalienceClass.DORMANT,
  '010': SalienceClass.DISCRETIONARY,
  '001': SalienceClass.DEMANDING,
  '110': SalienceClass.DOMINANT,
  '101': SalienceClass.DANGEROUS,
  '011': SalienceClass.DEPENDENT,
  '111': SalienceClass.DEFINITIVE,
};

export function salienceClass(hasPower: boolean, hasLegitimacy: boolean, hasUrgency: boolean): SalienceClass {
  return CLASSES[`${+hasPower}${+hasLegitimacy}${+hasUrgency}`];
}

export interface Dated {
  assessedOn: string;
  createdAt: Date;
  archivedAt?: Date | null;
}

/** The current assessment: the latest by date (then by entry time) that is not archived, optionally as of a date. */
export function currentOf<T extends Dated>(assessments: readonly T[], asOf?: string): T | null {
  let best: T | null = null;
  for (const a of assessments) {
    if (a.archivedAt || (asOf && a.assessedOn > asOf)) continue;
    if (!best || a.assessedOn > best.assessedOn || (a.assessedOn === best.assessedOn && a.createdAt > best.createdAt)) best = a;
  }
  return best;
}

/**
 * The same rule as `currentOf` without `asOf`, as an SQL condition: assessment row `a` is the
 * current one of its stakeholder (`b` names the rival rows in the subquery).
 */
export function isCurrentAssessmentSql(a = 'a', b = 'b'): string {
  return `${a}.archived_at is null and not exists (select 1 from stakeholder_assessment ${b}
    where ${b}.stakeholder_id = ${a}.stakeholder_id and ${b}.archived_at is null
    and (${b}.assessed_on > ${a}.assessed_on or (${b}.assessed_on = ${a}.assessed_on and ${b}.created_at > ${a}.created_at)))`;
}
