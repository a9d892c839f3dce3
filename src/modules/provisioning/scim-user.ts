// SCIM 2.0 users (RFC 7643 and 7644), the part Entra ID provisioning uses: the resource as the
// register shows it, the attributes it keeps from a request, filters and PATCH operations.
// Pure: no database. What the register does not keep (addresses, phone numbers, titles,
// departments, managers) is accepted and dropped: the register needs a name, an e-mail address
// and whether the person may sign in (data minimisation).

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const SCIM_ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const SCIM_LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SCIM_PATCH = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SCIM_ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export const USER_NAME_MAX = 320;
const NAME_MAX = 200;
const EXTERNAL_ID_MAX = 255;

/** RFC 7644 §3.12 error types (`scimType`) this server answers with. */
export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidValue' | 'invalidPath' | 'noTarget' | 'mutability' | 'uniqueness' | 'tooMany';

/** A SCIM error: its HTTP status, its type and a sentence for the directory's provisioning log. */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }

  body(): Record<string, unknown> {
    return { schemas: [SCIM_ERROR], status: String(this.status), ...(this.scimType ? { scimType: this.scimType } : {}), detail: this.detail };
  }
}

const invalid = (detail: string) => new ScimError(400, detail, 'invalidValue');

/** What the register keeps of a SCIM user. `undefined` in a change: not touched. */
export interface ScimAttributes {
  userName: string;
  externalId: string | null;
  /** The name shown in the register (User.name). */
  displayName: string;
  email: string;
  active: boolean;
}

/** The stored user, as SCIM shows it. */
export interface StoredScimUser extends ScimAttributes {
  id: string;
  created: Date;
  lastModified: Date;
  revision: number;
}

export function toResource(user: StoredScimUser, location: string): Record<string, unknown> {
  return {
    schemas: [SCIM_USER],
    id: user.id,
    ...(user.externalId ? { externalId: user.externalId } : {}),
    userName: user.userName,
    displayName: user.displayName,
    name: { formatted: user.displayName },
    emails: [{ value: user.email, type: 'work', primary: true }],
    active: user.active,
    meta: { resourceType: 'User', created: user.created.toISOString(), lastModified: user.lastModified.toISOString(), location, version: `W/"${user.revision}"` },
  };
}

// ---- Values -----------------------------------------------------------------------------------

function text(value: unknown, attribute: string, max: number): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(`${attribute} must be a non-empty string`);
  if (value.trim().length > max) throw invalid(`${attribute} must be at most ${max} characters`);
  // C0 controls (other than tab) never belong in a name or an address.
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) throw invalid(`${attribute} must not hold control characters`);
  return value.trim();
}

/** Entra ID sent `"True"` and `"False"` as strings before its SCIM 2.0 compliance fixes; both are accepted. */
function bool(value: unknown, attribute: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalid(`${attribute} must be true or false, got ${JSON.stringify(value)}`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function email(value: unknown, attribute: string): string {
  const address = text(value, attribute, 320).toLowerCase();
  if (!EMAIL.test(address)) throw invalid(`${attribute} must be an e-mail address, got ${JSON.stringify(value)}`);
  return address;
}

/** The work (or primary, or first) address of a SCIM `emails` list; undefined when it has none. */
function emailOf(list: unknown): string | undefined {
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalid('emails must be a list of {value, type, primary}');
  const items = list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
  const chosen = items.find((e) => e.type === 'work') ?? items.find((e) => e.primary === true || e.primary === 'True') ?? items[0];
  return chosen === undefined ? undefined : email(chosen.value, 'emails.value');
}

const joinName = (...parts: unknown[]) => parts.filter((p): p is string => typeof p === 'string' && !!p.trim()).map((p) => p.trim()).join(' ');

// ---- A whole resource (POST, PUT) -------------------------------------------------------------

/** The attributes of a POSTed or PUT user; `current` gives what a PUT leaves out (active stays as it is). */
export function parseUser(body: unknown, current?: ScimAttributes): ScimAttributes {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'the body must be a SCIM User (a JSON object)', 'invalidSyntax');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(SCIM_USER)) throw new ScimError(400, `schemas must include ${SCIM_USER}`, 'invalidSyntax');
  const userName = text(b.userName, 'userName', USER_NAME_MAX);
  const name = b.name && typeof b.name === 'object' ? (b.name as Record<string, unknown>) : {};
  const displayName = joinName(b.displayName) || joinName(name.formatted) || joinName(name.givenName, name.familyName) || userName;
  const address = emailOf(b.emails) ?? (EMAIL.test(userName) ? userName.toLowerCase() : undefined);
  if (!address) throw invalid('the register needs an e-mail address: send emails (type work) or a userName that is one');
  return {
    userName,
    externalId: b.externalId === undefined || b.externalId === null ? null : text(b.externalId, 'externalId', EXTERNAL_ID_MAX),
    displayName: text(displayName, 'displayName', NAME_MAX),
    email: address,
    active: b.active === undefined ? (current?.active ?? true) : bool(b.active, 'active'),
  };
}

// ---- Filters ----------------------------------------------------------------------------------

export type ScimFilter = { attribute: 'userName' | 'externalId' | 'id'; value: string };

const FILTERABLE: Record<string, ScimFilter['attribute']> = { username: 'userName', externalid: 'externalId', id: 'id' };

/** `userName eq "…"`, `externalId eq "…"` or `id eq "…"` (what Entra ID asks); null for none. */
export function parseFilter(filter: unknown): ScimFilter | null {
  if (filter === undefined || filter === '') return null;
  const refuse = () =>
    new ScimError(400, `unsupported filter ${JSON.stringify(String(filter).slice(0, 200))}: the register answers userName eq "…", externalId eq "…" and id eq "…"`, 'invalidFilter');
  if (typeof filter !== 'string') throw refuse();
  const match = /^\s*(?:urn:ietf:params:scim:schemas:core:2\.0:User:)?([A-Za-z]+)\s+eq\s+("(?:[^"\\]|\\.)*")\s*$/i.exec(filter);
  const attribute = match && FILTERABLE[match[1].toLowerCase()];
  if (!match || !attribute) throw refuse();
  let value: unknown;
  try {
    value = JSON.parse(match[2]);
  } catch {
    throw refuse();
  }
  return { attribute, value: String(value) };
}

// ---- PATCH ------------------------------------------------------------------------------------

/** What a PATCH changes; each field undefined when no operation touches it. */
export type ScimChange = Partial<ScimAttributes> & { givenName?: string | null; familyName?: string | null };

// Attributes whose path is known; others are dropped (not kept by the register), never an error.
type Target = 'userName' | 'externalId' | 'displayName' | 'formatted' | 'givenName' | 'familyName' | 'email' | 'emails' | 'active' | 'name';

function targetOf(path: string): Target | null {
  const p = path.trim().replace(/^urn:ietf:params:scim:schemas:core:2\.0:User:/i, '').toLowerCase().replace(/\s+/g, ' ');
  const known: Record<string, Target> = {
    username: 'userName',
    externalid: 'externalId',
    displayname: 'displayName',
    'name.formatted': 'formatted',
    'name.givenname': 'givenName',
    'name.familyname': 'familyName',
    name: 'name',
    active: 'active',
    emails: 'emails',
    'emails[type eq "work"].value': 'email',
    'emails[primary eq true].value': 'email',
    'emails.value': 'email',
  };
  return known[p] ?? null;
}

function applyOne(change: ScimChange, op: 'add' | 'replace' | 'remove', target: Target, value: unknown): void {
  if (op === 'remove') {
    if (target === 'externalId') change.externalId = null;
    else if (target === 'givenName' || target === 'familyName') change[target] = null;
    else if (target === 'userName' || target === 'active' || target === 'email' || target === 'emails' || target === 'displayName') {
      throw new ScimError(400, `${target} cannot be removed: the register needs it`, 'mutability');
    }
    return;
  }
  switch (target) {
    case 'userName':
      change.userName = text(value, 'userName', USER_NAME_MAX);
      return;
    case 'externalId':
      change.externalId = value === null ? null : text(value, 'externalId', EXTERNAL_ID_MAX);
      return;
    case 'displayName':
    case 'formatted':
      change.displayName = text(value, target === 'formatted' ? 'name.formatted' : 'displayName', NAME_MAX);
      return;
    case 'givenName':
    case 'familyName':
      change[target] = value === null ? null : text(value, `name.${target}`, NAME_MAX);
      return;
    case 'name': {
      if (!value || typeof value !== 'object') throw invalid('name must be an object');
      const n = value as Record<string, unknown>;
      if (n.formatted !== undefined) applyOne(change, op, 'formatted', n.formatted);
      if (n.givenName !== undefined) applyOne(change, op, 'givenName', n.givenName);
      if (n.familyName !== undefined) applyOne(change, op, 'familyName', n.familyName);
      return;
    }
    case 'email':
      change.email = email(value, 'emails.value');
      return;
    case 'emails': {
      const address = emailOf(value);
      if (address) change.email = address;
      return;
    }
    case 'active':
      change.active = bool(value, 'active');
      return;
  }
}

/**
 * The change a SCIM PatchOp asks for. Both forms Entra ID sends are understood: a path with a
 * value (`{"op":"Replace","path":"active","value":"False"}`) and a value object without a path
 * (`{"op":"replace","value":{"active":false,"name.givenName":"Anne"}}`). Operation names are
 * case-insensitive, as Entra ID writes them with a capital.
 */
export function parsePatch(body: unknown): ScimChange {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ScimError(400, 'the body must be a SCIM PatchOp (a JSON object)', 'invalidSyntax');
  const b = body as Record<string, unknown>;
  if (!Array.isArray(b.schemas) || !b.schemas.includes(SCIM_PATCH)) throw new ScimError(400, `schemas must include ${SCIM_PATCH}`, 'invalidSyntax');
  const operations = b.Operations ?? b.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw new ScimError(400, 'Operations must be a non-empty list', 'invalidSyntax');
  if (operations.length > 100) throw new ScimError(400, 'at most 100 operations in one PATCH', 'tooMany');
  const change: ScimChange = {};
  operations.forEach((raw, i) => {
    const operation = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw new ScimError(400, `Operations[${i}].op must be add, replace or remove, got ${JSON.stringify(operation.op)}`, 'invalidSyntax');
    const path = operation.path;
    if (path !== undefined && (typeof path !== 'string' || !path.trim())) throw new ScimError(400, `Operations[${i}].path must be a non-empty string`, 'invalidPath');
    if (typeof path === 'string') {
      const target = targetOf(path);
      if (target) applyOne(change, op, target, operation.value);
      return;
    }
    if (op === 'remove') throw new ScimError(400, `Operations[${i}]: remove needs a path`, 'noTarget');
    const value = operation.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ScimError(400, `Operations[${i}].value must be an object of attributes when there is no path`, 'invalidValue');
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const target = targetOf(key);
      if (target) applyOne(change, op, target, item);
    }
  });
  return change;
}

/**
 * The attributes after `change`. The register keeps one name: a display name, or else given and
 * family name when both come in one PATCH (one of them alone would lose the other).
 */
export function applyChange(current: ScimAttributes, change: ScimChange): ScimAttributes {
  const fromParts = change.givenName !== undefined && change.familyName !== undefined ? joinName(change.givenName, change.familyName) : '';
  return {
    userName: change.userName ?? current.userName,
    externalId: change.externalId !== undefined ? change.externalId : current.externalId,
    displayName: change.displayName ?? (fromParts || current.displayName),
    email: change.email ?? current.email,
    active: change.active ?? current.active,
  };
}
