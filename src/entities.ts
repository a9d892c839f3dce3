import { ApiToken } from './modules/access/api-token.entity';
import { User } from './modules/access/user.entity';
import { UserSession } from './modules/access/user-session.entity';
import { AuditChange, AuditRecord } from './modules/audit/audit.entity';
import { AccountabilityMoment } from './modules/accountability/accountability-moment.entity';
import { EvidenceDocument } from './modules/accountability/evidence-document.entity';
import { Obligation } from './modules/accountability/obligation.entity';
import { ObligationSchedule } from './modules/accountability/obligation-schedule.entity';
import { ObligationApplication } from './modules/accountability/obligation-application.entity';
import { Agreement } from './modules/agreement/agreement.entity';
import { Commitment } from './modules/commitment/commitment.entity';
import { CodeProvision } from './modules/governance/code-provision.entity';
import { GovernanceCode } from './modules/governance/governance-code.entity';
import { FollowUpAction } from './modules/interaction/follow-up-action.entity';
import { Interaction } from './modules/interaction/interaction.entity';
import { Interest } from './modules/interest/interest.entity';
import { ContactPerson } from './modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from './modules/stakeholder/stakeholder-assessment.entity';
import { StakeholderCategory } from './modules/stakeholder/stakeholder-category.entity';
import { StakeholderTag } from './modules/stakeholder/stakeholder-tag.entity';
import { Stakeholder } from './modules/stakeholder/stakeholder.entity';
import { GoalMeasurement } from './modules/strategic-goal/goal-measurement.entity';
import { Kpi } from './modules/strategic-goal/kpi.embeddable';
import { StrategicGoal } from './modules/strategic-goal/strategic-goal.entity';
import { SavedOperation } from './modules/saved-operation/saved-operation.entity';
import { BaseEntity } from './shared/base.entity';
import { WriteProbe } from './shared/write-probe.entity';

/** The one list of entities the ORM knows. */
export const entities = [
  BaseEntity,
  StakeholderCategory,
  Stakeholder,
  StakeholderTag,
  ContactPerson,
  StakeholderAssessment,
  Interest,
  StrategicGoal,
  Kpi,
  GoalMeasurement,
  Agreement,
  Interaction,
  FollowUpAction,
  GovernanceCode,
  CodeProvision,
  Obligation,
  ObligationSchedule,
  ObligationApplication,
  AccountabilityMoment,
  EvidenceDocument,
  Commitment,
  SavedOperation,
  User,
  UserSession,
  ApiToken,
  AuditRecord,
  AuditChange,
  WriteProbe,
];
