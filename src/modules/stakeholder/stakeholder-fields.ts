import { clock } from '../../shared/clock';
import { ArchiveFilter, matchesArchive } from '../../shared/filters';
import { byDateDesc, byName } from '../../shared/order';
import { takeFirst, type PageLimits } from '../../shared/pagination';
import type { ContactPerson } from './contact-person.entity';
import { currentOf } from './salience';
import type { StakeholderAssessment } from './stakeholder-assessment.entity';
import type { PowerInterestQuadrant, SalienceClass } from './stakeholder.enums';

// What a stakeholder's fields answer from the rows they read: one rule each, used by the field
// resolvers (stakeholder.resolver.ts) and by the planned read of the stakeholder page
// (stakeholder-plan.ts), so that both paths cannot answer differently.

/** `contacts(archived, first)` from all contact rows of the stakeholder. */
export function contactsFrom(all: readonly ContactPerson[], archived: ArchiveFilter, first: number | null | undefined, limits: PageLimits): ContactPerson[] {
  return takeFirst(all.filter((c) => matchesArchive(c, archived)).sort(byName), first, limits);
}

const byAssessedOn = byDateDesc<StakeholderAssessment>((a) => a.assessedOn);

/** `assessments(archived, first)` from all assessment rows: latest first. */
export function assessmentsFrom(all: readonly StakeholderAssessment[], archived: ArchiveFilter, first: number | null | undefined, limits: PageLimits): StakeholderAssessment[] {
  return takeFirst(all.filter((a) => matchesArchive(a, archived)).sort(byAssessedOn), first, limits);
}

/** `currentAssessment(asOf)`: the latest on or before the day (today when left out). */
export function currentAssessmentFrom(all: readonly StakeholderAssessment[], asOf: string | null | undefined): StakeholderAssessment | null {
  return currentOf(all, asOf ?? clock.today());
}

/** `quadrant`: of the current assessment, null when never assessed. */
export function quadrantFrom(all: readonly StakeholderAssessment[]): PowerInterestQuadrant | null {
  return currentOf(all)?.quadrant ?? null;
}

/** `salienceClass`: of the current assessment, null when never assessed. */
export function salienceClassFrom(all: readonly StakeholderAssessment[]): SalienceClass | null {
  return currentOf(all)?.salienceClass ?? null;
}
