import { registerEnumType } from 'type-graphql';

export enum StakeholderKind {
  ORGANISATION = 'ORGANISATION',
  GROUP = 'GROUP',
  PERSON = 'PERSON',
}
registerEnumType(StakeholderKind, {
  name: 'StakeholderKind',
  description: 'What kind of party a stakeholder (belanghebbende) is.',
  valuesConfig: {
    ORGANISATION: { description: 'An organisation (organisatie), e.g. a municipality or tenants\' organisation.' },
    GROUP: { description: 'An informal group (groep), e.g. residents of a neighbourhood.' },
    PERSON: { description: 'An individual person (persoon) with a stake of their own.' },
  },
});

export enum RelationshipPhase {
  ATTRACT = 'ATTRACT',
  DEVELOP = 'DEVELOP',
  RETAIN = 'RETAIN',
  PHASE_OUT = 'PHASE_OUT',
}
registerEnumType(RelationshipPhase, {
  name: 'RelationshipPhase',
  description: 'Phase of the relationship with a stakeholder (relatiefase).',
  valuesConfig: {
    ATTRACT: { description: 'Aantrekken: building a new relationship.' },
    DEVELOP: { description: 'Ontwikkelen: deepening the relationship.' },
    RETAIN: { description: 'Behouden: maintaining an established relationship.' },
    PHASE_OUT: { description: 'Afbouwen: winding the relationship down.' },
  },
});

export enum Sector {
  HOUSING = 'HOUSING',
  CARE = 'CARE',
  EDUCATION = 'EDUCATION',
  GENERAL = 'GENERAL',
}
registerEnumType(Sector, {
  name: 'Sector',
  description: 'The sector a stakeholder category is typical for.',
  valuesConfig: {
    HOUSING: { description: 'Social housing (woningcorporaties).' },
    CARE: { description: 'Healthcare and welfare (zorg en welzijn).' },
    EDUCATION: { description: 'Education (onderwijs: mbo, hbo, po/vo).' },
    GENERAL: { description: 'Any semi-public organisation.' },
  },
});

export enum PowerInterestQuadrant {
  MANAGE_CLOSELY = 'MANAGE_CLOSELY',
  KEEP_SATISFIED = 'KEEP_SATISFIED',
  KEEP_INFORMED = 'KEEP_INFORMED',
  MONITOR = 'MONITOR',
}
registerEnumType(PowerInterestQuadrant, {
  name: 'PowerInterestQuadrant',
  description: 'Quadrant of the Mendelow power/interest grid. Power and interest of 3 or more (on 1–5) count as high.',
  valuesConfig: {
    MANAGE_CLOSELY: { description: 'High power, high interest: involve closely (nauw betrekken).' },
    KEEP_SATISFIED: { description: 'High power, low interest: keep satisfied (tevreden houden).' },
    KEEP_INFORMED: { description: 'Low power, high interest: keep informed (informeren).' },
    MONITOR: { description: 'Low power, low interest: monitor (monitoren).' },
  },
});

export enum SalienceClass {
  NON_STAKEHOLDER = 'NON_STAKEHOLDER',
  DORMANT = 'DORMANT',
  DISCRETIONARY = 'DISCRETIONARY',
  DEMANDING = 'DEMANDING',
  DOMINANT = 'DOMINANT',
  DANGEROUS = 'DANGEROUS',
  DEPENDENT = 'DEPENDENT',
  DEFINITIVE = 'DEFINITIVE',
}
registerEnumType(SalienceClass, {
  name: 'SalienceClass',
  description: 'Mitchell–Agle–Wood salience class, derived from power (macht), legitimacy (legitimiteit) and urgency (urgentie).',
  valuesConfig: {
    NON_STAKEHOLDER: { description: 'None of the three attributes.' },
    DORMANT: { description: 'Power only.' },
    DISCRETIONARY: { description: 'Legitimacy only.' },
    DEMANDING: { description: 'Urgency only.' },
    DOMINANT: { description: 'Power and legitimacy.' },
    DANGEROUS: { description: 'Power and urgency.' },
    DEPENDENT: { description: 'Legitimacy and urgency.' },
    DEFINITIVE: { description: 'Power, legitimacy and urgency.' },
  },
});
