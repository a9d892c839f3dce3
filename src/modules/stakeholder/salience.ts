import { PowerInterestQuadrant, SalienceClass } from './stakeholder.enums';

// Pure rules: no database, no clock.

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
