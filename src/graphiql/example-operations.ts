/** Operations a board secretary starts from; each opens as a tab in GraphiQL. */
export interface ExampleOperation {
  title: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: 'The register: stakeholders with their category, salience and last contact',
    query: `query Register($first: Int, $after: String) {
  stakeholders(first: $first, after: $after, sort: NAME_ASC) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        id name kind phase tags
        category { key name }
        quadrant salienceClass
        relationshipOwner
        lastInteractionOn
      }
    }
  }
}`,
    variables: { first: 20 },
  },
  {
    title: 'Who must we manage closely? (high power, high interest)',
    query: `query ManageClosely {
  stakeholders(filter: { quadrants: [MANAGE_CLOSELY] }) {
    totalCount
    edges { node { name category { name } currentAssessment { assessedOn power interest salienceClass note } } }
  }
}`,
  },
  {
    title: 'One stakeholder in full: contacts, interests and how we answered them, agreements, recent contact',
    query: `query StakeholderFile($text: String!) {
  stakeholders(filter: { text: $text }, first: 1) {
    edges {
      node {
        name description website relationshipOwner phase
        contacts { name role email phone contactPermitted }
        assessments { assessedOn power interest quadrant salienceClass }
        interests { topic importance stance status response goals { title } }
        agreements { title kind validFrom validUntil }
        interactions(first: 5) { occurredOn kind subject followUpActions { description assignee dueOn status } }
      }
    }
  }
}`,
    variables: { text: 'Huurders' },
  },
  {
    title: 'Contact moments in a period',
    query: `query InteractionsInPeriod($from: LocalDate!, $to: LocalDate!) {
  interactions(filter: { from: $from, to: $to }, first: 50, sort: OCCURRED_DESC) {
    totalCount
    edges { node { occurredOn kind subject stakeholders { name } contactPersons { name } interests { topic } } }
  }
}`,
    variables: { from: '2026-01-01', to: '2026-12-31' },
  },
  {
    title: 'Overdue follow-up actions',
    query: `query OverdueActions($asOf: LocalDate) {
  followUpActions(filter: { overdueAsOf: $asOf }, first: 50) {
    totalCount
    edges { node { description assignee dueOn status overdue(asOf: $asOf) interaction { occurredOn subject stakeholders { name } } } }
  }
}`,
    variables: { asOf: '2026-11-23' },
  },
  {
    title: 'Strategic goals with KPI progress and health',
    query: `query Goals($asOf: LocalDate) {
  strategicGoals(first: 50) {
    edges {
      node {
        title status periodStart periodEnd owner
        kpi { indicator unit baseline target }
        latestMeasurement(asOf: $asOf) { measuredOn value }
        progress(asOf: $asOf)
        health(asOf: $asOf)
        stakeholders { name }
        agreements { title }
      }
    }
  }
}`,
    variables: { asOf: '2026-11-23' },
  },
  {
    title: 'Agreements in force, with parties and goals',
    query: `query AgreementsInForce($asOf: LocalDate) {
  agreements(filter: { inForceOn: $asOf }) {
    edges { node { title kind signedOn validFrom validUntil documentReference parties { name } goals { title } } }
  }
}`,
    variables: { asOf: '2026-11-23' },
  },
  {
    title: 'Register a stakeholder (mutation)',
    query: `mutation AddStakeholder($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) { id name category { name } tags }
}`,
    variables: {
      input: { name: 'Bewonerscommissie De Esch', kind: 'GROUP', categoryId: 'paste a category id here', tags: ['wijk-oost'] },
    },
  },
];
