import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { hashSecret } from '../../src/modules/access/access.service';
import type { TestApp } from './test-app';
import { clock } from '../../src/shared/clock';

// Generators for the fuzz test (test/integration/fuzz.test.ts), all read from the built schema:
// - `hostile`: anything the types allow, and worse (blank, huge, SQL, control characters, ids of
//   the wrong kind), so that the refusals are exercised;
// - `valid`: what a careful client sends — the schema's types plus a small table of values per
//   field name (e-mails, phones, URLs, keys, RRULEs, days in order, ids of existing records of the
//   right type), so that most cases pass validation and reach the services' deeper paths;
// - selections for queries: random subsets of the fields of the return type, recursively, with
//   arguments (nested `first`/`last` in and out of range) and cursors, real and forged.

type Rec = Record<string, unknown>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- pools of existing ids ----

/** Ids of existing records, per GraphQL type name and per named subset (`Type:subset`). */
export interface Pools {
  ids: Record<string, string[]>;
  /** Every id above, for the hostile generator and `entityId`. */
  all: string[];
  /** Contact persons per stakeholder id, so that an interaction's contacts belong to its stakeholders. */
  contactsOf: Record<string, string[]>;
  /** The code of each provision of a code of origin USER, so that a parent is in the same code. */
  codeOf: Record<string, string>;
  categoryKeys: string[];
  /** Names for the audit filter: entity types and mutation names. */
  entityTypes: string[];
  operations: string[];
}

const ENTITIES = [
  'Stakeholder', 'StakeholderCategory', 'ContactPerson', 'StakeholderAssessment', 'Interest', 'StrategicGoal', 'GoalMeasurement',
  'Agreement', 'Interaction', 'FollowUpAction', 'GovernanceCode', 'CodeProvision', 'Obligation', 'AccountabilityMoment', 'User', 'ApiToken',
  'AuditRecord', 'Commitment',
];
const POOL_SIZE = 40;

/**
 * Reads the pools from the database. The admin token used by the test is never in them, so that
 * `revokeApiToken` cannot lock the test out; everything else may be archived, erased or revoked.
 */
export async function loadPools(app: TestApp, operations: string[]): Promise<Pools> {
  const conn = app.orm.em.getConnection();
  const table = (entity: string) => app.orm.getMetadata().find(entity)!.tableName;
  const ids = async (sql: string, params: unknown[] = []) => (await conn.execute(`${sql} order by id limit ${POOL_SIZE}`, params)).map((r: { id: string }) => String(r.id));
  const pools: Record<string, string[]> = {};
  for (const entity of ENTITIES) {
    pools[entity] = entity === 'ApiToken' ? await ids(`select id from ${table(entity)} where secret_hash <> ?`, [hashSecret(app.tokens.admin)]) : await ids(`select id from ${table(entity)}`);
  }
  pools['StrategicGoal:kpi'] = await ids(`select id from strategic_goal where kpi_indicator is not null`);
  pools['GovernanceCode:user'] = await ids(`select id from governance_code where origin = 'USER'`);
  pools['CodeProvision:user'] = await ids(`select id from code_provision cp where exists (select 1 from governance_code gc where gc.id = cp.code_id and gc.origin = 'USER')`);
  pools['AccountabilityMoment:held'] = await ids(`select id from accountability_moment where held_on is not null`);
  pools['AccountabilityMoment:open'] = await ids(`select id from accountability_moment where held_on is null and waived_on is null`);
  pools['AccountabilityMoment:waived'] = await ids(`select id from accountability_moment where waived_on is not null`);
  pools['AccountabilityMoment:notWaived'] = await ids(`select id from accountability_moment where waived_on is null`);
  pools['Commitment:notWithdrawn'] = await ids(`select id from commitment where withdrawn_on is null`);
  pools['Commitment:open'] = await ids(`select id from commitment where delivered_on is null and withdrawn_on is null`);
  pools['Commitment:closed'] = await ids(`select id from commitment where delivered_on is not null or withdrawn_on is not null`);
  const contactsOf: Record<string, string[]> = {};
  for (const r of await conn.execute(`select id, stakeholder_id from contact_person`)) (contactsOf[String(r.stakeholder_id)] ??= []).push(String(r.id));
  const codeOf: Record<string, string> = {};
  for (const r of await conn.execute(`select cp.id, cp.code_id from code_provision cp join governance_code gc on gc.id = cp.code_id where gc.origin = 'USER'`)) codeOf[String(r.id)] = String(r.code_id);
  const categoryKeys = (await conn.execute(`select key from stakeholder_category order by key`)).map((r: { key: string }) => r.key);
  const all = [...new Set(ENTITIES.flatMap((e) => pools[e]))];
  return { ids: pools, all, contactsOf, codeOf, categoryKeys, entityTypes: ENTITIES, operations };
}

// ---- hostile values (anything the types allow, and worse) ----

const DAY_MIN = Date.UTC(1990, 0, 1);
const DAY = 86_400_000;
const dayArb = (from: string, to: string) =>
  fc.integer({ min: Math.round((Date.parse(from) - DAY_MIN) / DAY), max: Math.round((Date.parse(to) - DAY_MIN) / DAY) }).map((n) => new Date(DAY_MIN + n * DAY).toISOString().slice(0, 10));

function hostileScalar(name: string, ids: string[]): fc.Arbitrary<unknown> {
  const day = dayArb('1990-01-01', '2035-12-31');
  const weird = fc.constantFrom('', ' ', '   x   ', '%_\\', "'; drop table stakeholder; --", 'Ω≈ç√ 😀', 'x'.repeat(600), '\u0000', 'null', '\u001b[31m', '\ud800');
  switch (name) {
    case 'ID':
      return fc.oneof(fc.constantFrom(...(ids.length ? ids : ['x'])), fc.uuid(), fc.string({ maxLength: 40 }));
    case 'Int':
      return fc.oneof(fc.integer({ min: -3, max: 400 }), fc.constantFrom(2147483647, -2147483648, 0));
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 }), fc.constantFrom(0, -1, 1e308));
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return fc.oneof(day, day, fc.constantFrom('2024-02-29', '2025-02-29', '2026-13-01', 'gisteren', '20260101'));
    case 'DateTimeISO':
      return fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('soon', '2026-11-23'));
    default:
      return fc.oneof(
        fc.string({ maxLength: 40 }),
        weird,
        fc.constantFrom('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', 'FREQ=MONTHLY;BYMONTHDAY=31', 'FREQ=WEEKLY;BYDAY=XX', 'FREQ=DAILY;COUNT=0', 'a@b.nl', 'https://example.org/x'),
      );
  }
}

/** Anything of `type` (and values it does not allow: required fields left out, strings where ids go). */
export function hostile(type: GraphQLInputType, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return hostile(type.ofType, ids, depth);
  if (isListType(type)) return fc.array(hostile(type.ofType, ids, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value));
  if (isScalarType(type)) return hostileScalar(type.name, ids);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = isNonNullType(f.type) ? hostile(f.type, ids, depth + 1) : fc.option(hostile(f.type, ids, depth + 1), { nil: null });
    // Required fields are usually present; sometimes left out, to test the refusal.
    return fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) }).chain((value) =>
      fc.boolean().map((drop) => (drop && fields.length ? Object.fromEntries(Object.entries(value).slice(1)) : value)),
    );
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

export function hostileArgs(list: readonly GraphQLArgument[], ids: string[]): fc.Arbitrary<Rec> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of list) model[a.name] = isNonNullType(a.type) ? hostile(a.type, ids) : fc.option(hostile(a.type, ids), { nil: null });
  return fc.record(model, { requiredKeys: list.filter((a) => isNonNullType(a.type)).map((a) => a.name) });
}

// ---- valid values ----

/** Stands for the record's current revision; the test reads it just before it sends the update. */
export const CURRENT_REVISION = '<current revision>';

/** Where a value goes: `owner` is an input type name or `Mutation.field`/`Query.field`/`Type.field` for arguments. */
interface Where {
  owner: string;
  field: string;
}

/** Which pool an ID field's value comes from, by field name. */
const ID_FIELDS: Record<string, string> = {
  stakeholderId: 'Stakeholder', stakeholderIds: 'Stakeholder', partyIds: 'Stakeholder', participantIds: 'Stakeholder', audienceStakeholderIds: 'Stakeholder',
  categoryId: 'StakeholderCategory', categoryIds: 'StakeholderCategory', audienceCategoryIds: 'StakeholderCategory',
  contactPersonId: 'ContactPerson', contactPersonIds: 'ContactPerson', contactIds: 'ContactPerson',
  goalId: 'StrategicGoal', goalIds: 'StrategicGoal', interestIds: 'Interest', interactionId: 'Interaction', raisedInId: 'Interaction',
  agreementId: 'Agreement', agreementIds: 'Agreement', provisionIds: 'CodeProvision', parentId: 'CodeProvision',
  codeId: 'GovernanceCode', codeIds: 'GovernanceCode', obligationIds: 'Obligation', momentId: 'AccountabilityMoment', userId: 'User',
};

/** Where the field name is not enough: the records a mutation can actually act on. */
const ID_OVERRIDES: Record<string, string> = {
  'CreateGoalMeasurementInput.goalId': 'StrategicGoal:kpi',
  'CreateCodeProvisionInput.codeId': 'GovernanceCode:user',
  'CreateCodeProvisionInput.parentId': 'CodeProvision:user',
  'UpdateCodeProvisionInput.parentId': 'CodeProvision:user',
  'Mutation.updateGovernanceCode.id': 'GovernanceCode:user',
  'Mutation.updateCodeProvision.id': 'CodeProvision:user',
  'Mutation.addMomentEvidence.momentId': 'AccountabilityMoment:held',
  'Mutation.recordMomentHeld.id': 'AccountabilityMoment:notWaived',
  'Mutation.waiveMoment.id': 'AccountabilityMoment:open',
  'Mutation.reopenMoment.id': 'AccountabilityMoment:waived',
  'Mutation.revokeApiToken.id': 'ApiToken',
  'CreateCommitmentInput.momentId': 'AccountabilityMoment:held',
  'UpdateCommitmentInput.momentId': 'AccountabilityMoment:held',
  'Mutation.deliverCommitment.id': 'Commitment:notWithdrawn',
  'Mutation.withdrawCommitment.id': 'Commitment:open',
  'Mutation.reopenCommitment.id': 'Commitment:closed',
  'Query.personalDataExport.contactPersonId': 'ContactPerson',
};

/** The entity a root field's `id` names: `updateStakeholder` and `stakeholder` → Stakeholder. */
function rootEntity(owner: string): string {
  const [, name] = owner.split('.');
  const bare = name.replace(/^(create|update|archive|erase)(?=[A-Z])/, '');
  return bare[0].toUpperCase() + bare.slice(1);
}

function idArb(where: Where, pools: Pools): fc.Arbitrary<string> {
  const key = ID_OVERRIDES[`${where.owner}.${where.field}`] ?? (where.field === 'id' ? rootEntity(where.owner) : ID_FIELDS[where.field]);
  const ids = where.field === 'entityId' ? pools.all : pools.ids[key ?? ''] ?? [];
  // No such record (yet): a well-formed id that exists nowhere, answered NOT_FOUND by the service.
  return ids.length ? fc.constantFrom(...ids) : fc.uuid();
}

const WORDS = ['Overleg huurdersvereniging', 'Betaalbaarheid', 'Jaarverslag 2025', 'Wijk Noord', 'Ω café ünïcode — “quotes”', "O'Brien & zn.", 'tab\there', 'line\nbreak', '100% _zeker_'];
const NAMES = ['M. de Vries', 'Bestuurssecretaris', 'J. van den Berg', 'Wijkconsulent K. Mulder', 'Zoë Ağaoğlu'];
const text = fc.oneof(fc.constantFrom(...WORDS), fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /\S/.test(s)));
const names = fc.oneof(fc.constantFrom(...NAMES), text);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,11}$/), fc.integer({ min: 0, max: 1e6 })).map(([local, n]) => `${local}.${n}@example.org`);
const phone = fc.oneof(fc.constantFrom('06-12345678', '+31 (0)20 123 4567', '020/1234567', '+31 6 1234 5678'), fc.stringMatching(/^\+31 [1-9][0-9] [0-9]{3} [0-9]{4}$/));
const url = fc.oneof(fc.constantFrom('https://example.org', 'http://www.rivierstad.example.nl/beleid', 'https://example.org/a?b=c#d'), fc.webUrl({ validSchemes: ['https'] }).filter((u) => u.length < 400));
const key = fc.stringMatching(/^[a-z0-9]{1,10}(-[a-z0-9]{1,8}){0,2}$/);
const tag = fc.oneof(fc.constantFrom('wijk-noord', 'huurders', 'energie 2030', 'a.b_c', 'één'), fc.stringMatching(/^[a-z0-9][a-z0-9 ._-]{0,20}$/));
/** Rules the register accepts; yearly to quarterly, so that a schedule from 2020 plans tens of moments, not thousands. */
const RRULES = ['FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', 'FREQ=YEARLY;INTERVAL=4', 'FREQ=YEARLY', 'RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31', 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=15;COUNT=10', 'FREQ=YEARLY;BYMONTH=1,7;BYMONTHDAY=1'];

function validString(where: Where, pools: Pools): fc.Arbitrary<string> {
  switch (`${where.owner}.${where.field}`) {
    case 'CreateCodeProvisionInput.reference':
    case 'UpdateCodeProvisionInput.reference':
      return fc.integer({ min: 1, max: 1e6 }).map((n) => `art. ${n}`);
    case 'AuditFilter.entityType':
      return fc.constantFrom(...pools.entityTypes);
    case 'AuditFilter.operation':
      return fc.constantFrom(...pools.operations);
  }
  switch (where.field) {
    case 'email':
      return email;
    case 'phone':
      return phone;
    case 'website':
    case 'sourceUrl':
      return url;
    case 'key':
      return key;
    case 'categoryKey':
    case 'categoryKeys':
      return pools.categoryKeys.length ? fc.constantFrom(...pools.categoryKeys) : key;
    case 'tags':
      return tag;
    case 'recurrenceRule':
      return fc.constantFrom(...RRULES);
    case 'version':
      return fc.constantFrom('2025', 'v1.2', 'editie 3');
    case 'reference':
    case 'documentReference':
    case 'evidence':
      return fc.oneof(url, fc.integer({ min: 1, max: 9999 }).map((n) => `DMS-2026-${n}`));
    case 'name':
    case 'assignee':
    case 'madeBy':
    case 'owner':
    case 'responsible':
    case 'relationshipOwner':
    case 'role':
    case 'assessedBy':
    case 'internalParticipants':
    case 'issuer':
      return names;
    default:
      return text;
  }
}

function validInt(where: Where): fc.Arbitrary<unknown> {
  switch (where.field) {
    case 'power':
    case 'interest':
      return fc.integer({ min: 1, max: 5 });
    case 'warningDays':
    case 'withinDays':
      return fc.integer({ min: 0, max: 366 });
    case 'position':
      return fc.integer({ min: 0, max: 20 });
    case 'year':
      return fc.integer({ min: 2020, max: 2028 });
    case 'limit':
    case 'overdueLimit':
      return fc.integer({ min: 0, max: 30 });
    case 'revision':
      return fc.constant(CURRENT_REVISION);
    case 'first':
      return where.owner.startsWith('Query.') ? fc.integer({ min: 1, max: 20 }) : fc.constantFrom(0, 1, 2, 3, 5);
    case 'last':
      return fc.constantFrom(1, 2, 5, 20);
    default:
      return fc.integer({ min: 0, max: 100 });
  }
}

const today = () => clock.today();

function validDay(where: Where): fc.Arbitrary<string> {
  // Held and waived cannot be in the future, nor can a commitment be made, delivered or withdrawn there.
  if (['heldOn', 'waivedOn', 'madeOn', 'deliveredOn', 'withdrawnOn'].includes(where.field)) return dayArb('2020-01-01', today());
  return dayArb('2020-01-01', '2027-12-31');
}

function validInstant(where: Where): fc.Arbitrary<string> {
  if (where.field === 'expiresAt') return fc.integer({ min: 1, max: 400 }).map((d) => new Date(Date.now() + d * DAY).toISOString());
  return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
}

function validScalar(name: string, where: Where, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return idArb(where, pools);
    case 'Int':
      return validInt(where);
    case 'Float':
      return fc.oneof(fc.integer({ min: -1000, max: 10000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'LocalDate':
      return validDay(where);
    case 'DateTimeISO':
      return validInstant(where);
    default:
      return validString(where, pools);
  }
}

/** Day pairs that must be in order: the later one is swapped in when both are given. */
const DAY_PAIRS = [
  ['validFrom', 'validUntil'], ['activeFrom', 'activeUntil'], ['periodStart', 'periodEnd'], ['identifiedOn', 'respondedOn'],
  ['dueFrom', 'dueTo'], ['identifiedFrom', 'identifiedTo'], ['from', 'to'], ['madeOn', 'dueOn'],
];

function inOrder(v: Rec, update: boolean): Rec {
  for (const [start, end] of DAY_PAIRS) {
    // An update that moves only the end would be judged against the stored start: move both.
    if (update && typeof v[end] === 'string' && v[start] === undefined) v[start] = '2020-01-01';
    const a = v[start];
    const b = v[end];
    if (typeof a === 'string' && typeof b === 'string' && b < a) {
      v[start] = b;
      v[end] = a;
    }
  }
  return v;
}

/** The rules between fields that the types cannot say (the services check them). */
const FIX_UPS: Record<string, (v: Rec, pools: Pools) => Rec> = {
  NewFollowUpActionInput: completedOnlyWhenDone,
  CreateFollowUpActionInput: completedOnlyWhenDone,
  UpdateFollowUpActionInput: (v) => {
    if (v.completedOn != null) v.status = 'DONE';
    return v;
  },
  CreateObligationInput: (v, pools) => {
    // Either a rule or one due date, within the active period; a source; an explanation with EXPLAIN only.
    if (v.recurrenceRule !== undefined && v.dueOn !== undefined) delete v[String(v.title).length % 2 ? 'dueOn' : 'recurrenceRule'];
    if (v.recurrenceRule === undefined && v.dueOn === undefined) v.recurrenceRule = RRULES[0];
    if (typeof v.dueOn === 'string') {
      // A one-off applies from its due date unless an earlier activeFrom is given.
      delete v.scheduleStart;
      if (typeof v.activeFrom === 'string' && v.activeFrom > v.dueOn) v.activeFrom = v.dueOn;
      if (typeof v.activeUntil === 'string' && v.activeUntil < v.dueOn) delete v.activeUntil;
    } else if (v.scheduleStart === undefined && v.activeFrom === undefined) {
      v.scheduleStart = '2024-01-01';
    }
    explainedOnlyWithExplain(v);
    const provisions = pools.ids.CodeProvision;
    if (!(Array.isArray(v.provisionIds) && v.provisionIds.length) && !v.agreementId && provisions.length) v.provisionIds = [provisions[0]];
    return v;
  },
  UpdateObligationInput: (v) => {
    if (typeof v.recurrenceRule === 'string') v.dueOn = null;
    else if (typeof v.dueOn === 'string') {
      // A one-off: its due date within the (new) active period, whatever the stored one was.
      v.recurrenceRule = null;
      if (!(typeof v.activeFrom === 'string' && v.activeFrom <= v.dueOn)) v.activeFrom = v.dueOn;
      if (!(typeof v.activeUntil === 'string' && v.activeUntil >= v.dueOn)) v.activeUntil = null;
    }
    explainedOnlyWithExplain(v);
    return v;
  },
  CreateInteractionInput: contactsOfStakeholders,
  CreateCommitmentInput: (v, pools) => onePlace(contactsOfStakeholders(v, pools)),
  UpdateCommitmentInput: (v, pools) => {
    if (Array.isArray(v.stakeholderIds)) v.contactPersonIds = (v.contactPersonIds as string[] | undefined) ?? [];
    return onePlace(contactsOfStakeholders(v, pools, true));
  },
  UpdateInteractionInput: (v, pools) => {
    // New stakeholders: the contacts, stored or given, must belong to them, so give them too.
    if (Array.isArray(v.stakeholderIds)) v.contactPersonIds = (v.contactPersonIds as string[] | undefined) ?? [];
    return contactsOfStakeholders(v, pools, true);
  },
  CreateCodeProvisionInput: (v, pools) => {
    const siblings = Object.keys(pools.codeOf).filter((p) => pools.codeOf[p] === v.codeId);
    if (v.parentId !== undefined) v.parentId = siblings.length ? siblings[String(v.title).length % siblings.length] : null;
    return v;
  },
};

function completedOnlyWhenDone(v: Rec): Rec {
  if (v.completedOn != null && v.status !== 'DONE') delete v.completedOn;
  return v;
}

/** A commitment is made in an interaction or at a moment, not both. */
function onePlace(v: Rec): Rec {
  if (v.interactionId != null && v.momentId != null) delete v[String(v.description ?? '').length % 2 ? 'interactionId' : 'momentId'];
  return v;
}

function explainedOnlyWithExplain(v: Rec): void {
  if (v.application === 'EXPLAIN') {
    v.explanation ??= 'Wij passen dit niet toe: de raad heeft een eigen regeling.';
    v.explainedOn ??= '2025-03-31';
  } else {
    delete v.explanation;
    delete v.explainedOn;
  }
}

/** Contacts that belong to the given stakeholders (some of theirs when none given survive); `keepEmpty` sends [] rather than leaving them out. */
function contactsOfStakeholders(v: Rec, pools: Pools, keepEmpty = false): Rec {
  if (v.contactPersonIds === undefined) return v;
  const stakeholders = Array.isArray(v.stakeholderIds) ? (v.stakeholderIds as string[]) : [];
  const belong = stakeholders.flatMap((s) => pools.contactsOf[s] ?? []);
  let contacts = (v.contactPersonIds as string[]).filter((c) => belong.includes(c));
  if (!contacts.length && belong.length && keepEmpty) contacts = belong.slice(0, 2);
  // Without stakeholders in the same change, the record's own decide: leave the contacts alone.
  if (contacts.length || (keepEmpty && stakeholders.length)) v.contactPersonIds = contacts;
  else delete v.contactPersonIds;
  return v;
}

/** A value a careful client would send for `type` at `where`. */
export function valid(type: GraphQLInputType, where: Where, pools: Pools): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valid(type.ofType, where, pools);
  if (isListType(type)) {
    const item = valid(type.ofType, where, pools);
    return fc.uniqueArray(item, { minLength: 1, maxLength: isInputObjectType(getNamedType(type)) ? 2 : 3, selector: (x) => JSON.stringify(x) });
  }
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.value));
  if (isScalarType(type)) return validScalar(type.name, where, pools);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of fields) model[f.name] = valid(f.type, { owner: type.name, field: f.name }, pools);
    // Required fields always; optional ones left out or given (an update changes some of its fields).
    // A filter gets one or two conditions: with more, most lists are empty and nothing below them runs.
    const fix = FIX_UPS[type.name];
    const record = type.name.endsWith('Filter')
      ? fc.subarray(fields, { maxLength: 2 }).chain((some) => fc.record(Object.fromEntries(some.map((f) => [f.name, model[f.name]]))))
      : fc.record(model, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
    return record
      .map((v) => {
        const ordered = inOrder({ ...v }, type.name.startsWith('Update'));
        return fix ? fix(ordered, pools) : ordered;
      });
  }
  throw new Error(`no arbitrary for ${String(type)}`);
}

/** Rules between the arguments of a root field. */
const ARG_FIX_UPS: Record<string, (v: Rec, pools: Pools) => Rec> = {
  'Mutation.updateCodeProvision': (v, pools) => {
    // A new parent in the same code, not the provision itself (a descendant is still refused, by the service).
    const input = v.input as Rec;
    if (input.parentId !== undefined) {
      const siblings = Object.keys(pools.codeOf).filter((p) => p !== v.id && pools.codeOf[p] === pools.codeOf[String(v.id)]);
      input.parentId = siblings.length ? siblings[String(input.title ?? '').length % siblings.length] : null;
    }
    return v;
  },
  'Query.accountabilityTo': (v) => {
    // Exactly one of the three: keep the first given, or name a category by key.
    const given = ['stakeholderId', 'categoryId', 'categoryKey'].filter((k) => v[k] !== undefined);
    for (const k of given.slice(1)) delete v[k];
    if (!given.length) v.categoryKey = 'huurdersorganisatie';
    return v;
  },
  'Query.accountabilityOverview': (v) => {
    if (typeof v.from === 'string' && typeof v.asOf === 'string' && v.from > v.asOf) [v.from, v.asOf] = [v.asOf, v.from];
    return v;
  },
};

/** Valid arguments of a field; `owner` is `Mutation.name`, `Query.name` or `Type.name`. */
export function validArgs(list: readonly GraphQLArgument[], owner: string, pools: Pools): fc.Arbitrary<Rec> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const a of list) model[a.name] = valid(a.type, { owner, field: a.name }, pools);
  const required = list.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => a.name);
  const fix = ARG_FIX_UPS[owner];
  return fc.record(model, { requiredKeys: required }).map((v) => (fix ? fix(structuredClone(v), pools) : v));
}

/** A valid case with one value (an argument, or one field of an input argument) replaced by a hostile one. */
export function spliceOne(validValue: Rec, hostileValue: Rec, n: number): Rec {
  const out = structuredClone(validValue);
  const paths: string[][] = [];
  for (const k of new Set([...Object.keys(validValue), ...Object.keys(hostileValue)])) {
    const v = validValue[k];
    const h = hostileValue[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && h && typeof h === 'object' && !Array.isArray(h)) {
      for (const f of new Set([...Object.keys(v), ...Object.keys(h)])) paths.push([k, f]);
    } else paths.push([k]);
  }
  if (!paths.length) return out;
  const path = paths[n % paths.length];
  const from = path.length === 1 ? hostileValue : (hostileValue[path[0]] as Rec);
  const to = path.length === 1 ? out : (out[path[0]] as Rec);
  const last = path[path.length - 1];
  if (from[last] === undefined) delete to[last];
  else to[last] = structuredClone(from[last]);
  return out;
}

// ---- queries: selections, arguments and cursors ----

/** `after` is chosen when the case runs, from the cursors seen so far: of this list, of another one, forged, tampered, or reshaped (one value replaced). */
export interface CursorChoice {
  $cursor: 'same' | 'other' | 'forged' | 'tampered' | 'reshaped';
  n: number;
}

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Cursors a client could forge: MikroORM's are base64url JSON arrays of the order's values. */
export const FORGED_CURSORS: string[] = [
  b64([{ foo: 'bar' }, 'x']), b64([null, null]), b64(['x']), b64([1, 2, 3]), b64([]), b64({}), b64('null'), b64('"x"'), b64('42'),
  b64(['Z', '00000000-0000-0000-0000-000000000000']), b64(['2026-01-01T00:00:00.000Z', 'not-a-uuid']), b64([true, '00000000-0000-4000-8000-000000000000']),
  b64([{ $gt: 1 }, { $ne: null }]), b64('["a",{"__proto__":{"x":1}}]'), b64([1e308, 'x']), b64([[[[[[[[1]]]]]]]]), b64('[1,'), b64('{"a":'),
  b64(["' or 1=1 --", "'; drop table stakeholder; --"]), b64(['\u0000', '\ud800']), b64(Array(1000).fill(1)),
  '', ' ', '=', '%%%', 'not base64!', 'x'.repeat(1001), 'eyJ', '\u0000', '\ud800',
];

/** Values a forged cursor may hold in place of one of a real cursor's values: of the wrong kind, out of range, or bad text. */
export const CURSOR_VALUES: unknown[] = [
  'x', '', '2026-02-30', '+2026-01-01', '0000-01-01', '0000-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '\u0000', '\ud800', '\u001f',
  0, 1.5, 1e308, true, null, {}, [], '00000000-0000-4000-8000-000000000000', "'; drop table stakeholder; --", 'x'.repeat(500),
];

/** A real cursor with its value at `index` replaced by `value` (still base64url JSON, so only the check of its content can refuse it). */
export function reshapeCursor(cursor: string, index: number, value: unknown): string {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return cursor;
  }
  if (!Array.isArray(values) || !values.length) return cursor;
  values[index % values.length] = value;
  return b64(values);
}

export interface Sel {
  name: string;
  alias?: string;
  args: { arg: GraphQLArgument; value: unknown; inline: boolean }[];
  children?: Sel[];
}

/** Nested list sizes: mostly small, sometimes at or past the edges (0..MAX_PAGE_SIZE). */
const LIST_SIZE = fc.oneof(
  { weight: 7, arbitrary: fc.constantFrom(0, 1, 2, 3, 5) },
  { weight: 2, arbitrary: fc.constantFrom(10, 20, 100, null) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 101, 2147483647, -2147483648, 2 ** 31, 1.5) },
);

function argValue(arg: GraphQLArgument, owner: string, pools: Pools, root: boolean): fc.Arbitrary<unknown> {
  const type = arg.type;
  if (arg.name === 'after' && root) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.nat().map((n): CursorChoice => ({ $cursor: 'same', n })) },
      { weight: 1, arbitrary: fc.nat().map((n): CursorChoice => ({ $cursor: 'other', n })) },
      { weight: 2, arbitrary: fc.nat().map((n): CursorChoice => ({ $cursor: 'forged', n })) },
      { weight: 1, arbitrary: fc.nat().map((n): CursorChoice => ({ $cursor: 'tampered', n })) },
      { weight: 2, arbitrary: fc.nat().map((n): CursorChoice => ({ $cursor: 'reshaped', n })) },
      // Random text, random base64, and base64url of random JSON.
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 60 }), fc.base64String({ maxLength: 80 }), fc.json({ maxDepth: 3 }).map((j) => b64(j))) },
    );
  }
  if ((arg.name === 'first' || arg.name === 'last') && getNamedType(type).name === 'Int') {
    return root ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2, 3, 5, 10) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, 100, 101, 2147483647, null) }) : LIST_SIZE;
  }
  return fc.oneof({ weight: 4, arbitrary: valid(type, { owner, field: arg.name }, pools) }, { weight: 1, arbitrary: hostile(type, pools.all) });
}

function argsArb(field: GraphQLField<unknown, unknown>, owner: string, pools: Pools, root: boolean): fc.Arbitrary<Sel['args']> {
  if (!field.args.length) return fc.constant([]);
  return fc
    .tuple(
      ...field.args.map((arg) => {
        const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
        const value = argValue(arg, owner, pools, root);
        // Optional arguments are left out half the time; required ones are always given.
        return fc.record({ value: required ? value : fc.option(value, { nil: undefined, freq: 2 }), inline: fc.boolean() }).map(({ value, inline }) => ({ arg, value, inline }));
      }),
    )
    .map((all) => all.filter((a) => a.value !== undefined));
}

/**
 * A random selection of `type`'s fields, `depth` object levels deep (a connection's edges and
 * node count as levels), with arguments; sometimes one field twice under an alias.
 */
export function selectionArb(type: GraphQLObjectType, depth: number, pools: Pools): fc.Arbitrary<Sel[]> {
  const fields = Object.values(type.getFields()).filter((f) => depth > 1 || isLeafType(getNamedType(f.type)));
  if (!fields.length) return fc.constant([{ name: '__typename', args: [] }]);
  const fieldArb = (f: GraphQLField<unknown, unknown>): fc.Arbitrary<Sel> => {
    const named = getNamedType(f.type);
    return fc
      .tuple(argsArb(f, `${type.name}.${f.name}`, pools, false), isObjectType(named) ? selectionArb(named, depth - 1, pools) : fc.constant(undefined))
      .map(([args, children]) => ({ name: f.name, args, children }));
  };
  return fc.tuple(
    fc.subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) }).chain((chosen) => fc.tuple(...chosen.map(fieldArb))),
    fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...fields).chain(fieldArb) }),
    fc.nat(999),
  ).map(([sels, extra, n]) => (extra ? [...sels, { ...extra, alias: `again${n}` }] : sels));
}

/** A case for one root query field: its arguments and a selection of its type. */
export function queryCaseArb(field: GraphQLField<unknown, unknown>, depth: number, pools: Pools): fc.Arbitrary<Sel> {
  const named = getNamedType(field.type);
  return fc
    .tuple(argsArb(field, `Query.${field.name}`, pools, true), isObjectType(named) ? selectionArb(named, depth, pools) : fc.constant(undefined))
    .map(([args, children]) => ({ name: field.name, args, children }));
}

/** The operation text and its variables: values go in variables, small scalars sometimes inline. */
export function printOperation(root: Sel, resolve: (value: unknown) => unknown = (v) => v): { query: string; variables: Rec } {
  const decls: string[] = [];
  const variables: Rec = {};
  const print = (sel: Sel): string => {
    const args = sel.args.map(({ arg, value, inline }) => {
      const v = resolve(value);
      const named = getNamedType(arg.type);
      const literal = inline && (typeof v === 'number' || typeof v === 'boolean' || (isEnumType(named) && typeof v === 'string' && /^[A-Z_]+$/.test(v)));
      if (literal) return `${arg.name}: ${String(v)}`;
      const name = `v${decls.length}`;
      decls.push(`$${name}: ${String(arg.type)}`);
      variables[name] = v;
      return `${arg.name}: $${name}`;
    });
    const head = `${sel.alias ? `${sel.alias}: ` : ''}${sel.name}${args.length ? `(${args.join(', ')})` : ''}`;
    return sel.children ? `${head} { ${sel.children.map(print).join(' ')} }` : head;
  };
  const body = print(root);
  return { query: `query Fuzz${decls.length ? `(${decls.join(', ')})` : ''} { ${body} }`, variables };
}

/** How many fields below the root field were given `first` or `last` (nested lists with a size). */
export function nestedSizes(root: Sel): number {
  const below = (sel: Sel): number => (sel.children ?? []).reduce((n, c) => n + (c.args.some((a) => a.arg.name === 'first' || a.arg.name === 'last') ? 1 : 0) + below(c), 0);
  return below(root);
}

/** Every string under a `cursor`, `startCursor` or `endCursor` key of a response. */
export function cursorsIn(data: unknown, out: string[] = []): string[] {
  if (Array.isArray(data)) for (const item of data) cursorsIn(item, out);
  else if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if ((k === 'cursor' || k === 'startCursor' || k === 'endCursor') && typeof v === 'string') out.push(v);
      else cursorsIn(v, out);
    }
  }
  return out;
}

export function isUuid(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}
