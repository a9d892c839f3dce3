import { isUuid } from '../../shared/crud';
import type { SqlCondition, Visibility } from '../../shared/visibility';
import { PortfolioScope } from './access.enums';

// Portfolio scopes: which part of the register a user sees and changes (policy.ts, "Portfolio
// scopes", says why; the README says what a scoped user sees). Everything here is SQL over one
// table's rows, built from ONE condition on a stakeholder row, `stakeholderScopeSql`:
//
// - a stakeholder is in scope when the user owns it (OWN: `stakeholder_owners`) or it is in one of
//   the user's categories (CATEGORIES: `app_user_scope_categories`);
// - a record of one stakeholder (contact person, assessment, interest, tag) is visible with it;
// - a record of several stakeholders (interaction, agreement, goal, commitment) is visible when at
//   least one of them is in scope; its lists of stakeholders, contact persons, interests … show
//   only what is visible in its own right;
// - what hangs from a record is visible with it (a follow-up action with its interaction, a
//   measurement with its goal, a moment, decision or schedule version with its obligation,
//   evidence with its moment); an obligation from an agreement is visible with the agreement, one
//   owed to named stakeholders (and from no agreement) when one of them is in scope, and one owed
//   to no named stakeholder (a code's duty to a category, or to no one) is the organisation's and
//   visible to all;
// - reference data (governance codes, provisions, categories) and the access records (users,
//   tokens, sessions: policy.ts decides those) are visible to all;
// - an audit record is visible when it changed a record the user can see, and only those changes;
// - a record may be changed (created, updated, linked, archived, deleted) only when all of its
//   stakeholders are in scope, before and after the change: a shared record, and the
//   organisation's records, are changed by users who see all of them.
//
// It fails closed: a kind of scope it does not know and a CATEGORIES scope without categories
// show nothing (not even the organisation's own records), and a kind of record without a rule
// here is neither shown nor changed (portfolio-scope.test.ts holds every entity to a rule). Ids are written into the SQL as checked literals, never as text from a
// request, so a condition fits anywhere in a statement (report CTEs, unions) without parameters.

/** What a scope needs to know of its user (the authenticated User entity). */
export interface ScopedUser {
  readonly id: string;
  readonly scope?: PortfolioScope | string | null;
  readonly contactDetailsHidden?: boolean | null;
}

const NONE: SqlCondition = { sql: '1 = 0', params: [] };
const condition = (sql: string): SqlCondition => ({ sql, params: [] });

/** A UUID as an SQL literal; anything else is refused (it would be SQL from elsewhere). */
function uuidLiteral(id: string): string {
  if (!isUuid(id)) throw new Error('a portfolio scope is built from ids only');
  return `'${id.toLowerCase()}'`;
}

/** A scope as SQL: its condition on a stakeholder row, and the ids of its stakeholders as a flat subquery. */
interface ScopeSql {
  condition(alias: string): SqlCondition;
  /** `select <stakeholder id> …`: one level of subquery, so that the rules nest as little as they can (SQLite's parser has a depth limit). */
  ids: string;
  /**
   * Whether the scope could be resolved (a condition): the organisation's own records, which any
   * scope shows, are shown only then. CATEGORIES without a category, or a kind of scope this
   * version does not know, shows nothing at all.
   */
  resolved: string;
}

/** The one place where a kind of scope becomes SQL; null for ALL. */
function scopeOf(user: ScopedUser): ScopeSql | null {
  // No `?? ALL`: a user read without the column (a new read path that forgot it) sees nothing.
  switch (user.scope) {
    case PortfolioScope.ALL:
      return null;
    case PortfolioScope.OWN: {
      const owned = `select so.stakeholder_id from stakeholder_owners so where so.user_id = ${uuidLiteral(user.id)}`;
      return { condition: (alias) => condition(`${alias}.id in (${owned})`), ids: owned, resolved: 'true' };
    }
    case PortfolioScope.CATEGORIES: {
      // No category assigned: the subqueries are empty, so is the scope.
      const categories = `select sc.stakeholder_category_id from app_user_scope_categories sc where sc.user_id = ${uuidLiteral(user.id)}`;
      return {
        condition: (alias) => condition(`${alias}.category_id in (${categories})`),
        ids: `select sx.id from stakeholder sx join app_user_scope_categories sc on sc.stakeholder_category_id = sx.category_id where sc.user_id = ${uuidLiteral(user.id)}`,
        resolved: `exists (${categories})`,
      };
    }
    default:
      // A scope this version does not know (written by a newer one, or by hand): nothing.
      // (The empty set of ids has the ids' type: PostgreSQL compares a uuid with no text.)
      return { condition: () => NONE, ids: `select sx.id from stakeholder sx where ${NONE.sql}`, resolved: NONE.sql };
  }
}

/**
 * THE condition of a portfolio scope: on a row of `stakeholder` under `alias`, true for the
 * stakeholders `caller` may see; null when the caller's scope is the whole register (ALL). Every
 * other rule below, and every list, report and lookup, is built from the same scope; a new read
 * path (the stakeholder list's fast path) applies it with `where ${sql}`.
 */
export function stakeholderScopeSql(caller: { readonly user: ScopedUser }, alias: string): SqlCondition | null {
  return scopeOf(caller.user)?.condition(alias) ?? null;
}

/** Whether `caller` is limited to a portfolio (any scope but ALL, unknown ones included). */
export function isScoped(caller: { readonly user: ScopedUser }): boolean {
  return stakeholderScopeSql(caller, 's') !== null;
}

/** Whether a contact person's e-mail and phone are withheld from `caller`: unless the user says false (a user read without the column hides them). */
export function hidesContactDetails(caller: { readonly user: ScopedUser }): boolean {
  return caller.user.contactDetailsHidden !== false;
}

/** The personal contact details a caller may have withheld (User.contactDetailsHidden). */
export const CONTACT_DETAILS = ['email', 'phone'] as const;

// ---- The rules per kind of record ----------------------------------------------------------

/** Builds one statement's conditions: fresh aliases for nested subqueries, the scope's stakeholders. */
class Sql {
  private n = 0;
  constructor(private readonly scope: ScopeSql) {}

  alias(prefix: string): string {
    return `${prefix}${++this.n}_`;
  }

  /** The scope's condition on a stakeholder row (stakeholderScopeSql). */
  inScope(alias: string): string {
    return this.scope.condition(alias).sql;
  }

  /** The ids of the stakeholders in scope, as a subquery. */
  get ids(): string {
    return this.scope.ids;
  }

  /** `t.column` names a row linked through `pivot.owner` to at least one stakeholder in scope. */
  linked(pivot: string, owner: string, t: string, column = 'id'): string {
    const p = this.alias('pl');
    return `${t}.${column} in (select ${p}.${owner} from ${pivot} ${p} where ${p}.stakeholder_id in (${this.ids}))`;
  }

  /** … and to none outside it. */
  onlyLinked(pivot: string, owner: string, t: string, column = 'id'): string {
    const p = this.alias('po');
    return `${this.linked(pivot, owner, t, column)} and not exists (select 1 from ${pivot} ${p} where ${p}.${owner} = ${t}.${column} and ${p}.stakeholder_id not in (${this.ids}))`;
  }

  /** Obligation `o` is visible: with its agreement; else, owed to named stakeholders, when one is in scope; else it is the organisation's (when the scope resolves). */
  visibleObligation(o: string): string {
    const p = this.alias('pa');
    return `(${this.linked('agreement_parties', 'agreement_id', o, 'agreement_id')}
      or (${o}.agreement_id is null and ((${this.scope.resolved} and not exists (select 1 from ${AUDIENCE} ${p} where ${p}.obligation_id = ${o}.id)) or ${this.linked(AUDIENCE, 'obligation_id', o)})))`;
  }

  /** Obligation `o` may be changed: tied to stakeholders, all of them in scope, and owed to no category. */
  writableObligation(o: string): string {
    const [p, c] = [this.alias('pa'), this.alias('pc')];
    return `(${o}.agreement_id is not null or exists (select 1 from ${AUDIENCE} ${p} where ${p}.obligation_id = ${o}.id))
      and (${o}.agreement_id is null or (${this.onlyLinked('agreement_parties', 'agreement_id', o, 'agreement_id')}))
      and not exists (select 1 from ${AUDIENCE} ${p} where ${p}.obligation_id = ${o}.id and ${p}.stakeholder_id not in (${this.ids}))
      and not exists (select 1 from obligation_audience_categories ${c} where ${c}.obligation_id = ${o}.id)`;
  }
}

type RuleSql = (t: string, q: Sql) => string;

interface Rule {
  table: string;
  /** The rows a scoped user sees; null: all of them. */
  visible: RuleSql | null;
  /** The rows a scoped user may change; null: all of them (other rules decide, in policy.ts); NOTHING: none. */
  writable: RuleSql | null;
}

const NOTHING: RuleSql = () => NONE.sql;
const AUDIENCE = 'obligation_audience_stakeholders';

const ofStakeholder = (table: string): Rule => ({
  table,
  visible: (t, q) => `${t}.stakeholder_id in (${q.ids})`,
  writable: (t, q) => `${t}.stakeholder_id in (${q.ids})`,
});

/** A record of several stakeholders (through `pivot.owner`), or one that hangs from such a record by `column`. */
const ofStakeholders = (table: string, pivot: string, owner: string, column = 'id'): Rule => ({
  table,
  visible: (t, q) => q.linked(pivot, owner, t, column),
  writable: (t, q) => q.onlyLinked(pivot, owner, t, column),
});

/** A record that hangs from an obligation by `obligation_id`. */
const ofObligation = (table: string): Rule => ({
  table,
  visible: (t, q) => {
    const o = q.alias('ob');
    return `${t}.obligation_id in (select ${o}.id from obligation ${o} where ${q.visibleObligation(o)})`;
  },
  writable: (t, q) => {
    const o = q.alias('ob');
    return `${t}.obligation_id in (select ${o}.id from obligation ${o} where ${q.writableObligation(o)})`;
  },
});

const RULES: Record<string, Rule> = {
  Stakeholder: { table: 'stakeholder', visible: (t, q) => q.inScope(t), writable: (t, q) => q.inScope(t) },
  ContactPerson: ofStakeholder('contact_person'),
  StakeholderAssessment: ofStakeholder('stakeholder_assessment'),
  StakeholderTag: ofStakeholder('stakeholder_tag'),
  Interest: ofStakeholder('interest'),
  Interaction: ofStakeholders('interaction', 'interaction_stakeholders', 'interaction_id'),
  FollowUpAction: ofStakeholders('follow_up_action', 'interaction_stakeholders', 'interaction_id', 'interaction_id'),
  Agreement: ofStakeholders('agreement', 'agreement_parties', 'agreement_id'),
  StrategicGoal: ofStakeholders('strategic_goal', 'strategic_goal_stakeholders', 'strategic_goal_id'),
  GoalMeasurement: ofStakeholders('goal_measurement', 'strategic_goal_stakeholders', 'strategic_goal_id', 'goal_id'),
  Commitment: ofStakeholders('commitment', 'commitment_stakeholders', 'commitment_id'),
  Obligation: { table: 'obligation', visible: (t, q) => q.visibleObligation(t), writable: (t, q) => q.writableObligation(t) },
  AccountabilityMoment: ofObligation('accountability_moment'),
  ObligationApplication: ofObligation('obligation_application'),
  ObligationSchedule: ofObligation('obligation_schedule'),
  EvidenceDocument: {
    table: 'evidence_document',
    visible: (t, q) => {
      const [m, o] = [q.alias('mo'), q.alias('ob')];
      return `${t}.moment_id in (select ${m}.id from accountability_moment ${m} join obligation ${o} on ${o}.id = ${m}.obligation_id where ${q.visibleObligation(o)})`;
    },
    writable: (t, q) => {
      const [m, o] = [q.alias('mo'), q.alias('ob')];
      return `${t}.moment_id in (select ${m}.id from accountability_moment ${m} join obligation ${o} on ${o}.id = ${m}.obligation_id where ${q.writableObligation(o)})`;
    },
  },
  // The organisation's reference data: everyone reads it, users who see everything change it.
  GovernanceCode: { table: 'governance_code', visible: null, writable: NOTHING },
  CodeProvision: { table: 'code_provision', visible: null, writable: NOTHING },
  StakeholderCategory: { table: 'stakeholder_category', visible: null, writable: NOTHING },
  // Not the register's: policy.ts decides who sees and changes users, tokens and sessions.
  User: { table: 'app_user', visible: null, writable: null },
  ApiToken: { table: 'api_token', visible: null, writable: null },
  UserSession: { table: 'user_session', visible: null, writable: null },
  // Saved operations are documents, not register data: policy.ts decides who sees them (shared or
  // their own); what one answers is scoped when it runs, as it runs with the caller's own context.
  SavedOperation: { table: 'saved_operation', visible: null, writable: null },
  // The audit trail: a change of a record the user sees; a record with at least one such change.
  AuditChange: { table: 'audit_change', visible: (t, q) => changedRecordVisible(`${t}.entity_type`, `${t}.entity_id`, q), writable: null },
  AuditRecord: {
    table: 'audit_record',
    visible: (t, q) => {
      const c = q.alias('ac');
      return `(exists (select 1 from audit_change ${c} where ${c}.record_id = ${t}.id and ${changedRecordVisible(`${c}.entity_type`, `${c}.entity_id`, q)})
        or (not exists (select 1 from audit_change ${c} where ${c}.record_id = ${t}.id) and ${changedRecordVisible(`${t}.entity_type`, `${t}.entity_id`, q)}))`;
    },
    writable: null,
  },
  // Written by the unit of work itself (readiness probe).
  WriteProbe: { table: 'write_probe', visible: NOTHING, writable: null },
};

/**
 * The record an audit entry names (type and id columns) is one the user sees; a type without a
 * rule, or a record that is gone, is not. The visible records of every type as one union of
 * (type, id) pairs, so that it nests no deeper than one rule.
 */
function changedRecordVisible(typeColumn: string, idColumn: string, q: Sql): string {
  const open: string[] = [];
  const parts: string[] = [];
  for (const [entity, r] of Object.entries(RULES)) {
    if (entity === 'AuditChange' || entity === 'AuditRecord' || entity === 'WriteProbe') continue;
    if (!r.visible) {
      open.push(`'${entity}'`);
      continue;
    }
    const x = q.alias('ar');
    parts.push(`select '${entity}' as t, cast(${x}.id as text) as i from ${r.table} ${x} where ${r.visible(x, q)}`);
  }
  return `(${typeColumn} in (${open.join(', ')}) or (${typeColumn}, ${idColumn}) in (${parts.join(' union all ')}))`;
}

/** The table and rules of every entity the register knows; a test holds it to the ORM's metadata. */
export const PORTFOLIO_RULES: Readonly<Record<string, Readonly<Rule>>> = RULES;

/**
 * Items of these relations are visible whenever their owner is (`owner.relation`), so they are
 * not checked again: a stakeholder's own records, and what hangs from a record.
 */
export const PORTFOLIO_FOLLOWS: ReadonlySet<string> = new Set([
  ...['category', 'tagRecords', 'contacts', 'assessments', 'interests', 'agreements', 'goals', 'interactions', 'owners'].map((r) => `Stakeholder.${r}`),
  'ContactPerson.stakeholder',
  // A contact person takes part only in interactions with their stakeholder (interaction.service.ts).
  'ContactPerson.interactions',
  'StakeholderAssessment.stakeholder',
  'StakeholderTag.stakeholder',
  'Interest.stakeholder',
  'Interaction.followUpActions',
  'FollowUpAction.interaction',
  'StrategicGoal.measurements',
  'GoalMeasurement.goal',
  'Obligation.moments',
  'Obligation.applications',
  'Obligation.schedules',
  'AccountabilityMoment.obligation',
  'AccountabilityMoment.evidence',
  'EvidenceDocument.moment',
  'ObligationApplication.obligation',
  'ObligationSchedule.obligation',
]);

/** What one user may see and change, for the EntityManagers of their requests (shared/visibility.ts). */
class PortfolioVisibility implements Visibility {
  constructor(
    private readonly caller: { readonly user: ScopedUser },
    private readonly scoped: boolean,
  ) {}

  private build(entity: string, kind: 'visible' | 'writable', alias: string): SqlCondition | null {
    if (!this.scoped) return null;
    const r = RULES[entity];
    if (!r) return NONE;
    const sql = r[kind];
    if (!sql) return null;
    return condition(sql(alias, new Sql(scopeOf(this.caller.user)!)));
  }

  visible(entity: string, alias: string): SqlCondition | null {
    return this.build(entity, 'visible', alias);
  }

  writable(entity: string, alias: string): SqlCondition | null {
    return this.build(entity, 'writable', alias);
  }

  follows(owner: string, relation: string): boolean {
    return PORTFOLIO_FOLLOWS.has(`${owner}.${relation}`);
  }

  hidden(entity: string, field: string): boolean {
    return entity === 'ContactPerson' && hidesContactDetails(this.caller) && (CONTACT_DETAILS as readonly string[]).includes(field);
  }
}

/** What `caller` may see and change; null when nothing is withheld (scope ALL, contact details shown). */
export function portfolioVisibility(caller: { readonly user: ScopedUser }): Visibility | null {
  const scoped = isScoped(caller);
  if (!scoped && !hidesContactDetails(caller)) return null;
  return new PortfolioVisibility(caller, scoped);
}
