import { REFERENCE_DATE } from './data-generator';

/** One GraphQL operation the bench times; it must return no errors. */
export interface BenchOperation {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

const COUNTS = 'met metLate overdue dueSoon upcoming waived explained total';

/** The three reports of the accountability engine, as a dashboard and the annual-report writer ask them. */
export const REPORT_OPERATIONS: BenchOperation[] = [
  {
    name: 'complianceReport 2026',
    query: `query ($period: PeriodInput!, $asOf: LocalDate) {
      complianceReport(period: $period, asOf: $asOf) {
        status moments { ${COUNTS} } overdueCount overdue { dueOn obligation { title responsible } }
        codes { code { title } status obligationCount moments { ${COUNTS} }
          provisions { provision { reference title } status obligationCount moments { ${COUNTS} } overdue { dueOn obligation { title responsible } } } }
        agreements { agreement { title } status obligationCount moments { ${COUNTS} } overdue { dueOn obligation { title responsible } } }
      }
    }`,
    variables: { period: { from: '2026-01-01', to: '2026-12-31' }, asOf: REFERENCE_DATE },
  },
  {
    name: 'accountabilityOverview (60 days)',
    query: `query ($asOf: LocalDate) {
      accountabilityOverview(asOf: $asOf, withinDays: 60) {
        status moments { ${COUNTS} } overdueCount overdue { dueOn obligation { title responsible form } }
        dueNextCount dueNext { dueOn status(asOf: $asOf) obligation { title responsible } }
      }
    }`,
    variables: { asOf: REFERENCE_DATE },
  },
  {
    name: 'annualReport 2026',
    query: `query ($asOf: LocalDate) {
      annualReport(year: 2026, asOf: $asOf) {
        interactionCount engagedStakeholderCount interestCount answeredInterestCount heldCount
        engagement { category { name } stakeholderCount engagedStakeholderCount interactionCount }
        interests { topic importance stakeholder { name } response goals { title } }
        goals { title progress(asOf: $asOf) health(asOf: $asOf) }
        moments { ${COUNTS} } byForm { form moments { ${COUNTS} } }
        applyOrExplain { code { title } provision { reference } appliedCount explainedCount status explained { title explanation } }
        disclosures { requirement }
      }
    }`,
    variables: { asOf: REFERENCE_DATE },
  },
];

// Register queries, timed with BENCH_OPERATIONS=register. Each touches many rows or many
// relations of the generated register.
export const REGISTER_OPERATIONS: BenchOperation[] = [
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
export const operations: BenchOperation[] = process.env.BENCH_OPERATIONS === 'register' ? REGISTER_OPERATIONS : REPORT_OPERATIONS;
