import type { DisclosureReference } from './report.types';

// Where the annual report answers the stakeholder-engagement disclosures. The "asks" texts
// are our own summaries; the standards themselves are the authority.
export const DISCLOSURES: readonly DisclosureReference[] = [
  {
    requirement: 'ESRS 2 SBM-2 §45 (a)',
    asks: 'A summary of engagement with key stakeholders: who they are, which categories were engaged, how engagement is organised, its purpose, and how its outcome is taken into account.',
    answeredBy: 'engagement (per category), interactionCount, engagedStakeholderCount, byForm (how it is organised), goals',
  },
  {
    requirement: 'ESRS 2 SBM-2 §45 (b)',
    asks: "The organisation's understanding of the interests and views of its key stakeholders.",
    answeredBy: 'interests (topic, stance, importance), interestCount',
  },
  {
    requirement: 'ESRS 2 SBM-2 §45 (c)',
    asks: 'What was changed, or is planned, in response to those interests and views.',
    answeredBy: 'interests { response respondedOn goals }, answeredInterestCount, goals { progress health }',
  },
  {
    requirement: 'ESRS 2 SBM-2 §45 (d)',
    asks: 'Whether and how the administrative, management and supervisory bodies are informed about the views and interests of stakeholders.',
    answeredBy: 'moments and byForm (accountability held, late, overdue, explained), applyOrExplain; obligations owed to the supervisory board category (accountabilityTo)',
  },
  {
    requirement: 'GRI 2-29',
    asks: 'The approach to stakeholder engagement: the categories engaged and how they are identified, the purpose of the engagement, and how meaningful engagement is ensured.',
    answeredBy: 'engagement, byForm, moments, applyOrExplain, interests',
  },
];
