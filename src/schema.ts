import { defaultFieldResolver, getNamedType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError, buildSchema, type NonEmptyArray } from 'type-graphql';
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
import { StakeholderOwnersResolver, UserPortfolioResolver } from './modules/access/portfolio-scope.resolver';
import { AccountabilityMomentResolver, EvidenceDocumentResolver } from './modules/accountability/accountability-moment.resolver';
import { ObligationResolver, ObligationScheduleResolver, ProvisionObligationsResolver } from './modules/accountability/obligation.resolver';
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
import { StatusLabelResolver } from './modules/reporting/status-label.resolver';
import { SavedOperationResolver } from './modules/saved-operation/saved-operation.resolver';
import { AnnualReportAdditions, AudienceAdditions, ComplianceReportAdditions, OverviewAdditions } from './modules/reporting/report-additions.resolver';
import { StakeholderResolver } from './modules/stakeholder/stakeholder.resolver';
import { GoalMeasurementResolver } from './modules/strategic-goal/goal-measurement.resolver';
import { StrategicGoalResolver } from './modules/strategic-goal/strategic-goal.resolver';
import type { AppContext } from './modules/access/access.service';
import { assertPolicyCovers, checkRootField } from './modules/access/policy';
import { BadUserInputError, flattenValidationErrors } from './shared/errors';
import { guardLists } from './shared/response-budget';
import { VALIDATION_OPTIONS } from './shared/validation';

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
  ObligationScheduleResolver,
  AccountabilityMomentResolver,
  EvidenceDocumentResolver,
  CommitmentResolver,
  StakeholderCommitmentsResolver,
  InteractionCommitmentsResolver,
  MomentCommitmentsResolver,
  ReportResolver,
  StatusLabelResolver,
  SavedOperationResolver,
  ComplianceReportAdditions,
  OverviewAdditions,
  AudienceAdditions,
  AnnualReportAdditions,
  UserResolver,
  UserPortfolioResolver,
  StakeholderOwnersResolver,
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
function namedInputError(field: GraphQLField<unknown, unknown>, error: unknown): unknown {
  if (!(error instanceof ArgumentValidationError)) return error;
  const errors = (error.extensions.validationErrors ?? []) as ValidationError[];
  const typeName = errors[0]?.target?.constructor?.name;
  const arg = field.args.find((a) => getNamedType(a.type).name === typeName);
  return new BadUserInputError(flattenValidationErrors(errors, arg?.name ?? ''));
}

/**
 * The checks each field needs, wrapped around its resolver after the build, and only where
 * they belong: the policy on root fields, input-error naming on fields with arguments. A global
 * type-graphql middleware would run for every field of every response (and its dispatcher is
 * async, so every scalar would become a promise); fields without checks keep graphql-js's
 * default resolver.
 */
function wireChecks(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const root = type === schema.getQueryType() ? 'Query' : type === schema.getMutationType() ? 'Mutation' : null;
    for (const field of Object.values(type.getFields())) {
      if (!root && !field.args.length) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const named = field.args.length > 0;
      field.resolve = (source, args, context: AppContext, info) => {
        if (root) checkRootField(root, info.fieldName, String(info.path.key), args, context);
        if (!named) return resolve(source, args, context, info);
        let result: unknown;
        try {
          result = resolve(source, args, context, info);
        } catch (error) {
          throw namedInputError(field, error);
        }
        return isPromiseLike(result)
          ? Promise.resolve(result).catch((error: unknown) => {
              throw namedInputError(field, error);
            })
          : result;
      };
    }
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

let cached: Promise<GraphQLSchema> | undefined;

async function build(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // class-validator on every input; nulls are validated too (type-graphql skips them by default).
    validate: VALIDATION_OPTIONS,
  });
  assertPolicyCovers(schema);
  // Who may call what (modules/access/policy.ts) is decided first, before inputs are validated.
  wireChecks(schema);
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
