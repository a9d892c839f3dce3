import { registerEnumType } from 'type-graphql';
import { Application } from './moment-status';

export enum AccountabilityForm {
  ANNUAL_REPORT = 'ANNUAL_REPORT',
  MEETING = 'MEETING',
  CONSULTATION = 'CONSULTATION',
  WRITTEN_REPORT = 'WRITTEN_REPORT',
  PUBLICATION = 'PUBLICATION',
  VISITATION = 'VISITATION',
  ADVICE_OR_CONSENT_REQUEST = 'ADVICE_OR_CONSENT_REQUEST',
  OTHER = 'OTHER',
}
registerEnumType(AccountabilityForm, {
  name: 'AccountabilityForm',
  description: 'The form in which account is given (vorm van verantwoording).',
  valuesConfig: {
    ANNUAL_REPORT: { description: 'Jaarverslag: the annual report.' },
    MEETING: { description: 'Overleg: a meeting with the stakeholders concerned.' },
    CONSULTATION: { description: 'Consultatie: a consultation on a plan or policy.' },
    WRITTEN_REPORT: { description: 'Schriftelijke rapportage: a written report sent to the stakeholders.' },
    PUBLICATION: { description: 'Publicatie: publication on the website or in a public register.' },
    VISITATION: { description: 'Visitatie: independent review, every four years for housing corporations.' },
    ADVICE_OR_CONSENT_REQUEST: { description: 'Advies- of instemmingsaanvraag: a request for advice or consent, e.g. to a tenants\' or client council.' },
    OTHER: { description: 'Anders: any other form.' },
  },
});

registerEnumType(Application, {
  name: 'Application',
  description: '"Pas toe of leg uit": is the obligation applied, or deliberately not applied with a written explanation?',
  valuesConfig: {
    APPLY: { description: 'Pas toe: the obligation is applied.' },
    EXPLAIN: { description: 'Leg uit: not applied, with a written explanation and the day it was given.' },
  },
});
