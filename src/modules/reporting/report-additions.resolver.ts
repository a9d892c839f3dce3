import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { FirstArg } from '../../shared/pagination';
import { ListSize } from '../../shared/query-limits';
import { AccountabilityMoment } from '../accountability/accountability-moment.entity';
import type { MomentRow } from '../accountability/moment-row';
import { CommitmentStatus } from '../commitment/commitment-status';
import { applyOrExplainTable, commitmentsReport, explanationsToReview, explanationsToReviewCount, heldNotDocumented, heldNotDocumentedCount, stakeholdersOfCategory } from './report-additions';
import { APPLY_OR_EXPLAIN_MAX, ApplyOrExplainEntry, COMMITMENTS_MAX, CommitmentsReport, ExplanationInForce } from './report-additions.types';
import { AccountabilityOverview, AnnualReport, AudienceAccountability, ComplianceReport } from './report.types';

// The report fields of "accountability as it really happens", as field resolvers: each runs its
// few statements only when a query selects it, with the report's own asOf, period and scope.

/** How many a list asks for with `first` (checked before execution, as every nested `first`). */
const sizeOf = (first: number | null, ctx: RequestContext) => first ?? ctx.pageLimits.defaultPageSize;

/** The day a year's report judges on: its last day, or asOf if that is earlier. */
const yearEnd = (year: number, asOf: string) => (`${year}-12-31` < asOf ? `${year}-12-31` : asOf);

@Resolver(() => ComplianceReport)
export class ComplianceReportAdditions {
  @FieldResolver(() => [ApplyOrExplainEntry], {
    description: `The apply-or-explain table ("pas toe of leg uit"): per provision of the codes in the report and per year of the period (up to asOf), APPLY or EXPLAIN with the explanations in force; at most ${APPLY_OR_EXPLAIN_MAX} lines (narrow with codeIds or a shorter period).`,
  })
  @ListSize({ max: APPLY_OR_EXPLAIN_MAX, narrow: 'codeIds' })
  applyOrExplain(@Root() r: ComplianceReport, @Ctx() ctx: RequestContext): Promise<ApplyOrExplainEntry[]> {
    return applyOrExplainTable(ctx.em, r.asOf, r.period, r.scope ?? {});
  }

  @FieldResolver(() => Int, { description: 'Moments due in the period that were held by asOf but have no evidence that counts on asOf ("held, not documented").' })
  heldNotDocumentedCount(@Root() r: ComplianceReport, @Ctx() ctx: RequestContext): Promise<number> {
    return heldNotDocumentedCount(ctx.em, r.asOf, r.period, r.scope ?? {});
  }

  @FieldResolver(() => [AccountabilityMoment], { description: 'Those moments, earliest due first: add evidence to them.' })
  heldNotDocumented(@Root() r: ComplianceReport, @FirstArg() first: number | null, @Ctx() ctx: RequestContext): Promise<MomentRow[]> {
    return heldNotDocumented(ctx.em, r.asOf, r.period, r.scope ?? {}, sizeOf(first, ctx));
  }
}

@Resolver(() => AccountabilityOverview)
export class OverviewAdditions {
  @FieldResolver(() => Int, { description: 'Moments due in the period that were held by asOf but have no evidence that counts on asOf ("held, not documented").' })
  heldNotDocumentedCount(@Root() r: AccountabilityOverview, @Ctx() ctx: RequestContext): Promise<number> {
    return heldNotDocumentedCount(ctx.em, r.asOf, r.period, {});
  }

  @FieldResolver(() => Int, { description: 'Explanations in force on asOf whose review date has passed.' })
  explanationsToReviewCount(@Root() r: AccountabilityOverview, @Ctx() ctx: RequestContext): Promise<number> {
    return explanationsToReviewCount(ctx.em, r.asOf);
  }

  @FieldResolver(() => [ExplanationInForce], { description: 'Explanations ("leg uit") in force on asOf whose review date has passed, earliest review first: to be reviewed.' })
  explanationsToReview(@Root() r: AccountabilityOverview, @FirstArg() first: number | null, @Ctx() ctx: RequestContext) {
    return explanationsToReview(ctx.em, r.asOf, sizeOf(first, ctx));
  }

  @FieldResolver(() => CommitmentsReport, { description: `Commitments (toezeggingen) made by asOf, by status, with the overdue ones listed (earliest due first, at most ${COMMITMENTS_MAX}).` })
  commitments(@Root() r: AccountabilityOverview, @Ctx() ctx: RequestContext): Promise<CommitmentsReport> {
    return commitmentsReport(ctx.em, r.asOf, null, [CommitmentStatus.OVERDUE]);
  }
}

@Resolver(() => AudienceAccountability)
export class AudienceAdditions {
  @FieldResolver(() => CommitmentsReport, {
    description: `What was promised to them (toezeggingen: to the stakeholder, or to the category's stakeholders) and whether it was delivered: counts by status on asOf, and every commitment listed (earliest due first, at most ${COMMITMENTS_MAX}).`,
  })
  async commitments(@Root() r: AudienceAccountability, @Ctx() ctx: RequestContext): Promise<CommitmentsReport> {
    const ids = r.stakeholder ? [r.stakeholder.id] : r.category ? await stakeholdersOfCategory(ctx.em, r.category.id) : [];
    return commitmentsReport(ctx.em, r.asOf, ids, Object.values(CommitmentStatus));
  }
}

@Resolver(() => AnnualReport)
export class AnnualReportAdditions {
  @FieldResolver(() => [ApplyOrExplainEntry], {
    description: 'The apply-or-explain table for the year, per provision: APPLY or EXPLAIN by the decision in force on 31 December (or asOf, if earlier), as decided by asOf, with the explanations in force.',
  })
  @ListSize({ max: APPLY_OR_EXPLAIN_MAX })
  applyOrExplainTable(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<ApplyOrExplainEntry[]> {
    return applyOrExplainTable(ctx.em, r.asOf, r.period, {});
  }

  @FieldResolver(() => CommitmentsReport, {
    description: `Commitments (toezeggingen) made by the end of the year (or asOf, if earlier), by their status then, with those delivered late or overdue listed (earliest due first, at most ${COMMITMENTS_MAX}).`,
  })
  commitments(@Root() r: AnnualReport, @Ctx() ctx: RequestContext): Promise<CommitmentsReport> {
    return commitmentsReport(ctx.em, yearEnd(r.year, r.asOf), null, [CommitmentStatus.OVERDUE, CommitmentStatus.DELIVERED_LATE]);
  }
}
