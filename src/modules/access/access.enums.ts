import { registerEnumType } from 'type-graphql';

export enum UserRole {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  VIEWER = 'VIEWER',
}
registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What a user may do.',
  valuesConfig: {
    ADMIN: { description: 'Reads and changes everything, manages users and API tokens (beheerder), and handles personal-data requests; sees all of the audit trail.' },
    EDITOR: {
      description:
        'Reads and changes the register (redacteur), e.g. the board secretary; makes and revokes their own API tokens. The audit trail shows them no changes to users and tokens and no personal-data values.',
    },
    VIEWER: {
      description:
        'Reads only (lezer), e.g. a supervisory board member or an external dashboard; only read-only tokens. The audit trail shows them what changed and when, but not who, no changes to users and tokens and no personal-data values.',
    },
  },
});

export enum TokenAccess {
  READ_ONLY = 'READ_ONLY',
  READ_WRITE = 'READ_WRITE',
}
registerEnumType(TokenAccess, {
  name: 'TokenAccess',
  description: 'What an API token allows, within its user\'s role.',
  valuesConfig: {
    READ_ONLY: { description: 'Queries only: any mutation is FORBIDDEN. For dashboards.' },
    READ_WRITE: { description: 'Queries and, if the user\'s role allows, mutations.' },
  },
});

export enum PortfolioScope {
  ALL = 'ALL',
  OWN = 'OWN',
  CATEGORIES = 'CATEGORIES',
}
registerEnumType(PortfolioScope, {
  name: 'PortfolioScope',
  description:
    'Which part of the register a user sees and changes (portefeuille): the whole register, or only the stakeholders of their portfolio and what concerns them. The rules per kind of record are in src/modules/access/portfolio-scope.ts and the README ("Portfolio scopes").',
  valuesConfig: {
    ALL: { description: 'The whole register (the default).' },
    OWN: { description: 'Only the stakeholders the user owns (`Stakeholder.ownerIds`, relatiebeheerder) and what concerns them.' },
    CATEGORIES: { description: 'Only the stakeholders in the categories assigned to the user (`User.scopeCategories`) and what concerns them; none when no category is assigned.' },
  },
});

export enum UserKind {
  PERSON = 'PERSON',
  SERVICE = 'SERVICE',
}
registerEnumType(UserKind, {
  name: 'UserKind',
  description: 'Whether a user is a person or a system (a dashboard, a script).',
  valuesConfig: {
    PERSON: { description: 'A person (medewerker). With SSO_ONLY on, a person signs in through the organisation only: their API tokens are refused.' },
    SERVICE: { description: 'A service account (dashboard, script, integration): signs in with API tokens only, also with SSO_ONLY on; never through the organisation.' },
  },
});
