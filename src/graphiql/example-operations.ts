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
    title: 'Commitments (toezeggingen): overdue and due soon, with where they were made',
    query: `query Commitments($asOf: LocalDate) {
  commitments(filter: { asOf: $asOf, statuses: [OVERDUE, DUE_SOON] }, first: 50) {
    totalCount
    edges { node { description madeBy madeOn dueOn status(asOf: $asOf) stakeholders { name } interaction { occurredOn subject } } }
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
    title: 'Compliance report: per governance code, provision and agreement (nalevingsrapportage)',
    query: `query Compliance($period: PeriodInput!, $asOf: LocalDate) {
  complianceReport(period: $period, asOf: $asOf, overdueLimit: 5) {
    asOf status
    moments { met metLate overdue dueSoon upcoming waived explained total }
    codes {
      code { title version sourceUrl }
      status obligationCount
      provisions {
        provision { reference title }
        status obligationCount
        moments { met metLate overdue explained total }
        overdue { dueOn obligation { title responsible } }
      }
    }
    agreements { agreement { title } status obligationCount moments { met metLate overdue waived total } }
    overdueCount
    overdue { dueOn obligation { title responsible form } }
  }
}`,
    variables: { period: { from: '2026-01-01', to: '2026-12-31' }, asOf: '2026-11-23' },
  },
  {
    title: 'Accountability dashboard: counts, overdue, and what falls due in the next 60 days',
    query: `query Dashboard($asOf: LocalDate, $withinDays: Int) {
  accountabilityOverview(asOf: $asOf, withinDays: $withinDays) {
    period { from to } status
    moments { met metLate overdue dueSoon upcoming waived explained total }
    overdueCount
    overdue { dueOn obligation { title responsible } }
    dueNextCount
    dueNext { dueOn status(asOf: $asOf) obligation { title responsible form } }
  }
}`,
    variables: { asOf: '2026-11-23', withinDays: 60 },
  },
  {
    title: 'What do we owe the tenants\' organisation, and did we deliver?',
    query: `query OwedToTenants($categoryKey: String, $period: PeriodInput!, $asOf: LocalDate) {
  accountabilityTo(categoryKey: $categoryKey, period: $period, asOf: $asOf) {
    category { name }
    status
    moments { met metLate overdue waived explained total }
    obligations {
      obligation { title form responsible schedule }
      status lastHeldOn nextDueOn
      moments { met metLate overdue waived explained total }
    }
  }
}`,
    variables: { categoryKey: 'huurdersorganisatie', period: { from: '2023-01-01', to: '2026-12-31' }, asOf: '2026-11-23' },
  },
  {
    title: 'Annual report: accountability to stakeholders (ESRS 2 SBM-2 §45, GRI 2-29)',
    query: `query AnnualReport($year: Int!, $asOf: LocalDate) {
  annualReport(year: $year, asOf: $asOf) {
    year asOf
    disclosures { requirement asks answeredBy }
    engagement { category { name } stakeholderCount engagedStakeholderCount interactionCount }
    interactionCount engagedStakeholderCount
    interestCount answeredInterestCount
    interests { topic importance stance stakeholder { name } response respondedOn goals { title } }
    goals { title kpi { indicator unit target } progress(asOf: $asOf) health(asOf: $asOf) }
    moments { met metLate overdue waived explained total }
    heldCount
    byForm { form moments { met metLate overdue total } }
    applyOrExplain {
      code { title } provision { reference title }
      appliedCount explainedCount status
      explained { title explanation explainedOn }
    }
  }
}`,
    variables: { year: 2025, asOf: '2026-11-23' },
  },
  {
    title: 'Obligations with their schedule and moments (verantwoordingsplichten)',
    query: `query Obligations($asOf: LocalDate) {
  obligations(first: 20) {
    totalCount
    edges {
      node {
        title form responsible schedule application explanation
        provisions { reference title }
        agreement { title }
        audienceStakeholders { name }
        audienceCategories { name }
        moments(dueFrom: "2025-01-01", first: 10) { id dueOn heldOn status(asOf: $asOf) evidence(first: 5) { title reference } }
        scheduleHistory { schedule effectiveFrom effectiveUntil decidedOn supersededAt }
        scheduleWarnings { code message }
      }
    }
  }
}`,
    variables: { asOf: '2026-11-23' },
  },
  {
    title: 'Try a schedule before saving it: its next dates and what it skips',
    query: `query PreviewSchedule($rule: String!, $start: LocalDate!) {
  previewSchedule(rule: $rule, start: $start, count: 8) {
    description
    dates
    warnings { code message }
  }
}`,
    variables: { rule: 'FREQ=MONTHLY;INTERVAL=3', start: '2026-03-31' },
  },
  {
    title: 'Governance codes and their provisions (catalogue and own codes)',
    query: `query Codes {
  governanceCodes(first: 50) {
    edges { node { key title issuer version origin sourceUrl provisions { reference title summary } } }
  }
}`,
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
