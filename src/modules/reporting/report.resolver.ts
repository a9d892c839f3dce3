import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { isUuid } from '../../shared/crud';
import { badInput } from '../../shared/errors';
import { LocalDateScalar } from '../../shared/scalars';
import { LIST_MAX } from '../../shared/validation';
import { AccountabilityOverview, AnnualReport, AudienceAccountability, ComplianceReport, PeriodInput, REPORT_LIMIT_MAX } from './report.types';
import { ReportService } from './report.service';
import { clock } from '../../shared/clock';

const PERIOD_DAYS_MAX = 366 * 10;

function checkLimit(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > REPORT_LIMIT_MAX) throw badInput(name, `${name} must be from 0 to ${REPORT_LIMIT_MAX}`);
  return value;
}

function checkPeriod(period: PeriodInput): PeriodInput {
  const days = (Date.parse(period.to) - Date.parse(period.from)) / 86_400_000;
  if (days > PERIOD_DAYS_MAX) throw badInput('period.to', 'a report period is at most ten years');
  return period;
}

const asOfArg = { nullable: true, description: 'The day to judge on; today when left out. Give it to get the same answer later.' } as const;

@Resolver()
export class ReportResolver {
  private readonly service = new ReportService();

  @Query(() => ComplianceReport, {
    description:
      'Compliance report (nalevingsrapportage): per governance code and provision, and per agreement, the obligations, the moments due in the period by status on `asOf`, a rolled-up verdict and the overdue moments with who is responsible.',
  })
  async complianceReport(
    @Arg('period', () => PeriodInput, { description: 'Moments due in this period are counted.' }) period: PeriodInput,
    @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null,
    @Arg('codeIds', () => [ID], { nullable: true, description: 'Only these governance codes (and, unless agreementIds is given too, no agreements).' }) codeIds: string[] | null,
    @Arg('agreementIds', () => [ID], { nullable: true, description: 'Only these agreements (and, unless codeIds is given too, no codes).' }) agreementIds: string[] | null,
    @Arg('overdueLimit', () => Int, { defaultValue: 20, description: `How many overdue moments to list per line (0–${REPORT_LIMIT_MAX}).` }) overdueLimit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ComplianceReport> {
    checkLimit('overdueLimit', overdueLimit);
    for (const [name, ids] of [['codeIds', codeIds], ['agreementIds', agreementIds]] as const) {
      if (ids && ids.length > LIST_MAX) throw badInput(name, `at most ${LIST_MAX} ids`);
      // As in every filter: PostgreSQL refuses to compare a uuid column with anything else.
      if (ids?.some((id) => !isUuid(id))) throw badInput(name, `each value in ${name} must be a UUID`);
    }
    return this.service.compliance(ctx.em, checkPeriod(period), asOf ?? clock.today(), { codeIds, agreementIds }, overdueLimit);
  }

  @Query(() => AccountabilityOverview, {
    description: 'Accountability overview for dashboards: counts by status, what is overdue, and what falls due in the next `withinDays` days.',
  })
  async accountabilityOverview(
    @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null,
    @Arg('withinDays', () => Int, { defaultValue: 30, description: 'How many days ahead count as "next" (0–366).' }) withinDays: number,
    @Arg('from', () => LocalDateScalar, { nullable: true, description: 'Count moments due from this day; 1 January of the as-of year when left out.' }) from: string | null,
    @Arg('limit', () => Int, { defaultValue: 20, description: `How many moments to list in each list (0–${REPORT_LIMIT_MAX}).` }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AccountabilityOverview> {
    if (!Number.isInteger(withinDays) || withinDays < 0 || withinDays > 366) throw badInput('withinDays', 'withinDays must be from 0 to 366');
    checkLimit('limit', limit);
    const day = asOf ?? clock.today();
    if (from && from > day) throw badInput('from', 'from must be on or before asOf');
    return this.service.overview(ctx.em, day, withinDays, from, limit);
  }

  @Query(() => AudienceAccountability, {
    description: 'Accountability to one stakeholder or one category: what is owed to them (directly or through the category) and whether it was delivered. Give exactly one of stakeholderId, categoryId and categoryKey.',
  })
  async accountabilityTo(
    @Arg('stakeholderId', () => ID, { nullable: true, description: 'The stakeholder.' }) stakeholderId: string | null,
    @Arg('categoryId', () => ID, { nullable: true, description: 'The stakeholder category, by id.' }) categoryId: string | null,
    @Arg('categoryKey', () => String, { nullable: true, description: 'The stakeholder category, by key (e.g. `huurdersorganisatie`).' }) categoryKey: string | null,
    @Arg('period', () => PeriodInput, { description: 'Moments due in this period are counted.' }) period: PeriodInput,
    @Arg('asOf', () => LocalDateScalar, asOfArg) asOf: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AudienceAccountability> {
    const given = [stakeholderId, categoryId, categoryKey].filter((x) => x != null).length;
    if (given !== 1) throw badInput(stakeholderId ? 'categoryId' : 'stakeholderId', 'give exactly one of stakeholderId, categoryId and categoryKey');
    return this.service.audience(ctx.em, { stakeholderId, categoryId, categoryKey }, checkPeriod(period), asOf ?? clock.today());
  }

  @Query(() => AnnualReport, {
    description:
      'The data for the annual report\'s chapter on accountability to stakeholders (jaarverslag, verantwoording aan belanghebbenden) for one year, as things stood on `asOf`; organised to answer ESRS 2 SBM-2 §45 (a)–(d) and GRI 2-29.',
  })
  async annualReport(
    @Arg('year', () => Int, { description: 'The report year (1900–2200).' }) year: number,
    @Arg('asOf', () => LocalDateScalar, { nullable: true, description: 'The day to judge on; today when left out. For a published report give the day it was drawn up.' }) asOf: string | null,
    @Arg('limit', () => Int, { defaultValue: 100, description: `How many interests and goals to list (0–${REPORT_LIMIT_MAX}); the counts cover all.` }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AnnualReport> {
    if (!Number.isInteger(year) || year < 1900 || year > 2200) throw badInput('year', 'year must be from 1900 to 2200');
    checkLimit('limit', limit);
    return this.service.annual(ctx.em, year, asOf ?? clock.today(), limit);
  }
}
