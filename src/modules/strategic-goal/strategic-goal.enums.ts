import { registerEnumType } from 'type-graphql';

export enum GoalStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ACHIEVED = 'ACHIEVED',
  NOT_ACHIEVED = 'NOT_ACHIEVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(GoalStatus, {
  name: 'GoalStatus',
  description: 'Lifecycle of a strategic goal.',
  valuesConfig: {
    PROPOSED: { description: 'Voorgesteld: not yet agreed.' },
    ACTIVE: { description: 'Actief: agreed and being worked on.' },
    ACHIEVED: { description: 'Behaald.' },
    NOT_ACHIEVED: { description: 'Niet behaald: the period ended short of the target.' },
    CANCELLED: { description: 'Vervallen: dropped by agreement.' },
  },
});

export enum GoalHealth {
  NO_DATA = 'NO_DATA',
  ON_TRACK = 'ON_TRACK',
  AT_RISK = 'AT_RISK',
  OFF_TRACK = 'OFF_TRACK',
  ACHIEVED = 'ACHIEVED',
}
registerEnumType(GoalHealth, {
  name: 'GoalHealth',
  description:
    'Derived health of a goal at a date: its KPI progress compared with the share of its period that has passed.',
  valuesConfig: {
    NO_DATA: { description: 'No KPI, no measurement yet, or a target equal to the baseline.' },
    ON_TRACK: { description: 'Op koers: progress at least the elapsed share of the period minus 10 points.' },
    AT_RISK: { description: 'Risico: 10 to 25 points behind the elapsed share of the period.' },
    OFF_TRACK: { description: 'Achter: more than 25 points behind.' },
    ACHIEVED: { description: 'Target reached.' },
  },
});
