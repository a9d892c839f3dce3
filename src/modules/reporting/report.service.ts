import type { EntityManager } from '@mikro-orm/core';
import type { LocalDate } from '../../shared/dates';
import { annualReport } from './annual-report';
import { audienceReport, type AudienceTarget } from './audience-report';
import { complianceReport, type ComplianceScope } from './compliance-report';
import { overviewReport } from './overview-report';
import type { Period } from './report-sql';
import type { AccountabilityOverview, AnnualReport, AudienceAccountability, ComplianceReport } from './report.types';

// The reports the resolver asks for; each lives in a file of its own (compliance-, overview-,
// audience- and annual-report.ts), the SQL they share in report-sql.ts.

export class ReportService {
  async compliance(em: EntityManager, period: Period, asOf: LocalDate, scope: ComplianceScope, overdueLimit: number): Promise<ComplianceReport> {
    // The scope goes with the report, for the fields resolved only when asked (report-additions).
    return Object.assign(await complianceReport(em, period, asOf, scope, overdueLimit), { scope });
  }

  overview(em: EntityManager, asOf: LocalDate, withinDays: number, from: LocalDate | null, limit: number): AccountabilityOverview {
    return overviewReport(em, asOf, withinDays, from, limit);
  }

  audience(em: EntityManager, target: AudienceTarget, period: Period, asOf: LocalDate): Promise<AudienceAccountability> {
    return audienceReport(em, target, period, asOf);
  }

  annual(em: EntityManager, year: number, asOf: LocalDate, limit: number): Promise<AnnualReport> {
    return annualReport(em, year, asOf, limit);
  }
}
