import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateScalar } from '../../shared/scalars';
import { ListSize } from '../../shared/query-limits';
import { Application } from '../accountability/moment-status';
import { Obligation } from '../accountability/obligation.entity';
import { ObligationApplication } from '../accountability/obligation-application.entity';
import { Commitment } from '../commitment/commitment.entity';
import { CommitmentStatus } from '../commitment/commitment-status';
import { CodeProvision } from '../governance/code-provision.entity';
import { GovernanceCode } from '../governance/governance-code.entity';

// The report parts of "accountability as it really happens": the apply-or-explain table per
// provision and year, explanations due for review, commitments (toezeggingen) and their
// status. Fields of the existing reports, resolved only when a query asks for them.

/** Most provision-year entries in one apply-or-explain table (narrow with codeIds, or a shorter period). */
export const APPLY_OR_EXPLAIN_MAX = 500;
/** Most explanations listed per entry. */
export const EXPLANATIONS_PER_ENTRY = 10;
/** Most commitments a report lists. */
export const COMMITMENTS_MAX = 200;

@ObjectType({ description: 'An explanation ("leg uit") in force: the obligation and the decision that explains it.' })
export class ExplanationInForce {
  @Field(() => Obligation, { description: 'The explained obligation.' })
  obligation!: Obligation;

  @Field(() => ObligationApplication, { description: 'The decision in force: the explanation, who decided and when, from when, and its review date.' })
  decision!: ObligationApplication;
}

@ObjectType({ description: 'One line of the apply-or-explain table ("pas toe of leg uit") for one provision and one year.' })
export class ApplyOrExplainEntry {
  @Field(() => Int, { description: 'The reporting year.' })
  year!: number;

  @Field(() => GovernanceCode, { description: 'The code.' })
  code!: GovernanceCode;

  @Field(() => CodeProvision, { description: 'The provision (bepaling).' })
  provision!: CodeProvision;

  @Field(() => Application, { description: 'EXPLAIN when an obligation from the provision was explained for the year (the decision in force on its last day, or on asOf if earlier, as decided by asOf), else APPLY.' })
  application!: Application;

  @Field(() => Int, { description: 'Obligations from it that applied in the year.' })
  obligationCount!: number;

  @Field(() => [ExplanationInForce], { description: `The explanations in force, by obligation title; at most ${EXPLANATIONS_PER_ENTRY}.` })
  @ListSize({ max: EXPLANATIONS_PER_ENTRY })
  explanations!: ExplanationInForce[];
}

@ObjectType({ description: 'Commitments (toezeggingen) counted by their status on the report\'s as-of date.' })
export class CommitmentCounts {
  @Field(() => Int, { description: 'Not delivered, due later (openstaand).' })
  open = 0;

  @Field(() => Int, { description: 'Not delivered, due soon (binnenkort).' })
  dueSoon = 0;

  @Field(() => Int, { description: 'Not delivered, past due (verlopen).' })
  overdue = 0;

  @Field(() => Int, { description: 'Delivered on or before the due date (tijdig nagekomen).' })
  deliveredOnTime = 0;

  @Field(() => Int, { description: 'Delivered after the due date (te laat nagekomen).' })
  deliveredLate = 0;

  @Field(() => Int, { description: 'Withdrawn with a reason (ingetrokken).' })
  withdrawn = 0;

  @Field(() => Int, { description: 'All commitments made by asOf.' })
  total = 0;

  static of(counts: Record<CommitmentStatus, number>): CommitmentCounts {
    return Object.assign(new CommitmentCounts(), {
      open: counts.OPEN,
      dueSoon: counts.DUE_SOON,
      overdue: counts.OVERDUE,
      deliveredOnTime: counts.DELIVERED_ON_TIME,
      deliveredLate: counts.DELIVERED_LATE,
      withdrawn: counts.WITHDRAWN,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    });
  }
}

@ObjectType({ description: 'A commitment (toezegging) with its status on the report\'s as-of date.' })
export class CommitmentInReport {
  @Field(() => Commitment, { description: 'The commitment.' })
  commitment!: Commitment;

  @Field(() => CommitmentStatus, { description: 'Its status on asOf.' })
  status!: CommitmentStatus;
}

@ObjectType({ description: 'What was promised (toezeggingen) and whether it was delivered, as things stood on asOf.' })
export class CommitmentsReport {
  @Field(() => LocalDateScalar, { description: 'The day the statuses are judged on.' })
  asOf!: string;

  @Field(() => CommitmentCounts, { description: 'The commitments made by asOf, by status.' })
  counts!: CommitmentCounts;

  @Field(() => [CommitmentInReport], { description: `The commitments listed (which ones: see the field that holds this), earliest due first; at most ${COMMITMENTS_MAX}.` })
  @ListSize({ max: COMMITMENTS_MAX })
  listed!: CommitmentInReport[];

  @Field(() => Int, { description: 'How many there are to list in all (more than listed when the list was cut).' })
  listedTotal!: number;
}
