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
    ADMIN: { description: 'Reads and changes everything, and manages users and API tokens (beheerder).' },
    EDITOR: { description: 'Reads and changes the register (redacteur), e.g. the board secretary.' },
    VIEWER: { description: 'Reads only (lezer), e.g. a supervisory board member or an external dashboard.' },
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
