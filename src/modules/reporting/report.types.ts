import { IsString } from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import type { ComplianceScope } from './compliance-report';
import { ListSize } from '../../shared/query-limits';
import { LocalDateScalar } from '../../shared/scalars';
import { IsOnOrAfter } from '../../shared/validation';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import type { MomentRow, ObligationRow } from '../accountability/moment-row';
import { AccountabilityForm } from '../accountability/accountability.enums';
import { Obligation } from '../accountability/obligation.entity';
import { Agreement } from '../agreement/agreement.entity';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';
import { Interest } from '../interest/interest.entity';
import { StakeholderCategory } from '../stakeholder/stakeholder-category.entity';
import { Stakeholder } from '../stakeholder/stakeholder.entity';
import { StrategicGoal } from '../strategic-goal/strategic-goal.entity';
import { ComplianceStatus, rollUp, type Counts } from './compliance';
import { DISCLOSURES } from './disclosures';

/** The largest `limit` or `overdueLimit` a report takes. */
export const REPORT_LIMIT_MAX = 500;

@InputType({ description: 'A period of days, both ends included.' })
export class PeriodInput {
  @Field(() => LocalDateScalar, { description: 'First day.' })
  @IsString()
  from!: string;

  @Field(() => LocalDateScalar, { description: 'Last day, on or after `from`.' })
  @IsString() @IsOnOrAfter('from')
  to!: string;
}

@ObjectType({ description: 'A period of days, both ends included.' })
export class Period {
  @Field(() => LocalDateScalar, { description: 'First day.' })
  from!: string;

  @Field(() => LocalDateScalar, { description: 'Last day.' })
  to!: string;
}

@ObjectType({ description: 'Accountability moments counted by their status on the report\'s as-of date.' })
export class StatusCounts {
  constructor(counts?: Counts) {
    if (!counts) return;
    this.met = counts.MET;
    this.metLate = counts.MET_LATE;
    this.overdue = counts.OVERDUE;
    this.dueSoon = counts.DUE_SOON;
    this.upcoming = counts.UPCOMING;
    this.waived = counts.WAIVED;
    this.explained = counts.EXPLAINED;
    this.total = Object.values(counts).reduce((a, b) => a + b, 0);
  }

  @Field(() => Int, { description: 'Held on or before the due date (tijdig).' })
  met = 0;

  @Field(() => Int, { description: 'Held after the due date (te laat).' })
  metLate = 0;

  @Field(() => Int, { description: 'Not held and past due (achterstallig).' })
  overdue = 0;

  @Field(() => Int, { description: 'Not held, due within the warning window.' })
  dueSoon = 0;

  @Field(() => Int, { description: 'Not held, due later.' })
  upcoming = 0;

  @Field(() => Int, { description: 'Waived with a reason (vervallen).' })
  waived = 0;

  @Field(() => Int, { description: 'Explained ("leg uit").' })
  explained = 0;

  @Field(() => Int, { description: 'All moments counted.' })
  total = 0;
}

@ObjectType({ description: 'Compliance of one provision (bepaling): its obligations and their moments due in the period.' })
export class ProvisionCompliance {
  @Field(() => CodeProvision, { description: 'The provision.' })
  provision!: CodeProvision;

  @Field(() => ComplianceStatus, { description: 'The rolled-up verdict.' })
  status!: ComplianceStatus;

  @Field(() => Int, { description: 'Obligations (not archived) that come from this provision.' })
  obligationCount!: number;

  @Field(() => StatusCounts, { description: 'Moments due in the period, by status on asOf.' })
  moments!: StatusCounts;

  @Field(() => [AccountabilityMoment], { description: 'Overdue moments, earliest due first (at most `overdueLimit`); follow `obligation { responsible }` for who must act.' })
  @ListSize({ arg: 'overdueLimit', max: REPORT_LIMIT_MAX })
  overdue!: MomentRow[];
}

@ObjectType({ description: 'Compliance with one governance code over the period.' })
export class CodeCompliance {
  @Field(() => GovernanceCode, { description: 'The code.' })
  code!: GovernanceCode;

  @Field(() => ComplianceStatus, { description: 'The rolled-up verdict over all its provisions.' })
  status!: ComplianceStatus;

  @Field(() => Int, { description: 'Obligations (not archived) from its provisions.' })
  obligationCount!: number;

  @Field(() => StatusCounts, { description: 'Moments due in the period, by status (each moment once, even when its obligation serves several provisions).' })
  moments!: StatusCounts;

  @Field(() => [ProvisionCompliance], { description: 'Provisions that have obligations, by position and reference; at most 100 per code and 200 in the whole report.' })
  @ListSize({ max: 100, total: 200, narrow: 'codeIds' })
  provisions!: ProvisionCompliance[];
}

@ObjectType({ description: 'Compliance with the accountability obligations of one agreement over the period.' })
export class AgreementCompliance {
  @Field(() => Agreement, { description: 'The agreement.' })
  agreement!: Agreement;

  @Field(() => ComplianceStatus, { description: 'The rolled-up verdict.' })
  status!: ComplianceStatus;

  @Field(() => Int, { description: 'Obligations (not archived) from this agreement.' })
  obligationCount!: number;

  @Field(() => StatusCounts, { description: 'Moments due in the period, by status on asOf.' })
  moments!: StatusCounts;

  @Field(() => [AccountabilityMoment], { description: 'Overdue moments, earliest due first (at most `overdueLimit`).' })
  @ListSize({ arg: 'overdueLimit', max: REPORT_LIMIT_MAX })
  overdue!: MomentRow[];
}

@ObjectType({ description: 'Which governance-code provisions and agreements were complied with in a period, as things stood on asOf.' })
export class ComplianceReport {
  @Field(() => LocalDateScalar, { description: 'The day the statuses are judged on.' })
  asOf!: string;

  @Field(() => Period, { description: 'Moments due in this period are counted.' })
  period!: Period;

  @Field(() => ComplianceStatus, { description: 'The verdict over everything in the report.' })
  status!: ComplianceStatus;

  @Field(() => StatusCounts, { description: 'All moments due in the period (codes and agreements), each once.' })
  moments!: StatusCounts;

  @Field(() => [CodeCompliance], { description: 'Per governance code that has obligations, by title; at most 20 (narrow the report with `codeIds`).' })
  @ListSize({ max: 20, narrow: 'codeIds' })
  codes!: CodeCompliance[];

  @Field(() => [AgreementCompliance], { description: 'Per agreement that has obligations, by title; at most 500 (narrow the report with `agreementIds`).' })
  @ListSize({ max: 500, narrow: 'agreementIds' })
  agreements!: AgreementCompliance[];

  @Field(() => Int, { description: 'Number of overdue moments due in the period.' })
  overdueCount!: number;

  @Field(() => [AccountabilityMoment], { description: 'Overdue moments due in the period, earliest first (at most `overdueLimit`).' })
  @ListSize({ arg: 'overdueLimit', max: REPORT_LIMIT_MAX })
  overdue!: MomentRow[];
  /** The codes and agreements asked for (not in the schema: for the fields resolved when asked). */
  scope?: ComplianceScope;
}

/** How the overview works out each of its parts, asked only for the parts a query selects. */
export interface OverviewParts {
  counts(): Promise<Counts>;
  overdueCount(): Promise<number>;
  overdue(): Promise<MomentRow[]>;
  dueNextCount(): Promise<number>;
  dueNext(): Promise<MomentRow[]>;
}

@ObjectType({ description: 'The accountability overview for dashboards: counts, what is overdue and what falls due soon.' })
export class AccountabilityOverview {
  // Each part is a statement of its own over every moment: a dashboard that asks for one count
  // (`dueNextCount`) runs that statement only, not the five.
  constructor(
    asOf: string,
    period: Period,
    private readonly parts: OverviewParts,
  ) {
    this.asOf = asOf;
    this.period = period;
  }

  @Field(() => LocalDateScalar, { description: 'The day the statuses are judged on.' })
  asOf: string;

  @Field(() => Period, { description: 'Moments due in this period are counted: from `from` (1 January of the as-of year by default) to `withinDays` after asOf.' })
  period: Period;

  @Field(() => ComplianceStatus, { description: 'The verdict over the counted moments.' })
  get status(): Promise<ComplianceStatus> {
    return this.parts.counts().then(rollUp);
  }

  @Field(() => StatusCounts, { description: 'Moments due in the period, by status.' })
  get moments(): Promise<StatusCounts> {
    return this.parts.counts().then((counts) => new StatusCounts(counts));
  }

  @Field(() => Int, { description: 'All overdue moments on asOf, whatever their due date.' })
  get overdueCount(): Promise<number> {
    return this.parts.overdueCount();
  }

  @Field(() => [AccountabilityMoment], { description: 'Overdue moments on asOf, earliest due first (at most `limit`).' })
  @ListSize({ arg: 'limit', max: REPORT_LIMIT_MAX })
  get overdue(): Promise<MomentRow[]> {
    return this.parts.overdue();
  }

  @Field(() => Int, { description: 'Moments not yet dealt with that fall due from asOf to `withinDays` after it.' })
  get dueNextCount(): Promise<number> {
    return this.parts.dueNextCount();
  }

  @Field(() => [AccountabilityMoment], { description: 'Those moments, earliest first (at most `limit`).' })
  @ListSize({ arg: 'limit', max: REPORT_LIMIT_MAX })
  get dueNext(): Promise<MomentRow[]> {
    return this.parts.dueNext();
  }
}

@ObjectType({ description: 'One obligation owed to a stakeholder or category, and whether it was delivered.' })
export class ObligationDelivery {
  @Field(() => Obligation, { description: 'The obligation.' })
  obligation!: Obligation;

  @Field(() => ComplianceStatus, { description: 'The verdict over its moments due in the period.' })
  status!: ComplianceStatus;

  @Field(() => StatusCounts, { description: 'Its moments due in the period, by status.' })
  moments!: StatusCounts;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The last day a moment of it was held, on or before asOf.' })
  lastHeldOn!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The next due date after asOf of a moment not yet dealt with.' })
  nextDueOn!: string | null;
}

@ObjectType({ description: 'What is owed to a stakeholder or a category (directly, or through the category) and whether it was delivered.' })
export class AudienceAccountability {
  @Field(() => Stakeholder, { nullable: true, description: 'The stakeholder asked about.' })
  stakeholder!: Stakeholder | null;

  @Field(() => StakeholderCategory, { nullable: true, description: 'The category asked about.' })
  category!: StakeholderCategory | null;

  @Field(() => LocalDateScalar, { description: 'The day the statuses are judged on.' })
  asOf!: string;

  @Field(() => Period, { description: 'Moments due in this period are counted.' })
  period!: Period;

  @Field(() => ComplianceStatus, { description: 'The verdict over all obligations owed.' })
  status!: ComplianceStatus;

  @Field(() => StatusCounts, { description: 'All their moments due in the period.' })
  moments!: StatusCounts;

  @Field(() => [ObligationDelivery], { description: 'Per obligation owed, by title; at most 200.' })
  @ListSize({ max: 200 })
  obligations!: ObligationDelivery[];
}

@ObjectType({ description: 'Engagement with one stakeholder category in the year (ESRS 2 SBM-2 §45 (a)(i–ii), GRI 2-29 (a)(i)).' })
export class CategoryEngagement {
  @Field(() => StakeholderCategory, { description: 'The category.' })
  category!: StakeholderCategory;

  @Field(() => Int, { description: 'Stakeholders of the category in the register (not archived).' })
  stakeholderCount!: number;

  @Field(() => Int, { description: 'Of those, how many took part in at least one interaction in the year.' })
  engagedStakeholderCount!: number;

  @Field(() => Int, { nullable: true, description: 'engagedStakeholderCount as a whole percentage of stakeholderCount (bereik in procenten); null without stakeholders.' })
  engagedPercent!: number | null;

  @Field(() => Int, { description: 'Interactions (contactmomenten) in the year with at least one of its stakeholders.' })
  interactionCount!: number;
}

@ObjectType({ description: 'Moments of one form of accountability in the year (how engagement is organised: §45 (a)(iii)).' })
export class FormAccountability {
  @Field(() => AccountabilityForm, { description: 'The form.' })
  form!: AccountabilityForm;

  @Field(() => StatusCounts, { description: 'Its moments due in the year, by status.' })
  moments!: StatusCounts;
}

@ObjectType({ description: 'One line of the apply-or-explain table ("pas toe of leg uit"): a provision and how it was applied.' })
export class ApplyOrExplainLine {
  @Field(() => GovernanceCode, { description: 'The code.' })
  code!: GovernanceCode;

  @Field(() => CodeProvision, { description: 'The provision.' })
  provision!: CodeProvision;

  @Field(() => Int, { description: 'Obligations from it that are applied.' })
  appliedCount!: number;

  @Field(() => Int, { description: 'Obligations from it that are explained (with the explanation given by asOf).' })
  explainedCount!: number;

  @Field(() => [Obligation], { description: 'The explained obligations, with their explanation (uitleg) and its day; at most 20 per line and 100 in the whole report.' })
  @ListSize({ max: 20, total: 100 })
  explained!: ObligationRow[];

  @Field(() => ComplianceStatus, { description: 'The verdict over its moments due in the year.' })
  status!: ComplianceStatus;
}

@ObjectType({ description: 'Which part of the report answers which disclosure requirement.' })
export class DisclosureReference {
  @Field({ description: 'The standard and paragraph, e.g. "ESRS 2 SBM-2 §45 (a)".' })
  requirement!: string;

  @Field({ description: 'What it asks, summarised in our own words.' })
  asks!: string;

  @Field({ description: 'The fields of this report that answer it.' })
  answeredBy!: string;
}

@ObjectType({
  description:
    'The data for the annual report\'s chapter on accountability to stakeholders (verantwoording aan belanghebbenden), organised to answer ESRS 2 SBM-2 §45 (a)–(d) and GRI 2-29; see `disclosures`.',
})
export class AnnualReport {
  @Field(() => Int, { description: 'The report year.' })
  year!: number;

  @Field(() => LocalDateScalar, { description: 'The day the statuses are judged on.' })
  asOf!: string;

  @Field(() => Period, { description: '1 January to 31 December of the year.' })
  period!: Period;

  @Field(() => [CategoryEngagement], { description: 'Engagement per stakeholder category, by category name (categories with stakeholders); at most 100.' })
  @ListSize({ max: 100 })
  engagement!: CategoryEngagement[];

  @Field(() => Int, { description: 'Interactions in the year.' })
  interactionCount!: number;

  @Field(() => Int, { description: 'Stakeholders engaged in at least one interaction in the year.' })
  engagedStakeholderCount!: number;

  @Field(() => Int, { description: 'Interests (belangen) raised in the year or answered in it.' })
  interestCount!: number;

  @Field(() => Int, { description: 'Of those, how many had a response (reactie) by asOf.' })
  answeredInterestCount!: number;

  @Field(() => Int, { nullable: true, description: 'answeredInterestCount as a whole percentage of interestCount (beantwoord in procenten); null without interests.' })
  answeredInterestPercent!: number | null;

  @Field(() => [Interest], { description: 'Those interests, most important first (at most `limit`): follow `response` and `goals` for what was done with the input.' })
  @ListSize({ arg: 'limit', max: REPORT_LIMIT_MAX })
  interests!: Interest[];

  @Field(() => [StrategicGoal], { description: 'Strategic goals whose period overlaps the year, by title (at most `limit`): follow `progress(asOf)` and `health(asOf)`.' })
  @ListSize({ arg: 'limit', max: REPORT_LIMIT_MAX })
  goals!: StrategicGoal[];

  @Field(() => StatusCounts, { description: 'Accountability moments due in the year, by status on asOf.' })
  moments!: StatusCounts;

  @Field(() => Int, { description: 'Moments held in the year (whatever their due date).' })
  heldCount!: number;

  @Field(() => [FormAccountability], { description: 'Moments due in the year per form of accountability.' })
  @ListSize({ max: Object.keys(AccountabilityForm).length })
  byForm!: FormAccountability[];

  @Field(() => [ApplyOrExplainLine], { description: 'The apply-or-explain table per code and provision; at most 200 lines.' })
  @ListSize({ max: 200 })
  applyOrExplain!: ApplyOrExplainLine[];

  @Field(() => [DisclosureReference], { description: 'Where ESRS 2 SBM-2 §45 (a)–(d) and GRI 2-29 are answered.' })
  @ListSize({ max: DISCLOSURES.length })
  disclosures!: DisclosureReference[];
}
