/**
 * Operations a board secretary starts from; each opens as a tab in GraphiQL, titled in Dutch
 * (the register's language). Variables may use the relative dates of relative-dates.ts
 * ("$today", "$year", "$yearStart", "$yearEnd"), filled in with the register's today when the
 * tab opens, and "$category:<key>", filled in by the page with that category's id.
 */
export interface ExampleOperation {
  /** The tab's title: short, plain Dutch. */
  title: string;
  /** One sentence for the comment at the top of the tab. */
  description: string;
  query: string;
  variables?: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: ExampleOperation[] = [
  {
    title: 'Register',
    description: 'De stakeholders met categorie, saillantie en laatste contact.',
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
    title: 'Nauw betrekken',
    description: 'Wie moeten we nauw betrekken? (veel macht, veel belang)',
    query: `query ManageClosely {
  stakeholders(filter: { quadrants: [MANAGE_CLOSELY] }) {
    totalCount
    edges { node { name category { name } currentAssessment { assessedOn power interest salienceClass note } } }
  }
}`,
  },
  {
    title: 'Eén stakeholder',
    description: 'Eén stakeholder volledig: contactpersonen, belangen en ons antwoord, afspraken, recent contact. Zoekt op naam (variabele text).',
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
    title: 'Contactmomenten',
    description: 'Contactmomenten in een periode (standaard: dit jaar).',
    query: `query InteractionsInPeriod($from: LocalDate!, $to: LocalDate!) {
  interactions(filter: { from: $from, to: $to }, first: 50, sort: OCCURRED_DESC) {
    totalCount
    edges { node { occurredOn kind subject stakeholders { name } contactPersons { name } interests { topic } } }
  }
}`,
    variables: { from: '$yearStart', to: '$yearEnd' },
  },
  {
    title: 'Acties over tijd',
    description: 'Vervolgacties die over tijd zijn (peildatum: vandaag).',
    query: `query OverdueActions($asOf: LocalDate) {
  followUpActions(filter: { overdueAsOf: $asOf }, first: 50) {
    totalCount
    edges { node { description assignee dueOn status overdue(asOf: $asOf) interaction { occurredOn subject stakeholders { name } } } }
  }
}`,
    variables: { asOf: '$today' },
  },
  {
    title: 'Toezeggingen',
    description: 'Toezeggingen die over tijd zijn of binnenkort vervallen, met waar ze gedaan zijn (peildatum: vandaag).',
    query: `query Commitments($asOf: LocalDate) {
  commitments(filter: { asOf: $asOf, statuses: [OVERDUE, DUE_SOON] }, first: 50) {
    totalCount
    edges { node { description madeBy madeOn dueOn status(asOf: $asOf) stakeholders { name } interaction { occurredOn subject } } }
  }
}`,
    variables: { asOf: '$today' },
  },
  {
    title: 'Doelen',
    description: 'Strategische doelen met KPI-voortgang (in procenten) en gezondheid (peildatum: vandaag).',
    query: `query Goals($asOf: LocalDate) {
  strategicGoals(first: 50) {
    edges {
      node {
        title status periodStart periodEnd owner
        kpi { indicator unit baseline target }
        latestMeasurement(asOf: $asOf) { measuredOn value }
        progressPercent(asOf: $asOf)
        health(asOf: $asOf)
        stakeholders { name }
        agreements { title }
      }
    }
  }
}`,
    variables: { asOf: '$today' },
  },
  {
    title: 'Afspraken',
    description: 'Afspraken die vandaag gelden, met partijen en doelen.',
    query: `query AgreementsInForce($asOf: LocalDate) {
  agreements(filter: { inForceOn: $asOf }) {
    edges { node { title kind signedOn validFrom validUntil documentReference parties { name } goals { title } } }
  }
}`,
    variables: { asOf: '$today' },
  },
  {
    title: 'Naleving',
    description: 'Nalevingsrapportage per governancecode, bepaling en afspraak, over dit jaar (peildatum: vandaag).',
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
    variables: { period: { from: '$yearStart', to: '$yearEnd' }, asOf: '$today' },
  },
  {
    title: 'Verantwoording',
    description: 'Verantwoordingsoverzicht: aantallen, over tijd, en wat de komende 60 dagen vervalt.',
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
    variables: { asOf: '$today', withinDays: 60 },
  },
  {
    title: 'Huurdersorganisatie',
    description: 'Wat zijn we de huurdersorganisatie verschuldigd, en hebben we dat geleverd? (dit jaar)',
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
    variables: { categoryKey: 'huurdersorganisatie', period: { from: '$yearStart', to: '$yearEnd' }, asOf: '$today' },
  },
  {
    title: 'Jaarverslag',
    description: 'Jaarverslag: verantwoording aan stakeholders (ESRS 2 SBM-2 §45, GRI 2-29), over dit jaar.',
    query: `query AnnualReport($year: Int!, $asOf: LocalDate) {
  annualReport(year: $year, asOf: $asOf) {
    year asOf
    disclosures { requirement asks answeredBy }
    engagement { category { name } stakeholderCount engagedStakeholderCount engagedPercent interactionCount }
    interactionCount engagedStakeholderCount
    interestCount answeredInterestCount answeredInterestPercent
    interests { topic importance stance stakeholder { name } response respondedOn goals { title } }
    goals { title kpi { indicator unit target } progressPercent(asOf: $asOf) health(asOf: $asOf) }
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
    variables: { year: '$year', asOf: '$today' },
  },
  {
    title: 'Verantwoordingsplichten',
    description: 'Verantwoordingsplichten met hun schema en momenten.',
    query: `query Obligations($asOf: LocalDate, $from: LocalDate) {
  obligations(first: 20) {
    totalCount
    edges {
      node {
        title form responsible schedule application explanation
        provisions { reference title }
        agreement { title }
        audienceStakeholders { name }
        audienceCategories { name }
        moments(dueFrom: $from, first: 10) { id dueOn heldOn status(asOf: $asOf) evidence(first: 5) { title reference } }
        scheduleHistory { schedule effectiveFrom effectiveUntil decidedOn supersededAt }
        scheduleWarnings { code message }
      }
    }
  }
}`,
    variables: { asOf: '$today', from: '$yearStart' },
  },
  {
    title: 'Schema proberen',
    description: 'Probeer een schema voordat u het opslaat: de volgende data en wat het overslaat.',
    query: `query PreviewSchedule($rule: String!, $start: LocalDate!) {
  previewSchedule(rule: $rule, start: $start, count: 8) {
    description
    dates
    warnings { code message }
  }
}`,
    variables: { rule: 'FREQ=MONTHLY;INTERVAL=3', start: '$today' },
  },
  {
    title: 'Governancecodes',
    description: 'Governancecodes en hun bepalingen (catalogus en eigen codes).',
    query: `query Codes {
  governanceCodes(first: 50) {
    edges { node { key title issuer version origin sourceUrl provisions { reference title summary } } }
  }
}`,
  },
  {
    title: 'Statuslabels',
    description: 'Hoe elke status heet in het Nederlands (label) en het Engels (en): dezelfde namen als in rapportages en exports.',
    query: `query StatusLabels($lang: Language) {
  statusLabels(lang: $lang) { type value label en }
}`,
    variables: { lang: 'NL' },
  },
  {
    title: 'Stakeholder toevoegen',
    description: 'Een stakeholder registreren (wijziging). De categorie wordt opgezocht op haar sleutel (bewonerscommissie).',
    query: `mutation AddStakeholder($input: CreateStakeholderInput!) {
  createStakeholder(input: $input) { id name category { name } tags }
}`,
    variables: {
      input: { name: 'Bewonerscommissie De Esch', kind: 'GROUP', categoryId: '$category:bewonerscommissie', tags: ['wijk-oost'] },
    },
  },
];
