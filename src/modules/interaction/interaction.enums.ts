import { registerEnumType } from 'type-graphql';

export enum InteractionKind {
  MEETING = 'MEETING',
  CONSULTATION = 'CONSULTATION',
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  EVENT = 'EVENT',
  SITE_VISIT = 'SITE_VISIT',
  SURVEY = 'SURVEY',
  PUBLICATION = 'PUBLICATION',
}
registerEnumType(InteractionKind, {
  name: 'InteractionKind',
  description: 'How the contact took place (soort contactmoment).',
  valuesConfig: {
    MEETING: { description: 'Overleg: a meeting.' },
    CONSULTATION: { description: 'Consultatie of adviesaanvraag: a formal consultation.' },
    LETTER: { description: 'Brief: a letter.' },
    EMAIL: { description: 'E-mail.' },
    PHONE: { description: 'Telefoongesprek: a phone call.' },
    EVENT: { description: 'Bijeenkomst: an event, e.g. a stakeholder evening.' },
    SITE_VISIT: { description: 'Werkbezoek of schouw: a site visit.' },
    SURVEY: { description: 'Enquête of peiling: a survey.' },
    PUBLICATION: { description: 'Publicatie: a publication addressed to stakeholders.' },
  },
});

export enum ActionStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ActionStatus, {
  name: 'ActionStatus',
  description: 'Status of a follow-up action (vervolgactie).',
  valuesConfig: {
    OPEN: { description: 'Open.' },
    IN_PROGRESS: { description: 'In behandeling.' },
    DONE: { description: 'Afgerond: done, with a completion date.' },
    CANCELLED: { description: 'Vervallen: no longer needed.' },
  },
});
