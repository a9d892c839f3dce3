import { registerEnumType } from 'type-graphql';

export enum Importance {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}
registerEnumType(Importance, {
  name: 'Importance',
  description: 'How much the interest (belang) matters to the stakeholder.',
  valuesConfig: {
    LOW: { description: 'Laag.' },
    MEDIUM: { description: 'Gemiddeld.' },
    HIGH: { description: 'Hoog.' },
    CRITICAL: { description: 'Doorslaggevend: decisive for the relationship.' },
  },
});

export enum Stance {
  SUPPORTIVE = 'SUPPORTIVE',
  LEANING_SUPPORTIVE = 'LEANING_SUPPORTIVE',
  NEUTRAL = 'NEUTRAL',
  LEANING_OPPOSED = 'LEANING_OPPOSED',
  OPPOSED = 'OPPOSED',
}
registerEnumType(Stance, {
  name: 'Stance',
  description: "The stakeholder's stance towards the organisation's course on this interest (houding).",
  valuesConfig: {
    SUPPORTIVE: { description: 'Steunend: actively supportive.' },
    LEANING_SUPPORTIVE: { description: 'Overwegend positief.' },
    NEUTRAL: { description: 'Neutraal.' },
    LEANING_OPPOSED: { description: 'Kritisch: has reservations.' },
    OPPOSED: { description: 'Tegen: opposed.' },
  },
});

export enum InterestStatus {
  RAISED = 'RAISED',
  UNDER_CONSIDERATION = 'UNDER_CONSIDERATION',
  ADDRESSED = 'ADDRESSED',
  DECLINED = 'DECLINED',
  CLOSED = 'CLOSED',
}
registerEnumType(InterestStatus, {
  name: 'InterestStatus',
  description: 'Where the organisation stands in answering an interest ("wat hebben we met uw inbreng gedaan").',
  valuesConfig: {
    RAISED: { description: 'Ingebracht: raised, not yet considered.' },
    UNDER_CONSIDERATION: { description: 'In behandeling: being considered.' },
    ADDRESSED: { description: 'Opgevolgd: answered by a response, goal or decision.' },
    DECLINED: { description: 'Niet overgenomen: considered and not taken up, with a response saying why.' },
    CLOSED: { description: 'Afgesloten: no longer relevant.' },
  },
});
