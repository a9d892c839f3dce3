import { registerEnumType } from 'type-graphql';

export enum AgreementKind {
  PERFORMANCE_AGREEMENT = 'PERFORMANCE_AGREEMENT',
  COVENANT = 'COVENANT',
  COOPERATION_AGREEMENT = 'COOPERATION_AGREEMENT',
  PARTICIPATION_AGREEMENT = 'PARTICIPATION_AGREEMENT',
  SERVICE_AGREEMENT = 'SERVICE_AGREEMENT',
  LETTER_OF_INTENT = 'LETTER_OF_INTENT',
  OTHER = 'OTHER',
}
registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: 'The kind of agreement (afspraak).',
  valuesConfig: {
    PERFORMANCE_AGREEMENT: { description: 'Prestatieafspraken: performance agreements with municipality and tenants (Woningwet art. 44).' },
    COVENANT: { description: 'Convenant: a covenant between several parties.' },
    COOPERATION_AGREEMENT: { description: 'Samenwerkingsovereenkomst: a cooperation agreement.' },
    PARTICIPATION_AGREEMENT: { description: 'Samenwerkings- of participatieafspraken with a tenants\' or client council (e.g. under the Overlegwet or WMCZ).' },
    SERVICE_AGREEMENT: { description: 'Dienstverleningsovereenkomst: a service-level agreement.' },
    LETTER_OF_INTENT: { description: 'Intentieverklaring: a letter of intent.' },
    OTHER: { description: 'Anything else.' },
  },
});
