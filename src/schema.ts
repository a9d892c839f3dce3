import { getNamedType, type GraphQLSchema } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, buildSchema, type MiddlewareFn, type NonEmptyArray } from 'type-graphql';
import { AccountabilityMoment } from './modules/accountability/accountability-moment.entity';
import { Obligation } from './modules/accountability/obligation.entity';
import { Agreement } from './modules/agreement/agreement.entity';
import { Commitment } from './modules/commitment/commitment.entity';
import { CommitmentResolver, InteractionCommitmentsResolver, MomentCommitmentsResolver, StakeholderCommitmentsResolver } from './modules/commitment/commitment.resolver';
import { PersonalDataExportListsResolver, PersonalDataResolver } from './modules/privacy/personal-data.resolver';
import { AuditResolver, HistoryResolver } from './modules/audit/audit.resolver';
import { AuditAuthorResolver, AuditChangeValueResolver } from './modules/audit/audit-visibility.resolver';
import { CodeProvision } from './modules/governance/code-provision.entity';
import { GovernanceCode } from './modules/governance/governance-code.entity';
import { FollowUpAction } from './modules/interaction/follow-up-action.entity';
import { Interaction } from './modules/interaction/interaction.entity';
import { Interest } from './modules/interest/interest.entity';
import { ContactPerson } from './modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from './modules/stakeholder/stakeholder-assessment.entity';
import { Stakeholder } from './modules/stakeholder/stakeholder.entity';
import { StrategicGoal } from './modules/strategic-goal/strategic-goal.entity';
import { ApiTokenResolver, UserResolver } from './modules/access/access.resolver';
import { AccountabilityMomentResolver, EvidenceDocumentResolver } from './modules/accountability/accountability-moment.resolver';
import { ObligationResolver, ProvisionObligationsResolver } from './modules/accountability/obligation.resolver';
import { AgreementResolver } from './modules/agreement/agreement.resolver';
import { CodeProvisionResolver } from './modules/governance/code-provision.resolver';
import { GovernanceCodeResolver } from './modules/governance/governance-code.resolver';
import { FollowUpActionResolver } from './modules/interaction/follow-up-action.resolver';
import { InteractionResolver } from './modules/interaction/interaction.resolver';
import { InterestResolver } from './modules/interest/interest.resolver';
import { ContactPersonResolver } from './modules/stakeholder/contact-person.resolver';
import { StakeholderAssessmentResolver } from './modules/stakeholder/stakeholder-assessment.resolver';
import { StakeholderCategoryResolver } from './modules/stakeholder/stakeholder-category.resolver';
import { ReportResolver } from './modules/reporting/report.resolver';
import { StakeholderResolver } from './modules/stakeholder/stakeholder.resolver';
import { GoalMeasurementResolver } from './modules/strategic-goal/goal-measurement.resolver';
import { StrategicGoalResolver } from './modules/strategic-goal/strategic-goal.resolver';
import { assertPolicyCovers, enforcePolicy } from './modules/access/policy';
import { BadUserInputError, flattenValidationErrors } from './shared/errors';
import { guardLists } from './shared/response-budget';

/** The one list of resolvers. */
export const resolvers: NonEmptyArray<Function> = [
  StakeholderCategoryResolver,
  StakeholderResolver,
  ContactPersonResolver,
  StakeholderAssessmentResolver,
  InterestResolver,
  StrategicGoalResolver,
  GoalMeasurementResolver,
  AgreementResolver,
  InteractionResolver,
  FollowUpActionResolver,
  GovernanceCodeResolver,
  CodeProvisionResolver,
  ObligationResolver,
  ProvisionObligationsResolver,
  AccountabilityMomentResolver,
  EvidenceDocumentResolver,
  CommitmentResolver,
  StakeholderCommitmentsResolver,
  InteractionCommitmentsResolver,
  MomentCommitmentsResolver,
  ReportResolver,
  UserResolver,
  ApiTokenResolver,
  AuditResolver,
  AuditAuthorResolver,
  AuditChangeValueResolver,
  PersonalDataResolver,
  PersonalDataExportListsResolver,
  HistoryResolver(Stakeholder, 'stakeholder'),
  HistoryResolver(ContactPerson, 'contact person'),
  HistoryResolver(StakeholderAssessment, 'assessment'),
  HistoryResolver(Interest, 'interest'),
  HistoryResolver(StrategicGoal, 'goal'),
  HistoryResolver(Agreement, 'agreement'),
  HistoryResolver(Interaction, 'interaction'),
  HistoryResolver(FollowUpAction, 'follow-up action'),
  HistoryResolver(GovernanceCode, 'governance code'),
  HistoryResolver(CodeProvision, 'provision'),
  HistoryResolver(Obligation, 'obligation'),
  HistoryResolver(AccountabilityMoment, 'accountability moment'),
  HistoryResolver(Commitment, 'commitment'),
];

/**
 * type-graphql reports class-validator failures without the argument's name; this names
 * every field at fault with its full path (`input.name`, `filter.tags.0`).
 */
const namedInputErrors: MiddlewareFn = ({ info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  // Only arguments are validated: a field without them passes straight through, without the
  // promise an async middleware would give every scalar of a large response.
  if (!field?.args.length) return next();
  return (async () => {
    try {
      return await next();
    } catch (error) {
      if (!(error instanceof ArgumentValidationError)) throw error;
      const errors = (error.extensions.validationErrors ?? []) as ValidationError[];
      const typeName = errors[0]?.target?.constructor?.name;
      const arg = field.args.find((a) => getNamedType(a.type).name === typeName);
      throw new BadUserInputError(flattenValidationErrors(errors, arg?.name ?? ''));
    }
  })();
};

let cached: Promise<GraphQLSchema> | undefined;

async function build(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // class-validator on every input; nulls are validated too (type-graphql skips them by default).
    validate: { skipMissingProperties: false, forbidUnknownValues: false },
    // Who may call what (modules/access/policy.ts) is decided first, before inputs are validated.
    globalMiddlewares: [enforcePolicy, namedInputErrors],
  });
  assertPolicyCovers(schema);
  guardLists(schema);
  // type-graphql cannot describe the root types; dashboards read these in the docs pane.
  schema.getQueryType()!.description =
    'Read the stakeholder register (belanghebbendenregister): stakeholders, their interests, goals, agreements and interactions; obligations, accountability moments and the compliance reports.';
  schema.getMutationType()!.description =
    'Change the register: stakeholders and their relations, governance codes, obligations and accountability moments. Every mutation runs in one transaction: when it fails, nothing is written.';
  return schema;
}

export function buildAppSchema(): Promise<GraphQLSchema> {
  cached ??= build();
  return cached;
}
