import type { GraphQLSchema } from 'graphql';
import { ConflictError, ForbiddenError, badInput } from '../../shared/errors';
import { PERSONAL_FIELDS } from '../stakeholder/contact-person.entity';
import { PortfolioScope, TokenAccess, UserRole } from './access.enums';
import type { AppContext, Caller } from './access.service';
import { CONTACT_DETAILS, hidesContactDetails } from './portfolio-scope';

// Who may do what: the one place. Every Query and Mutation field has a row in POLICY;
// `checkRootField` (wrapped around every root resolver by schema.ts) checks it before input
// validation and before any lookup,
// so a refused call answers FORBIDDEN whatever its arguments. A root field without a row
// fails the schema build (`assertPolicyCovers`) and is refused at run time, too.
// Rules on a root field's arguments are in ARGUMENT_RULES and checked by the same middleware;
// rules that need the record itself (whose token it is, your own role) are the named functions
// further down, called by the resolvers and services once they have it. Requests without a
// valid token never get here: server.ts answers UNAUTHENTICATED first.

export enum Permission {
  /** Every signed-in caller: any role, read-only tokens too. */
  READ = 'READ',
  /** Changes the register: role EDITOR or ADMIN, with a read-write token. */
  WRITE = 'WRITE',
  /** WRITE, on your own API tokens; an administrator on anyone's (`assertOwnOrAdmin`). */
  WRITE_OWN = 'WRITE_OWN',
  /** Reads for administrators (role ADMIN), with any token. */
  ADMIN_READ = 'ADMIN_READ',
  /** Changes for administrators: role ADMIN with a read-write token. */
  ADMIN_WRITE = 'ADMIN_WRITE',
}

const { READ, WRITE, WRITE_OWN, ADMIN_READ, ADMIN_WRITE } = Permission;

export const POLICY: { Query: Record<string, Permission>; Mutation: Record<string, Permission> } = {
  Query: {
    me: READ,
    // The register and its reports: everyone who may sign in reads it.
    stakeholderCategories: READ,
    stakeholderCategory: READ,
    stakeholders: READ,
    stakeholder: READ,
    stakeholderAssessment: READ,
    contactPersons: READ,
    contactPerson: READ,
    interests: READ,
    interest: READ,
    strategicGoals: READ,
    strategicGoal: READ,
    goalMeasurement: READ,
    agreements: READ,
    agreement: READ,
    interactions: READ,
    interaction: READ,
    followUpActions: READ,
    followUpAction: READ,
    governanceCodes: READ,
    governanceCode: READ,
    codeProvision: READ,
    obligations: READ,
    obligation: READ,
    previewSchedule: READ,
    accountabilityMoments: READ,
    accountabilityMoment: READ,
    commitments: READ,
    commitment: READ,
    accountabilityOverview: READ,
    accountabilityTo: READ,
    complianceReport: READ,
    annualReport: READ,
    statusLabels: READ,
    // Saved operations (opgeslagen selecties): everyone reads and runs the shared ones and their own.
    savedOperations: READ,
    savedOperation: READ,
    runSavedOperation: READ,
    // Everyone reads the audit trail, but what it shows depends on the caller: see "The audit trail" below.
    auditTrail: READ,
    // Users and personal-data requests (AVG art. 15) are the administrator's.
    users: ADMIN_READ,
    personalDataExport: ADMIN_READ,
  },
  Mutation: {
    // Anyone who may change the register saves operations: personal ones for themselves, and
    // shared ones for everyone; a shared one is the register's, so any editor may change it,
    // a personal one only its owner (seesSavedOperation).
    createSavedOperation: WRITE,
    updateSavedOperation: WRITE,
    archiveSavedOperation: WRITE,
    createStakeholderCategory: WRITE,
    updateStakeholderCategory: WRITE,
    archiveStakeholderCategory: WRITE,
    createStakeholder: WRITE,
    updateStakeholder: WRITE,
    archiveStakeholder: WRITE,
    createContactPerson: WRITE,
    updateContactPerson: WRITE,
    archiveContactPerson: WRITE,
    createStakeholderAssessment: WRITE,
    updateStakeholderAssessment: WRITE,
    archiveStakeholderAssessment: WRITE,
    createInterest: WRITE,
    updateInterest: WRITE,
    archiveInterest: WRITE,
    createStrategicGoal: WRITE,
    updateStrategicGoal: WRITE,
    archiveStrategicGoal: WRITE,
    createGoalMeasurement: WRITE,
    updateGoalMeasurement: WRITE,
    archiveGoalMeasurement: WRITE,
    createAgreement: WRITE,
    updateAgreement: WRITE,
    archiveAgreement: WRITE,
    createInteraction: WRITE,
    updateInteraction: WRITE,
    archiveInteraction: WRITE,
    createFollowUpAction: WRITE,
    updateFollowUpAction: WRITE,
    archiveFollowUpAction: WRITE,
    createGovernanceCode: WRITE,
    updateGovernanceCode: WRITE,
    archiveGovernanceCode: WRITE,
    createCodeProvision: WRITE,
    updateCodeProvision: WRITE,
    archiveCodeProvision: WRITE,
    createObligation: WRITE,
    updateObligation: WRITE,
    archiveObligation: WRITE,
    decideApplication: WRITE,
    recordMomentHeld: WRITE,
    addMomentEvidence: WRITE,
    waiveMoment: WRITE,
    reopenMoment: WRITE,
    createCommitment: WRITE,
    updateCommitment: WRITE,
    deliverCommitment: WRITE,
    withdrawCommitment: WRITE,
    reopenCommitment: WRITE,
    archiveCommitment: WRITE,
    // Anyone who may write makes and revokes their own tokens (a viewer's are read-only, so
    // a viewer makes none: an administrator hands them out).
    createApiToken: WRITE_OWN,
    revokeApiToken: WRITE_OWN,
    createUser: ADMIN_WRITE,
    updateUser: ADMIN_WRITE,
    archiveUser: ADMIN_WRITE,
    // Erasure on request (AVG art. 17) cannot be undone: administrators only.
    eraseContactPerson: ADMIN_WRITE,
  },
};

type Args = Record<string, unknown>;
const inputOf = (args: Args, name: string): Args => (args[name] && typeof args[name] === 'object' ? (args[name] as Args) : {});

/** Rules on the arguments, checked right after the field's permission, on the arguments as sent (before validation). */
export const ARGUMENT_RULES: Record<string, (caller: Caller, args: Args) => void> = {
  // A token for someone else: administrators only.
  'Mutation.createApiToken': (caller, args) => assertOwnOrAdmin(caller, (inputOf(args, 'input').userId as string | null | undefined) ?? caller.user.id),
  // A viewer does not see who made a change, so may not ask for the changes of one user either.
  'Query.auditTrail': (caller, args) => {
    if (inputOf(args, 'filter').userId != null && !seesAuditAuthor(caller)) throw new ForbiddenError('your role (VIEWER) does not see who made a change: leave out filter.userId');
  },
};

export function isAdmin(caller: Caller): boolean {
  return caller.user.role === UserRole.ADMIN;
}

/** Whether this request may change the register: the role and the token both allow it. */
export function mayWrite(caller: Caller): boolean {
  return caller.user.role !== UserRole.VIEWER && caller.token.access === TokenAccess.READ_WRITE;
}

const NOT_ADMIN = 'only an administrator (role ADMIN) may do this';

function refuseWrite(caller: Caller): never {
  throw new ForbiddenError(
    caller.user.role === UserRole.VIEWER ? 'your role (VIEWER) can only read' : 'this API token is read-only: use a read-write token to change the register',
  );
}

/** FORBIDDEN unless `caller` has `permission`. */
export function requirePermission(caller: Caller, permission: Permission): void {
  switch (permission) {
    case READ:
      return;
    case WRITE:
    case WRITE_OWN:
      if (!mayWrite(caller)) refuseWrite(caller);
      return;
    case ADMIN_READ:
      if (!isAdmin(caller)) throw new ForbiddenError(NOT_ADMIN);
      return;
    case ADMIN_WRITE:
      if (!isAdmin(caller)) throw new ForbiddenError(NOT_ADMIN);
      if (!mayWrite(caller)) refuseWrite(caller);
      return;
    default:
      throw new ForbiddenError('no access rule for this field');
  }
}

function ruleOf(root: string, field: string): Permission | undefined {
  const rules = (POLICY as Record<string, Record<string, Permission> | undefined>)[root];
  return rules && Object.hasOwn(rules, field) ? rules[field] : undefined;
}

/**
 * Checks one Query or Mutation field against POLICY and ARGUMENT_RULES, before its arguments are
 * validated or anything is looked up. schema.ts calls it from the root fields' resolvers only:
 * nested fields pay nothing.
 */
export function checkRootField(root: 'Query' | 'Mutation', field: string, responseKey: string, args: Args, context: AppContext): void {
  if (root === 'Mutation') context.beginMutation(field, responseKey, args);
  // A browser session changes the register only from a page that can read the CSRF cookie (ours):
  // a cross-site form or script cannot send the header. Bearer tokens are never sent by browsers
  // on their own, so they need none.
  if (root === 'Mutation' && context.caller.session && !context.caller.session.csrfVerified) {
    throw new ForbiddenError('a change through a browser session needs the X-CSRF-Token header with the value of the sr_csrf cookie (GraphiQL sends it)');
  }
  const permission = ruleOf(root, field);
  // Fails closed: a field nobody gave a rule is refused (the schema build refuses it first).
  if (!permission) throw new ForbiddenError(`no access rule for ${root}.${field}`);
  requirePermission(context.caller, permission);
  ARGUMENT_RULES[`${root}.${field}`]?.(context.caller, args);
}

/** Throws unless POLICY has exactly one rule for every Query and Mutation field of `schema`. */
export function assertPolicyCovers(schema: GraphQLSchema): void {
  const problems: string[] = [];
  for (const [root, type] of [['Query', schema.getQueryType()], ['Mutation', schema.getMutationType()]] as const) {
    const fields = Object.keys(type?.getFields() ?? {});
    for (const f of fields) if (!ruleOf(root, f)) problems.push(`${root}.${f} has no rule`);
    for (const f of Object.keys(POLICY[root])) if (!fields.includes(f)) problems.push(`${root}.${f} has a rule but is not in the schema`);
  }
  for (const key of Object.keys(ARGUMENT_RULES)) {
    const [root, f] = key.split('.');
    if (!ruleOf(root, f)) problems.push(`${key} has an argument rule but no rule`);
  }
  if (problems.length) throw new Error(`src/modules/access/policy.ts does not match the schema: ${problems.join('; ')}`);
}

// ---- Rules that need the record (called by resolvers and services) ----

/** Your own (tokens), or an administrator: FORBIDDEN otherwise. */
export function assertOwnOrAdmin(caller: Caller, ownerId: string): void {
  if (ownerId !== caller.user.id && !isAdmin(caller)) throw new ForbiddenError('only an administrator may do this for another user');
}

/** A viewer's tokens are read-only, whoever makes them. */
export function assertTokenAccessFits(role: UserRole, access: TokenAccess): void {
  if (role === UserRole.VIEWER && access === TokenAccess.READ_WRITE) throw badInput('input.access', 'a viewer can only have read-only tokens');
}

/** An administrator keeps their own role, so that the register never loses its last administrator by accident. */
export function assertMayChangeRole(caller: Caller, userId: string, role: UserRole | undefined): void {
  if (userId === caller.user.id && role && role !== UserRole.ADMIN) throw new ConflictError('you cannot take away your own administrator role', 'input.role');
}

/** Nobody deactivates themselves (their request would be their last). */
export function assertMayDeactivate(caller: Caller, userId: string, archived: boolean): void {
  if (userId === caller.user.id && archived) throw new ConflictError('you cannot deactivate yourself', 'id');
}

/** A shared saved operation is everyone's; a personal one is its owner's alone (administrators included: it is personal). */
export function seesSavedOperation(caller: Caller, shared: boolean, ownerId: string | null): boolean {
  return shared || ownerId === caller.user.id;
}

// ---- Portfolio scopes ----
//
// A user may be limited to a portfolio (User.scope): the stakeholders they own (OWN) or those in
// the categories assigned to them (CATEGORIES). Account managers keep one register with the board
// secretary, but see and change only their own relations. The scope is not a rule per root
// field: it is a condition on rows, so it lives in the SQL of every read and write, built in
// portfolio-scope.ts from ONE condition on a stakeholder row (`stakeholderScopeSql`) and bound to
// each request's EntityManagers (shared/visibility.ts), where lookups (NOT_FOUND for a record
// outside the scope, never FORBIDDEN: that would tell it exists), lists and their counts, nested
// fields, reports, exports and the audit trail apply it; portfolio-writes.ts holds every write to
// it in the mutation's own flush. It fails closed: a scope that cannot be resolved (an unknown
// kind, CATEGORIES without categories) shows nothing, and a kind of record without a rule is
// neither shown nor changed. Contact details (a contact person's e-mail and phone) can be withheld
// from a user whatever their scope (`contactDetailsHidden`): answered as null everywhere, and not
// searched. Who has which scope is the administrator's (createUser, updateUser; audited); who owns
// a stakeholder (`ownerIds`) is register data, set like relationshipOwner.

/** The owners of a stakeholder that `caller` registers without naming any: themselves when they see only what they own. */
export function defaultOwnerIds(caller: Caller): string[] | undefined {
  return caller.user.scope === PortfolioScope.OWN ? [caller.user.id] : undefined;
}

// ---- The audit trail ----
//
// Everyone reads the audit trail (attributability is the point of it), but only an
// administrator sees all of it. Editors are treated like viewers here: they may not list
// users or other people's tokens (`users` is ADMIN_READ), so the audit trail must not show
// them either; and the superseded names, e-mail addresses and phone numbers of contact persons
// are kept only for accountability and for access and erasure requests, which are the
// administrator's (AVG art. 5(1)(c), data minimisation). An editor still reads and changes a
// contact person's current details on the contact person itself.
// Authors: an editor sees who made each change (colleagues keeping one register together); a
// viewer (a supervisory board member, an external dashboard) sees what changed and when, but
// not the member of staff who did it. Token ids are shown to administrators only.

/** Audit records and changes of these types exist for administrators only. */
export const ACCESS_ENTITY_TYPES: readonly string[] = ['User', 'ApiToken', 'UserSession'];

/** Whether `caller` sees audit records and changes of records of `entityType`. */
export function seesAuditOf(caller: Caller, entityType: string | null | undefined): boolean {
  return isAdmin(caller) || !entityType || !ACCESS_ENTITY_TYPES.includes(entityType);
}

/** Whether `caller` sees the values (before, after) of an audit change of `entityType.field`. */
export function seesAuditValue(caller: Caller, entityType: string, field: string): boolean {
  // Contact details withheld from the caller are withheld here too, administrators included.
  if (entityType === 'ContactPerson' && hidesContactDetails(caller) && (field === '*' || (CONTACT_DETAILS as readonly string[]).includes(field))) return false;
  if (isAdmin(caller)) return true;
  if (ACCESS_ENTITY_TYPES.includes(entityType)) return false;
  // `*` is the whole record, kept when a record was deleted.
  return !(entityType === 'ContactPerson' && (field === '*' || (PERSONAL_FIELDS as readonly string[]).includes(field)));
}

/** Whether `caller` sees who made a change (the user's id and name). */
export function seesAuditAuthor(caller: Caller): boolean {
  return caller.user.role !== UserRole.VIEWER;
}

/** Whether `caller` sees which API token made a change. */
export function seesAuditToken(caller: Caller): boolean {
  return isAdmin(caller);
}
