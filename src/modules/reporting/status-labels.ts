import { ActionStatus } from '../interaction/interaction.enums';
import { CommitmentStatus } from '../commitment/commitment-status';
import { ComplianceStatus } from './compliance';
import { GoalHealth, GoalStatus } from '../strategic-goal/strategic-goal.enums';
import { InterestStatus } from '../interest/interest.enums';
import { MomentStatus } from '../accountability/moment-status';

// Status values as people read them, in Dutch and English: the one mapping that GraphiQL's
// `statusLabels` query, and later exports, use. A value without a label fails the unit test.

export type Label = { nl: string; en: string };

export const STATUS_LABELS: Record<string, Record<string, Label>> = {
  ActionStatus: {
    [ActionStatus.OPEN]: { nl: 'Open', en: 'Open' },
    [ActionStatus.IN_PROGRESS]: { nl: 'In behandeling', en: 'In progress' },
    [ActionStatus.DONE]: { nl: 'Afgerond', en: 'Done' },
    [ActionStatus.CANCELLED]: { nl: 'Vervallen', en: 'Cancelled' },
  },
  CommitmentStatus: {
    [CommitmentStatus.OPEN]: { nl: 'Open', en: 'Open' },
    [CommitmentStatus.DUE_SOON]: { nl: 'Binnenkort', en: 'Due soon' },
    [CommitmentStatus.OVERDUE]: { nl: 'Over tijd', en: 'Overdue' },
    [CommitmentStatus.DELIVERED_ON_TIME]: { nl: 'Op tijd nagekomen', en: 'Delivered on time' },
    [CommitmentStatus.DELIVERED_LATE]: { nl: 'Te laat nagekomen', en: 'Delivered late' },
    [CommitmentStatus.WITHDRAWN]: { nl: 'Ingetrokken', en: 'Withdrawn' },
  },
  ComplianceStatus: {
    [ComplianceStatus.COMPLIANT]: { nl: 'Nageleefd', en: 'Compliant' },
    [ComplianceStatus.COMPLIANT_LATE]: { nl: 'Nageleefd, te laat', en: 'Compliant, late' },
    [ComplianceStatus.EXPLAINED]: { nl: 'Uitgelegd', en: 'Explained' },
    [ComplianceStatus.NON_COMPLIANT]: { nl: 'Niet nageleefd', en: 'Non-compliant' },
    [ComplianceStatus.NOTHING_DUE]: { nl: 'Nog niets verschuldigd', en: 'Nothing due yet' },
  },
  GoalHealth: {
    [GoalHealth.ON_TRACK]: { nl: 'Op koers', en: 'On track' },
    [GoalHealth.AT_RISK]: { nl: 'Risico', en: 'At risk' },
    [GoalHealth.OFF_TRACK]: { nl: 'Achter', en: 'Off track' },
    [GoalHealth.ACHIEVED]: { nl: 'Bereikt', en: 'Achieved' },
    [GoalHealth.NO_DATA]: { nl: 'Geen gegevens', en: 'No data' },
  },
  GoalStatus: {
    [GoalStatus.PROPOSED]: { nl: 'Voorgesteld', en: 'Proposed' },
    [GoalStatus.ACTIVE]: { nl: 'Actief', en: 'Active' },
    [GoalStatus.ACHIEVED]: { nl: 'Bereikt', en: 'Achieved' },
    [GoalStatus.NOT_ACHIEVED]: { nl: 'Niet bereikt', en: 'Not achieved' },
    [GoalStatus.CANCELLED]: { nl: 'Vervallen', en: 'Cancelled' },
  },
  InterestStatus: {
    [InterestStatus.RAISED]: { nl: 'Ingebracht', en: 'Raised' },
    [InterestStatus.UNDER_CONSIDERATION]: { nl: 'In overweging', en: 'Under consideration' },
    [InterestStatus.ADDRESSED]: { nl: 'Verwerkt', en: 'Addressed' },
    [InterestStatus.DECLINED]: { nl: 'Niet overgenomen', en: 'Declined' },
    [InterestStatus.CLOSED]: { nl: 'Afgesloten', en: 'Closed' },
  },
  MomentStatus: {
    [MomentStatus.UPCOMING]: { nl: 'Gepland', en: 'Upcoming' },
    [MomentStatus.DUE_SOON]: { nl: 'Binnenkort', en: 'Due soon' },
    [MomentStatus.OVERDUE]: { nl: 'Over tijd', en: 'Overdue' },
    [MomentStatus.MET]: { nl: 'Op tijd gehouden', en: 'Met' },
    [MomentStatus.MET_LATE]: { nl: 'Te laat gehouden', en: 'Met late' },
    [MomentStatus.WAIVED]: { nl: 'Vervallen', en: 'Waived' },
    [MomentStatus.EXPLAINED]: { nl: 'Uitgelegd', en: 'Explained' },
  },
};

/** The enums the mapping covers, by their GraphQL name (for the unit test). */
export const LABELLED_ENUMS: Record<string, Record<string, string>> = {
  ActionStatus,
  CommitmentStatus,
  ComplianceStatus,
  GoalHealth,
  GoalStatus,
  InterestStatus,
  MomentStatus,
};
