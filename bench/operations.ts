import { REFERENCE_DATE } from './data-generator';

/** One GraphQL operation the bench times; it must return no errors. */
export interface BenchOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

// TODO(reports): the bench exists for three reports that are being written now:
//   - complianceReport        (compliance with the governance codes' provisions)
//   - accountabilityOverview  (the overview of obligations and their moments)
//   - annualReport            (the annual report's chapter on stakeholder dialogue)
// When they land, add the three to REPORT_OPERATIONS (as of REFERENCE_DATE, year 2026) and
// delete PLACEHOLDER_OPERATIONS: this file is the only one that changes.
export const REPORT_OPERATIONS: BenchOperation[] = [];

// PLACEHOLDER: existing queries, so the harness has something real to measure until the
// reports exist. Each touches many rows or many relations of the generated register.
export const PLACEHOLDER_OPERATIONS: BenchOperation[] = [
  {
    name: 'stakeholders(first: 50), nested',
    query: `query ($first: Int) {
      stakeholders(first: $first, sort: NAME_ASC) {
        totalCount
        edges { node {
          name tags quadrant salienceClass lastInteractionOn
          category { name }
          contacts { name role }
          currentAssessment { power interest }
          interests { topic status goals { title health progress } }
          interactions(first: 3) { occurredOn subject stakeholders { name } followUpActions { description dueOn status } }
        } }
      }
    }`,
    variables: { first: 50 },
  },
  {
    name: 'interactions in 2026 (first: 100)',
    query: `query ($from: LocalDate, $to: LocalDate) {
      interactions(filter: { from: $from, to: $to }, first: 100, sort: OCCURRED_DESC) {
        totalCount
        edges { node { occurredOn kind subject stakeholders { name category { key } } followUpActions { description status dueOn } } }
      }
    }`,
    variables: { from: '2026-01-01', to: '2026-12-31' },
  },
  {
    name: 'overdue followUpActions (first: 100)',
    query: `query ($asOf: LocalDate) {
      followUpActions(filter: { overdueAsOf: $asOf }, first: 100) {
        totalCount
        edges { node { description assignee dueOn overdue(asOf: $asOf) interaction { occurredOn subject stakeholders { name } } } }
      }
    }`,
    variables: { asOf: REFERENCE_DATE },
  },
];

/** What `npm run bench` measures. */
export const operations: BenchOperation[] = REPORT_OPERATIONS.length ? REPORT_OPERATIONS : PLACEHOLDER_OPERATIONS;
