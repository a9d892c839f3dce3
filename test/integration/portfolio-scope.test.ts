import { expect } from 'chai';
import { SavedOperation } from '../../src/modules/saved-operation/saved-operation.entity';
import { buildAppSchema } from '../../src/schema';
import { rollUp, type Counts } from '../../src/modules/reporting/compliance';
import { ASOF, buildPortfolioRegister, PERIOD, Visible, type PortfolioRegister, type ScopedUser } from '../helpers/portfolio-register';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { seedRegister } from '../helpers/fixtures';
import { PORTFOLIO_FOLLOWS, PORTFOLIO_RULES } from '../../src/modules/access/portfolio-scope';
import { dialectOf } from '../../src/shared/sql';
import { plannedReads } from '../../src/shared/planned-read';

/** Runs `query` by the planned read (which must answer it) and by execution: both answers, which must be the same. */
async function plannedAndExecuted(app: TestApp, query: string, variables: Record<string, unknown>, token: string): Promise<any> {
  const answered = plannedReads.answered;
  const planned = await app.ok(query, variables, token);
  expect(plannedReads.answered, `the planned read answers ${query.slice(0, 60)} (last give-up: ${plannedReads.lastReason})`).to.equal(answered + 1);
  plannedReads.enabled = false;
  try {
    expect(await app.ok(query, variables, token), 'planned and executed alike').to.deep.equal(planned);
  } finally {
    plannedReads.enabled = true;
  }
  return planned;
}

// Portfolio scopes from the outside. The first part walks the schema: every Query root field
// (enumerated from the built schema, so a new one without a check here fails) is asked with a
// selection of its stakeholder-related data, by the administrator and by Anna, an administrator
// whose scope is OWN (so that the administrators' fields are open to her as well); Anna's answer
// must be the administrator's filtered by hand (helpers/portfolio-register.ts: records outside
// her portfolio left out of lists, to-one fields naming one null, counts counted again), and an
// id outside it NOT_FOUND. Then: fail closed, writes refused, contact details withheld, and the
// statement counts of scoped lists.

const R = '__typename id';
const STATUS_COUNTS = 'met metLate overdue dueSoon upcoming waived explained total';
const CONTACT = `${R} name email phone stakeholder { ${R} }`;
const STAKEHOLDER = `${R} name ownerIds relationshipOwner category { ${R} key }
  contacts(archived: ALL) { ${CONTACT} }
  assessments { ${R} power } currentAssessment { ${R} }
  interests(archived: ALL) { ${R} topic raisedIn { ${R} subject } goals { ${R} stakeholders { ${R} } } discussedIn { ${R} } }
  agreements { ${R} parties { ${R} } goals { ${R} } }
  goals { ${R} stakeholders { ${R} } interests { ${R} } agreements { ${R} } discussedIn { ${R} } measurements { ${R} } }
  interactions { ${R} stakeholders { ${R} } contactPersons { ${R} email } interests { ${R} } goals { ${R} } followUpActions { ${R} } raisedInterests { ${R} } commitments { ${R} stakeholders { ${R} } } }
  commitments(asOf: "2100-01-01") { ${R} stakeholders { ${R} } contactPersons { ${R} } interaction { ${R} } accountabilityMoment { ${R} } }
  lastInteractionOn
  history { ${R} operation entityType entityId changes(first: 100) { __typename entityType entityId field before after } }`;
const INTERACTION = `${R} subject stakeholders { ${R} category { ${R} } } contactPersons { ${CONTACT} } interests { ${R} stakeholder { ${R} } }
  goals { ${R} stakeholders { ${R} } } followUpActions(archived: ALL) { ${R} } raisedInterests(archived: ALL) { ${R} } commitments(archived: ALL) { ${R} stakeholders { ${R} } }
  history { ${R} changes(first: 100) { __typename entityType entityId } }`;
const GOAL = `${R} title stakeholders { ${R} } interests { ${R} stakeholder { ${R} } } agreements { ${R} parties { ${R} } } discussedIn { ${R} stakeholders { ${R} } }
  measurements { ${R} value } latestMeasurement { ${R} }`;
const AGREEMENT = `${R} title parties { ${R} } goals { ${R} stakeholders { ${R} } }`;
const MOMENT = `${R} dueOn status(asOf: "${ASOF}") obligation { ${R} } participants { ${R} } participantContacts { ${CONTACT} } interaction { ${R} stakeholders { ${R} } }
  evidence(includeSuperseded: true) { ${R} supersedes { ${R} } supersededBy { ${R} } } commitments(archived: ALL) { ${R} stakeholders { ${R} } } documented(asOf: "${ASOF}")`;
const OBLIGATION = `${R} title agreement { ${R} parties { ${R} } } audienceStakeholders { ${R} } audienceCategories { ${R} } provisions { ${R} }
  applications { ${R} } scheduleHistory { ${R} } moments(first: 100) { ${MOMENT} }`;
const COMMITMENT = `${R} description stakeholders { ${R} } contactPersons { ${CONTACT} } interaction { ${R} stakeholders { ${R} } } accountabilityMoment { ${R} obligation { ${R} } }`;
const ACTION = `${R} description interaction { ${R} stakeholders { ${R} } }`;
const INTEREST = `${R} topic stakeholder { ${R} } raisedIn { ${R} stakeholders { ${R} } } goals { ${R} stakeholders { ${R} } } discussedIn { ${R} stakeholders { ${R} } }`;
const PROVISION = `${R} reference obligations(archived: ALL) { ${R} audienceStakeholders { ${R} } agreement { ${R} } }`;
const AUDIT = `${R} operation entityType entityId changes(first: 100) { __typename entityType entityId field before after redacted }`;
const conn = (selection: string) => `totalCount edges { node { ${selection} } }`;

function statusCounts(statuses: string[]): Record<string, number> {
  const key: Record<string, string> = { MET: 'met', MET_LATE: 'metLate', OVERDUE: 'overdue', DUE_SOON: 'dueSoon', UPCOMING: 'upcoming', WAIVED: 'waived', EXPLAINED: 'explained' };
  const out: Record<string, number> = { met: 0, metLate: 0, overdue: 0, dueSoon: 0, upcoming: 0, waived: 0, explained: 0, total: statuses.length };
  for (const s of statuses) out[key[s]]++;
  return out;
}

function verdict(counts: Record<string, number>): string {
  const c: Counts = { MET: counts.met, MET_LATE: counts.metLate, OVERDUE: counts.overdue, DUE_SOON: counts.dueSoon, UPCOMING: counts.upcoming, WAIVED: counts.waived, EXPLAINED: counts.explained };
  return rollUp(c);
}

function sum(lines: { moments: Record<string, number> }[]): Record<string, number> {
  const out = statusCounts([]);
  for (const l of lines) for (const k of Object.keys(out)) out[k] += l.moments[k];
  return out;
}

/** Where two answers first differ, as a path with both values (the whole diff of a large answer is unreadable). */
function firstDifference(actual: unknown, expected: unknown, path = ''): string {
  if (JSON.stringify(actual) === JSON.stringify(expected)) return 'none';
  if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    const keys = [...new Set([...Object.keys(actual), ...Object.keys(expected)])];
    if (Array.isArray(actual) && Array.isArray(expected) && actual.length !== expected.length) {
      return `${path}: ${actual.length} items, expected ${expected.length}: ${JSON.stringify(actual).slice(0, 400)} / ${JSON.stringify(expected).slice(0, 400)}`;
    }
    for (const k of keys) {
      const d = firstDifference((actual as any)[k], (expected as any)[k], `${path}.${k}`);
      if (d !== 'none') return d;
    }
  }
  return `${path}: ${JSON.stringify(actual)?.slice(0, 300)}, expected ${JSON.stringify(expected)?.slice(0, 300)}`;
}

type Check = (w: Walk) => Promise<void>;

class Walk {
  /** How each root field was asked (a field the checks never ask fails the walk). */
  readonly asked = new Set<string>();

  constructor(
    readonly app: TestApp,
    readonly reg: PortfolioRegister,
    readonly visible: Visible,
    readonly scoped: ScopedUser,
    /** The token of the same role without a scope, whose answers are filtered by hand. */
    readonly reference: string,
    /** What `me` answers the scoped user. */
    readonly me: Record<string, unknown>,
    /** Whether to check that the scope changes the answers the register was built to change (for Anna's portfolio). */
    readonly strict: boolean,
  ) {}

  private note(query: string): void {
    for (const m of query.matchAll(/(?:^|[{\s])([a-zA-Z]+)\s*(?:\(|\{)/g)) this.asked.add(m[1]);
  }

  async both(query: string, variables?: Record<string, unknown>): Promise<[any, any]> {
    this.note(query);
    const admin = await this.app.ok(query, variables, this.reference);
    const scoped = await this.app.ok(query, variables, this.scoped.token);
    return [admin, scoped];
  }

  /** The scoped answer is the administrator's, filtered by hand (or as `expected` derives it from it). */
  async same(query: string, variables?: Record<string, unknown>, options: { expected?: (admin: any) => any | Promise<any>; differs?: boolean } = {}): Promise<any> {
    const [admin, scoped] = await this.both(query, variables);
    const expected = options.expected ? await options.expected(admin) : this.visible.filter(admin);
    expect(scoped, `${query.slice(0, 120)} ${JSON.stringify(variables ?? {})}; first difference: ${firstDifference(scoped, expected)}`).to.deep.equal(expected);
    if (this.strict && options.differs !== false) expect(scoped, `the scope changes the answer of ${query.slice(0, 80)}`).not.to.deep.equal(admin);
    return scoped;
  }

  /** `field(id:)` for each id: the filtered answer when the record is in scope, NOT_FOUND when not. */
  async byId(field: string, type: string, ids: string[], selection: string, arg = 'id'): Promise<void> {
    const query = `query ($id: ID!) { ${field}(${arg}: $id) { ${selection} } }`;
    let inScope = 0;
    let out = 0;
    for (const id of ids) {
      if (this.visible.has(type, id)) {
        await this.same(query, { id }, { differs: false });
        inScope++;
      } else {
        this.note(query);
        await this.app.ok(query, { id }, this.reference);
        const res = await this.app.gql(query, { id }, this.scoped.token);
        expect(res.errors?.[0]?.extensions?.code, `${field}(${arg}: ${id}) outside the scope`).to.equal('NOT_FOUND');
        expect(res.data ?? null).to.equal(null);
        out++;
      }
    }
    expect(inScope, `${field}: some ids in scope`).to.be.greaterThan(0);
    expect(out, `${field}: some ids outside the scope`).to.be.greaterThan(0);
  }
}

const ids = (w: Walk, ...keys: string[]) => keys.map((k) => w.reg.id[k]);

/** A shared saved operation listing stakeholders, made once (in the database: no audit record to filter). */
async function savedStakeholders(w: Walk): Promise<void> {
  const em = w.app.orm.em.fork();
  if (await em.count(SavedOperation, { name: 'portefeuille-stakeholders' })) return;
  const op = new SavedOperation();
  Object.assign(op, { name: 'portefeuille-stakeholders', title: 'Stakeholders', shared: true, document: `{ stakeholders(first: 100) { totalCount edges { node { ${R} name } } } }` });
  await em.persist(op).flush();
}

/** One check per Query root field; the walk fails for a field without one. */
const CHECKS: Record<string, Check> = {
  me: async (w) => {
    w.asked.add('me');
    const data = await w.app.ok(`{ me { user { id scope contactDetailsHidden scopeCategories { id } } canWrite } }`, {}, w.scoped.token);
    expect(data.me).to.deep.equal(w.me);
  },
  stakeholderCategories: async (w) => {
    await w.same(`{ stakeholderCategories { ${R} key stakeholders(first: 100) { ${R} name } } }`);
  },
  stakeholderCategory: async (w) => {
    await w.same(`query ($id: ID!) { stakeholderCategory(id: $id) { ${R} stakeholders(archived: ALL) { ${R} } } }`, { id: w.reg.cat.gemeente });
    await w.same(`query ($id: ID!) { stakeholderCategory(id: $id) { ${R} stakeholders(archived: ALL) { ${R} } } }`, { id: w.reg.cat.huurdersorganisatie }, { differs: false });
  },
  stakeholders: async (w) => {
    await w.same(`{ stakeholders(first: 100) { ${conn(STAKEHOLDER)} } }`);
    await w.same(`{ stakeholders(first: 100, filter: { categoryKeys: ["gemeente", "financier"] }) { ${conn(`${R} name`)} } }`);
  },
  stakeholder: (w) => w.byId('stakeholder', 'Stakeholder', ids(w, 'H', 'F', 'G', 'Z'), STAKEHOLDER),
  stakeholderAssessment: (w) => w.byId('stakeholderAssessment', 'StakeholderAssessment', ids(w, 'sH', 'sG'), `${R} power stakeholder { ${R} }`),
  contactPersons: async (w) => {
    await w.same(`{ contactPersons(first: 100) { ${conn(`${CONTACT} interactions { ${R} stakeholders { ${R} } }`)} } }`);
  },
  contactPerson: (w) => w.byId('contactPerson', 'ContactPerson', ids(w, 'cH', 'cG', 'cF'), `${CONTACT} interactions { ${R} } history { ${R} changes(first: 100) { __typename entityType entityId } }`),
  interests: async (w) => {
    await w.same(`{ interests(first: 100, filter: { archived: ALL }) { ${conn(INTEREST)} } }`);
  },
  interest: (w) => w.byId('interest', 'Interest', ids(w, 'iH', 'iG', 'iH2'), INTEREST),
  strategicGoals: async (w) => {
    await w.same(`{ strategicGoals(first: 100) { ${conn(GOAL)} } }`);
  },
  strategicGoal: (w) => w.byId('strategicGoal', 'StrategicGoal', ids(w, 'gH', 'gG', 'gHG'), GOAL),
  goalMeasurement: (w) => w.byId('goalMeasurement', 'GoalMeasurement', ids(w, 'mH', 'mG'), `${R} value goal { ${R} stakeholders { ${R} } }`),
  agreements: async (w) => {
    await w.same(`{ agreements(first: 100) { ${conn(AGREEMENT)} } }`);
  },
  agreement: (w) => w.byId('agreement', 'Agreement', ids(w, 'aHG', 'aG', 'aF'), AGREEMENT),
  interactions: async (w) => {
    await w.same(`{ interactions(first: 100) { ${conn(INTERACTION)} } }`);
    await w.same(`query ($g: ID!) { interactions(first: 100, filter: { stakeholderIds: [$g] }) { ${conn(`${R}`)} } }`, { g: w.reg.id.G });
  },
  interaction: (w) => w.byId('interaction', 'Interaction', ids(w, 'X1', 'X2', 'X3', 'X4'), INTERACTION),
  followUpActions: async (w) => {
    await w.same(`{ followUpActions(first: 100) { ${conn(ACTION)} } }`);
  },
  followUpAction: (w) => w.byId('followUpAction', 'FollowUpAction', ids(w, 'X1a0', 'X2a0', 'X3a0'), ACTION),
  governanceCodes: async (w) => {
    await w.same(`{ governanceCodes(first: 100) { ${conn(`${R} provisions { ${PROVISION} } rootProvisions { ${R} } `)} } }`);
  },
  governanceCode: async (w) => {
    for (const id of ids(w, 'K1', 'K2')) await w.same(`query ($id: ID!) { governanceCode(id: $id) { ${R} provisions { ${PROVISION} } } }`, { id }, { differs: id === w.reg.id.K2 });
  },
  codeProvision: async (w) => {
    for (const id of ids(w, 'P1', 'P2')) await w.same(`query ($id: ID!) { codeProvision(id: $id) { ${PROVISION} code { ${R} } } }`, { id }, { differs: id === w.reg.id.P2 });
  },
  obligations: async (w) => {
    await w.same(`{ obligations(first: 100) { ${conn(OBLIGATION)} } }`);
  },
  obligation: (w) => w.byId('obligation', 'Obligation', ids(w, 'oAHG', 'oAG', 'oOrg', 'oAudH', 'oAudG'), OBLIGATION),
  statusLabels: async (w) => {
    await w.same(`{ statusLabels { type value label } }`, {}, { differs: false });
  },
  // A saved operation's document is the same for everyone who sees it; what it answers is scoped.
  savedOperations: async (w) => {
    await savedStakeholders(w);
    await w.same(`{ savedOperations { name title shared } }`, {}, { differs: false });
  },
  savedOperation: async (w) => {
    await savedStakeholders(w);
    await w.same(`{ savedOperation(name: "portefeuille-stakeholders") { name document } }`, {}, { differs: false });
  },
  runSavedOperation: async (w) => {
    await savedStakeholders(w);
    await w.same(`{ runSavedOperation(name: "portefeuille-stakeholders") { name data errors { code } } }`);
  },
  previewSchedule: async (w) => {
    await w.same(`{ previewSchedule(rule: "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1", start: "2025-01-01", count: 3) { dates description } }`, {}, { differs: false });
  },
  accountabilityMoments: async (w) => {
    await w.same(`{ accountabilityMoments(first: 100, asOf: "${ASOF}") { ${conn(MOMENT)} } }`);
    await w.same(`{ accountabilityMoments(first: 100, asOf: "${ASOF}", filter: { statuses: [MET, MET_LATE, WAIVED, EXPLAINED] }) { ${conn(R)} } }`);
  },
  accountabilityMoment: (w) => w.byId('accountabilityMoment', 'AccountabilityMoment', ids(w, 'oAHG@2025', 'oAG@2025', 'oOrg@2025', 'oAudH@2026', 'oAudG@2026'), MOMENT),
  commitments: async (w) => {
    await w.same(`{ commitments(first: 100, filter: { asOf: "${ASOF}" }) { ${conn(COMMITMENT)} } }`);
  },
  commitment: (w) => w.byId('commitment', 'Commitment', ids(w, 'kH', 'kG', 'kHG', 'kM'), COMMITMENT),

  complianceReport: async (w) => {
    const line = `status obligationCount moments { ${STATUS_COUNTS} }`;
    const query = `query ($period: PeriodInput!) { complianceReport(period: $period, asOf: "${ASOF}", overdueLimit: 100) {
      status moments { ${STATUS_COUNTS} } overdueCount overdue { ${R} obligation { ${R} } }
      codes { code { ${R} } ${line} provisions { provision { ${R} } ${line} overdue { ${R} } } }
      agreements { agreement { ${R} } ${line} overdue { ${R} } }
      heldNotDocumentedCount heldNotDocumented { ${R} obligation { ${R} } }
      applyOrExplain { year provision { ${R} } application obligationCount explanations { obligation { ${R} } } } } }`;
    const facts = await obligationFacts(w);
    await w.same(query, { period: PERIOD }, {
      expected: (admin) => {
        const r = admin.complianceReport;
        // A line counts again the moments of the obligations of it that are in scope.
        const recount = (l: any, obligations: string[]) => {
          const moments = facts.counts(obligations, PERIOD.from, PERIOD.to);
          return { ...l, status: verdict(moments), obligationCount: obligations.length, moments };
        };
        const agreements = r.agreements.filter((l: any) => w.visible.has('Agreement', l.agreement.id)).map((l: any) => recount(l, facts.visible((o) => o.agreement?.id === l.agreement.id)));
        const codes = r.codes
          .map((l: any) => ({
            ...recount(l, facts.visible((o) => o.provisions.some((p: any) => p.code.id === l.code.id))),
            provisions: l.provisions.map((p: any) => recount(p, facts.visible((o) => o.provisions.some((x: any) => x.id === p.provision.id)))).filter((p: any) => p.obligationCount > 0),
          }))
          .filter((l: any) => l.obligationCount > 0);
        // Each obligation of this register comes from an agreement or from provisions of one code: the total is the sum of the lines.
        const moments = sum([...agreements, ...codes]);
        const overdue = w.visible.filter(r.overdue);
        const heldNotDocumented = w.visible.filter(r.heldNotDocumented);
        const applyOrExplain = r.applyOrExplain
          .map((e: any) => {
            const explanations = e.explanations.filter((x: any) => w.visible.has('Obligation', x.obligation.id));
            return { ...e, obligationCount: facts.visible((o) => o.provisions.some((p: any) => p.id === e.provision.id)).length, explanations, application: explanations.length ? 'EXPLAIN' : 'APPLY' };
          })
          .filter((e: any) => e.obligationCount > 0);
        return {
          complianceReport: {
            status: verdict(moments),
            moments,
            overdueCount: overdue.length,
            overdue,
            codes: w.visible.filter(codes),
            agreements: w.visible.filter(agreements),
            heldNotDocumentedCount: heldNotDocumented.length,
            heldNotDocumented,
            applyOrExplain: w.visible.filter(applyOrExplain),
          },
        };
      },
    });
  },

  accountabilityOverview: async (w) => {
    const query = `{ accountabilityOverview(asOf: "${ASOF}", withinDays: 366, from: "2025-01-01", limit: 100) {
      status moments { ${STATUS_COUNTS} } overdueCount overdue { ${R} obligation { ${R} } } dueNextCount dueNext { ${R} obligation { ${R} } }
      heldNotDocumentedCount explanationsToReviewCount explanationsToReview { obligation { ${R} } decision { ${R} } }
      commitments { counts { open dueSoon overdue deliveredOnTime deliveredLate withdrawn total } listed { status commitment { ${R} } } listedTotal } } }`;
    // The moments and commitments the counts are made of, from the administrator.
    const facts = await w.app.ok(`{ accountabilityMoments(first: 100, asOf: "${ASOF}", filter: { dueFrom: "2025-01-01", dueTo: "2027-07-01" }) { edges { node { id dueOn heldOn status(asOf: "${ASOF}") documented(asOf: "${ASOF}") } } }
      commitments(first: 100, filter: { asOf: "${ASOF}" }) { edges { node { id status(asOf: "${ASOF}") } } } }`);
    await w.same(query, {}, {
      expected: (admin) => {
        const r = admin.accountabilityOverview;
        expect(r.overdueCount).to.equal(r.overdue.length);
        expect(r.dueNextCount).to.equal(r.dueNext.length);
        expect(r.explanationsToReviewCount).to.equal(r.explanationsToReview.length);
        const moments = facts.accountabilityMoments.edges.map((e: any) => e.node).filter((m: any) => w.visible.has('AccountabilityMoment', m.id));
        const counts = statusCounts(moments.map((m: any) => m.status));
        const commitments = facts.commitments.edges.map((e: any) => e.node).filter((c: any) => w.visible.has('Commitment', c.id));
        const byStatus = (s: string) => commitments.filter((c: any) => c.status === s).length;
        const listed = w.visible.filter(r.commitments.listed.filter((l: any) => w.visible.has('Commitment', l.commitment.id)));
        const toReview = r.explanationsToReview.filter((e: any) => w.visible.has('Obligation', e.obligation.id));
        return {
          accountabilityOverview: {
            status: verdict(counts),
            moments: counts,
            overdueCount: w.visible.filter(r.overdue).length,
            overdue: w.visible.filter(r.overdue),
            dueNextCount: w.visible.filter(r.dueNext).length,
            dueNext: w.visible.filter(r.dueNext),
            heldNotDocumentedCount: moments.filter((m: any) => m.heldOn && m.heldOn <= ASOF && !m.documented).length,
            explanationsToReviewCount: toReview.length,
            explanationsToReview: w.visible.filter(toReview),
            commitments: {
              counts: {
                open: byStatus('OPEN'), dueSoon: byStatus('DUE_SOON'), overdue: byStatus('OVERDUE'), deliveredOnTime: byStatus('DELIVERED_ON_TIME'),
                deliveredLate: byStatus('DELIVERED_LATE'), withdrawn: byStatus('WITHDRAWN'), total: commitments.length,
              },
              listed,
              listedTotal: listed.length,
            },
          },
        };
      },
    });
  },

  accountabilityTo: async (w) => {
    const select = `stakeholder { ${R} } category { ${R} } status moments { ${STATUS_COUNTS} } obligations { obligation { ${R} } status moments { ${STATUS_COUNTS} } lastHeldOn nextDueOn }
      commitments { counts { total } listed { status commitment { ${R} } } }`;
    const expected = (admin: any) => {
      const r = admin.accountabilityTo;
      const obligations = r.obligations.filter((l: any) => w.visible.has('Obligation', l.obligation.id));
      const moments = sum(obligations);
      const listed = w.visible.filter(r.commitments.listed.filter((l: any) => w.visible.has('Commitment', l.commitment.id)));
      return { accountabilityTo: { ...w.visible.filter(r), status: verdict(moments), moments, obligations: w.visible.filter(obligations), commitments: { counts: { total: listed.length }, listed } } };
    };
    const byStakeholder = `query ($id: ID!) { accountabilityTo(stakeholderId: $id, period: { from: "2025-01-01", to: "2026-12-31" }, asOf: "${ASOF}") { ${select} } }`;
    const [inScope, outside] = w.visible.has('Stakeholder', w.reg.id.H) ? [w.reg.id.H, w.reg.id.G] : [w.reg.id.G, w.reg.id.H];
    // H is owed what is owed to it and to its category: all of it Anna's (the obligations owed to G are not owed to H).
    await w.same(byStakeholder, { id: inScope }, { expected, differs: false });
    const res = await w.app.gql(byStakeholder, { id: outside }, w.scoped.token);
    expect(res.errors?.[0]?.extensions?.code).to.equal('NOT_FOUND');
    for (const key of ['gemeente', 'huurdersorganisatie']) {
      await w.same(`{ accountabilityTo(categoryKey: "${key}", period: { from: "2025-01-01", to: "2026-12-31" }, asOf: "${ASOF}") { ${select} } }`, {}, { expected, differs: key === 'gemeente' });
    }
  },

  annualReport: async (w) => {
    const facts = await w.app.ok(`{ stakeholders(first: 100) { edges { node { id category { id } } } }
      interactions(first: 100) { edges { node { id occurredOn stakeholders { id category { id } } } } }
      obligations(first: 100) { edges { node { id form moments(first: 100) { id dueOn heldOn status(asOf: "${ASOF}") } } } } }`);
    for (const year of [2025, 2026]) {
      const query = `{ annualReport(year: ${year}, asOf: "${ASOF}", limit: 100) {
        interactionCount engagedStakeholderCount engagement { category { ${R} } stakeholderCount engagedStakeholderCount interactionCount }
        interestCount interests { ${R} stakeholder { ${R} } goals { ${R} } } goals { ${R} stakeholders { ${R} } }
        moments { ${STATUS_COUNTS} } heldCount byForm { form moments { ${STATUS_COUNTS} } }
        applyOrExplain { code { ${R} } provision { ${R} } appliedCount explainedCount status explained { ${R} } } } }`;
      const upTo = `${year}-12-31` < ASOF ? `${year}-12-31` : ASOF;
      const inYear = (day: string | null) => !!day && day >= `${year}-01-01` && day <= upTo;
      const lines = await obligationFacts(w);
      await w.same(query, {}, {
        expected: (admin) => {
          const r = admin.annualReport;
          const stakeholders = facts.stakeholders.edges.map((e: any) => e.node).filter((s: any) => w.visible.has('Stakeholder', s.id));
          const interactions = facts.interactions.edges.map((e: any) => e.node).filter((i: any) => w.visible.has('Interaction', i.id) && inYear(i.occurredOn));
          const seen = (s: { id: string }) => w.visible.has('Stakeholder', s.id);
          const engagement = r.engagement
            .map((l: any) => {
              const mine = stakeholders.filter((s: any) => s.category.id === l.category.id);
              const engaged = mine.filter((s: any) => interactions.some((i: any) => i.stakeholders.some((x: any) => x.id === s.id)));
              const count = interactions.filter((i: any) => i.stakeholders.some((x: any) => seen(x) && x.category.id === l.category.id)).length;
              return { category: l.category, stakeholderCount: mine.length, engagedStakeholderCount: engaged.length, interactionCount: count };
            })
            .filter((l: any) => l.stakeholderCount > 0);
          const moments = facts.obligations.edges.map((e: any) => e.node).filter((o: any) => w.visible.has('Obligation', o.id));
          const due = moments.flatMap((o: any) => o.moments.filter((m: any) => m.dueOn >= `${year}-01-01` && m.dueOn <= `${year}-12-31`).map((m: any) => ({ ...m, form: o.form })));
          const held = moments.flatMap((o: any) => o.moments).filter((m: any) => inYear(m.heldOn)).length;
          const byForm = r.byForm
            .map((f: any) => ({ form: f.form, moments: statusCounts(due.filter((m: any) => m.form === f.form).map((m: any) => m.status)) }))
            .filter((f: any) => f.moments.total > 0);
          const interests = w.visible.filter(r.interests);
          return {
            annualReport: {
              interactionCount: interactions.length,
              engagedStakeholderCount: engagement.reduce((n: number, l: any) => n + l.engagedStakeholderCount, 0),
              engagement,
              interestCount: interests.length,
              interests,
              goals: w.visible.filter(r.goals),
              moments: statusCounts(due.map((m: any) => m.status)),
              heldCount: held,
              byForm,
                  applyOrExplain: w.visible.filter(
                r.applyOrExplain
                  .map((l: any) => {
                    const mine = lines.visible((o) => o.provisions.some((p: any) => p.id === l.provision.id));
                    const explained = l.explained.filter((x: any) => w.visible.has('Obligation', x.id));
                    return { ...l, appliedCount: mine.length - explained.length, explainedCount: explained.length, status: verdict(lines.counts(mine, `${year}-01-01`, `${year}-12-31`)), explained };
                  })
                  .filter((l: any) => l.appliedCount + l.explainedCount > 0),
              ),
            },
          };
        },
      });
    }
  },

  auditTrail: async (w) => {
    await w.same(`{ auditTrail(first: 100) { ${conn(AUDIT)} } }`, {}, {
      expected: (admin) => {
        const edges = admin.auditTrail.edges.filter((e: any) => e.node.changes.some((c: any) => w.visible.has(c.entityType, c.entityId)));
        return { auditTrail: { totalCount: edges.length, edges: w.visible.filter(edges) } };
      },
    });
    // Asking for the changes of a record outside the scope finds nothing (not even the changes of shared records that also touched it).
    const byRecord = `query ($id: ID!) { auditTrail(first: 100, filter: { entityId: $id }) { ${conn(AUDIT)} } }`;
    const [inScope, outside] = w.visible.has('Stakeholder', w.reg.id.H) ? [w.reg.id.H, w.reg.id.G] : [w.reg.id.G, w.reg.id.H];
    await w.same(byRecord, { id: outside }, { expected: () => ({ auditTrail: { totalCount: 0, edges: [] } }) });
    await w.same(byRecord, { id: inScope }, { differs: false });
  },

  users: async (w) => {
    await w.same(`{ users { ${R} email scope contactDetailsHidden scopeCategories { ${R} } } }`, {}, { differs: false });
  },

  personalDataExport: async (w) => {
    const query = `query ($id: ID!) { personalDataExport(contactPersonId: $id) { contact { ${CONTACT} } interactions { ${R} subject } moments { ${R} obligation { title } dueOn } auditChanges { __typename entityType entityId field } document } }`;
    // The document, read: without the moment it was made, which differs between two calls.
    const read = (data: any) => {
      const { exportedAt, ...doc } = JSON.parse(data.personalDataExport.document);
      expect(exportedAt).to.be.a('string');
      return { ...data.personalDataExport, document: doc };
    };
    for (const id of ids(w, 'cH', 'cF')) {
      const [admin, scoped] = (await w.both(query, { id })).map(read);
      const e = w.visible.filter(admin);
      // The document says what the lists say: interactions and moments outside the scope are left out there too.
      const subjects = new Set(e.interactions.map((i: any) => i.subject));
      const moments = new Set(e.moments.map((m: any) => `${m.obligation.title}@${m.dueOn}`));
      const doc = {
        ...admin.document,
        interactions: admin.document.interactions.filter((i: any) => subjects.has(i.subject)),
        accountabilityMoments: admin.document.accountabilityMoments.filter((m: any) => moments.has(`${m.obligation}@${m.dueOn}`)),
      };
      expect(scoped).to.deep.equal({ ...e, document: doc });
      if (id === w.reg.id.cH) expect(scoped).not.to.deep.equal(admin);
    }
    const res = await w.app.gql(query, { id: w.reg.id.cG }, w.scoped.token);
    expect(res.errors?.[0]?.extensions?.code).to.equal('NOT_FOUND');
  },
};

/** The obligations of the register with their agreement, provisions and moments (the administrator's view), to count lines again by hand. */
async function obligationFacts(w: Walk) {
  const data = await w.app.ok(`{ obligations(first: 100) { edges { node { id agreement { id } provisions { id code { id } } moments(first: 100) { dueOn status(asOf: "${ASOF}") } } } } }`);
  const all: any[] = data.obligations.edges.map((e: any) => e.node);
  for (const o of all) if (o.agreement) expect(o.provisions, 'an obligation of this register comes from an agreement or from provisions').to.deep.equal([]);
  const byId = new Map(all.map((o) => [o.id, o]));
  return {
    /** Ids of the obligations in scope that meet `test`. */
    visible: (test: (o: any) => boolean): string[] => all.filter((o) => w.visible.has('Obligation', o.id) && test(o)).map((o) => o.id),
    /** Their moments due from `from` to `to`, counted by status. */
    counts: (ids: string[], from: string, to: string) => statusCounts(ids.flatMap((id) => byId.get(id).moments.filter((m: any) => m.dueOn >= from && m.dueOn <= to).map((m: any) => m.status))),
  };
}

const LIMITS = { MAX_QUERY_COST: '100000000', MAX_QUERY_DEPTH: '20', MAX_FIELDS: '5000', MAX_TOKENS: '100000', MAX_RESPONSE_ITEMS: '1000000', MAX_PAGE_SIZE: '100' };

describe('portfolio scopes: every query answers a scoped user with the unscoped answer filtered by hand', function () {
  this.timeout(120_000);
  let app: TestApp;
  let walk: Walk;
  let carl: Walk;

  before(async () => {
    app = await startTestApp(LIMITS);
    const reg = await buildPortfolioRegister(app);
    const visible = await Visible.of(app, (s) => s.ownerIds.includes(reg.anna.id));
    expect(visible.ids.get('Stakeholder')?.size).to.equal(2);
    walk = new Walk(app, reg, visible, reg.anna, app.tokens.admin, { user: { id: reg.anna.id, scope: 'OWN', contactDetailsHidden: false, scopeCategories: [] }, canWrite: true }, true);
    const carlSees = await Visible.of(app, (s) => s.category.id === reg.cat.gemeente);
    expect(carlSees.ids.get('Stakeholder')?.size).to.equal(2);
    carl = new Walk(app, reg, carlSees, reg.carl, app.tokens.viewer, { user: { id: reg.carl.id, scope: 'CATEGORIES', contactDetailsHidden: false, scopeCategories: [{ id: reg.cat.gemeente }] }, canWrite: false }, false);
  });
  after(() => app?.close());

  it('has a check for every Query root field of the schema', async () => {
    const fields = Object.keys((await buildAppSchema()).getQueryType()!.getFields()).sort();
    expect(fields.filter((f) => !CHECKS[f]), 'root fields without a check in portfolio-scope.test.ts').to.deep.equal([]);
    expect(Object.keys(CHECKS).filter((f) => !fields.includes(f)), 'checks of fields the schema no longer has').to.deep.equal([]);
  });

  for (const [field, check] of Object.entries(CHECKS)) {
    it(`${field}`, async () => {
      await check(walk);
      expect(walk.asked.has(field), `the check of ${field} asks ${field}`).to.equal(true);
    });
  }

  // The same walk for a viewer whose scope is the municipalities' category (the administrators' fields are not a viewer's).
  for (const [field, check] of Object.entries(CHECKS).filter(([f]) => !['users', 'personalDataExport'].includes(f))) {
    it(`${field}, for a CATEGORIES scope`, () => check(carl));
  }
});

/** A register of helpers/portfolio-register.ts of its own for a describe block, filled before its tests. */
function usePortfolioRegister(): { app: TestApp; reg: PortfolioRegister } {
  const made = {} as { app: TestApp; reg: PortfolioRegister };
  before(async () => {
    made.app = await startTestApp(LIMITS);
    made.reg = await buildPortfolioRegister(made.app);
  });
  after(() => made.app?.close());
  return made;
}

describe('portfolio scopes: fail closed', function () {
  this.timeout(120_000);
  const register = usePortfolioRegister();
  let app: TestApp;
  let reg: PortfolioRegister;
  before(() => ({ app, reg } = register));

  /** What a user sees of the register: the counts of every list, three reports, and the lookups of records in every other scope. */
  async function seen(token: string) {
    const data = await app.ok(
      `{ stakeholders { totalCount } contactPersons { totalCount } interests { totalCount } strategicGoals { totalCount } agreements { totalCount } interactions { totalCount }
        followUpActions { totalCount } obligations { totalCount } accountabilityMoments(asOf: "${ASOF}") { totalCount } commitments(filter: { asOf: "${ASOF}" }) { totalCount }
        complianceReport(period: { from: "2025-01-01", to: "2026-12-31" }, asOf: "${ASOF}") { moments { total } codes { code { id } } agreements { agreement { id } } }
        accountabilityOverview(asOf: "${ASOF}", from: "2025-01-01") { moments { total } overdueCount }
        annualReport(year: 2025, asOf: "${ASOF}") { interactionCount interestCount engagement { stakeholderCount } moments { total } }
        stakeholderCategories { id } governanceCodes { totalCount } }`,
      {},
      token,
    );
    const lookups = await Promise.all(
      (['H', 'G', 'F', 'Z'] as const).map((k) => app.gql(`query ($id: ID!) { stakeholder(id: $id) { id } }`, { id: reg.id[k] }, token)),
    );
    return { data, notFound: lookups.every((r) => r.errors?.[0]?.extensions?.code === 'NOT_FOUND') };
  }

  function expectNothing({ data, notFound }: Awaited<ReturnType<typeof seen>>): void {
    for (const list of ['stakeholders', 'contactPersons', 'interests', 'strategicGoals', 'agreements', 'interactions', 'followUpActions', 'obligations', 'accountabilityMoments', 'commitments']) {
      expect(data[list].totalCount, list).to.equal(0);
    }
    expect(data.complianceReport).to.deep.equal({ moments: { total: 0 }, codes: [], agreements: [] });
    expect(data.accountabilityOverview).to.deep.equal({ moments: { total: 0 }, overdueCount: 0 });
    expect(data.annualReport).to.deep.equal({ interactionCount: 0, interestCount: 0, engagement: [], moments: { total: 0 } });
    // Reference data stays: the categories and codes are not the portfolio's.
    expect(data.stakeholderCategories.length).to.be.greaterThan(0);
    expect(data.governanceCodes.totalCount).to.equal(2);
    expect(notFound, 'every stakeholder is NOT_FOUND').to.equal(true);
  }

  it('a CATEGORIES scope whose categories are gone shows nothing, not everything', async () => {
    // Carl's categories removed behind the API's back (the API refuses CATEGORIES without one).
    await app.orm.em.getConnection().execute('delete from app_user_scope_categories where user_id = ?', [reg.carl.id]);
    expectNothing(await seen(reg.carl.token));
  });

  it('a kind of scope this version does not know (written by a newer one) shows nothing, and nothing can be written', async () => {
    const connection = app.orm.em.getConnection();
    // The CHECK constraint keeps this version from writing one: step around it, as another version would not be held by it.
    if (dialectOf(app.orm.em) === 'sqlite') {
      await connection.execute('pragma ignore_check_constraints = on');
      await connection.execute(`update app_user set scope = 'REGION' where id = ?`, [reg.eva.id]);
      await connection.execute('pragma ignore_check_constraints = off');
    } else {
      const [check] = await connection.execute<{ conname: string }[]>(
        `select conname from pg_constraint where conrelid = 'app_user'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%scope%'`,
      );
      await connection.execute(`alter table app_user drop constraint "${check.conname}"`);
      await connection.execute(`update app_user set scope = 'REGION' where id = ?`, [reg.eva.id]);
    }
    expectNothing(await seen(reg.eva.token));
    const res = await app.gql(`mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`, { input: { name: 'Nieuw', categoryId: reg.cat.gemeente } }, reg.eva.token);
    expect(res.errors?.[0]?.extensions?.code).to.equal('FORBIDDEN');
    expect((await app.ok(`{ stakeholders(filter: { text: "Nieuw" }) { totalCount } }`)).stakeholders.totalCount).to.equal(0);
  });

  it('holds every kind of record the register knows to a rule, with its own table, and every relation it does not check again to one that exists', () => {
    const metadata = app.orm.getMetadata();
    for (const meta of Object.values(metadata.getAll())) {
      if (meta.abstract || meta.embeddable || meta.pivotTable) continue;
      const rule = PORTFOLIO_RULES[meta.className];
      expect(rule, `${meta.className} has a rule in portfolio-scope.ts`).to.be.an('object');
      expect(rule.table, `${meta.className}'s table`).to.equal(meta.tableName);
    }
    for (const name of PORTFOLIO_FOLLOWS) {
      const [owner, relation] = name.split('.');
      expect(metadata.find(owner)?.properties[relation as never], name).to.be.an('object');
    }
  });
});

describe('portfolio scopes: a scoped editor cannot write outside the scope, and a refused write changes nothing', function () {
  this.timeout(120_000);
  const register = usePortfolioRegister();
  let app: TestApp;
  let reg: PortfolioRegister;
  before(() => ({ app, reg } = register));

  /** Everything the register holds, as the administrator reads it (counts and revisions), and the audit trail's length. */
  async function state() {
    return app.ok(`{ stakeholders(filter: { archived: ALL }) { totalCount edges { node { revision ownerIds } } } interactions(filter: { archived: ALL }) { totalCount edges { node { revision } } }
      followUpActions(filter: { archived: ALL }) { totalCount } agreements(filter: { archived: ALL }) { totalCount edges { node { revision } } } contactPersons(filter: { archived: ALL }) { totalCount }
      commitments(filter: { archived: ALL, asOf: "2100-01-01" }) { totalCount } governanceCodes(filter: { archived: ALL }) { edges { node { revision } } }
      accountabilityMoments(first: 100) { edges { node { revision heldOn } } } auditTrail { totalCount } }`);
  }

  async function refused(query: string, variables: Record<string, unknown>, code: string, field?: string): Promise<void> {
    const before = await state();
    const res = await app.gql(query, variables, reg.eva.token);
    expect(res.errors, JSON.stringify(res)).to.have.length(1);
    expect(res.errors![0].extensions?.code, JSON.stringify(res.errors)).to.equal(code);
    if (field) expect(res.errors![0].extensions?.fields?.map((f: { path: string }) => f.path)).to.include(field);
    expect(await state(), 'a refused write changes nothing').to.deep.equal(before);
  }

  const M = {
    interaction: `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id stakeholders { id } } }`,
    updateInteraction: `mutation ($id: ID!, $revision: Int!, $input: UpdateInteractionInput!) { updateInteraction(id: $id, revision: $revision, input: $input) { id } }`,
    action: `mutation ($input: CreateFollowUpActionInput!) { createFollowUpAction(input: $input) { id } }`,
    stakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id ownerIds } }`,
    updateStakeholder: `mutation ($id: ID!, $revision: Int!, $input: UpdateStakeholderInput!) { updateStakeholder(id: $id, revision: $revision, input: $input) { id ownerIds } }`,
    contact: `mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }`,
    code: `mutation ($id: ID!, $revision: Int!) { updateGovernanceCode(id: $id, revision: $revision, input: { title: "Andere titel" }) { id } }`,
    held: `mutation ($id: ID!) { recordMomentHeld(id: $id, input: { heldOn: "2026-03-02" }) { id heldOn } }`,
    commitment: `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`,
    archiveAgreement: `mutation ($id: ID!) { archiveAgreement(id: $id) { id } }`,
  };

  it('answers NOT_FOUND, naming the field, for a record outside the scope: a stakeholder, a contact, an interaction, a moment', async () => {
    await refused(M.interaction, { input: { occurredOn: '2026-04-01', subject: 'Overleg', stakeholderIds: [reg.id.H, reg.id.G] } }, 'NOT_FOUND', 'input.stakeholderIds');
    await refused(M.contact, { input: { stakeholderId: reg.id.G, name: 'Iemand' } }, 'NOT_FOUND', 'input.stakeholderId');
    await refused(M.commitment, { input: { description: 'Belofte', madeBy: 'Eva', madeOn: '2026-04-01', dueOn: '2026-05-01', stakeholderIds: [reg.id.H, reg.id.G] } }, 'NOT_FOUND', 'input.stakeholderIds');
    await refused(M.updateStakeholder, { id: reg.id.G, revision: 1, input: { name: 'Gemeente' } }, 'NOT_FOUND', 'id');
    await refused(M.held, { id: reg.id['oAG@2026'] }, 'NOT_FOUND', 'id');
    // A stale revision of a record outside the scope says nothing about it either.
    await refused(M.updateStakeholder, { id: reg.id.G, revision: 99, input: { name: 'Gemeente' } }, 'NOT_FOUND', 'id');
  });

  it('answers FORBIDDEN for a record she sees but shares with stakeholders outside the scope, or the organisation\'s own', async () => {
    const x2 = (await app.ok(`query ($id: ID!) { interaction(id: $id) { revision } }`, { id: reg.id.X2 })).interaction.revision;
    await refused(M.updateInteraction, { id: reg.id.X2, revision: x2, input: { subject: 'Ander onderwerp' } }, 'FORBIDDEN');
    await refused(M.action, { input: { interactionId: reg.id.X2, description: 'Nog iets' } }, 'FORBIDDEN');
    await refused(M.archiveAgreement, { id: reg.id.aHG }, 'FORBIDDEN');
    await refused(M.code, { id: reg.id.K1, revision: 1 }, 'FORBIDDEN');
    // The organisation's obligation (owed to a category): hers to see, not to change.
    await refused(M.held, { id: reg.id['oOrg@2026'] }, 'FORBIDDEN');
  });

  it('answers FORBIDDEN for a change that would take a record out of the scope', async () => {
    const h = (await app.ok(`query ($id: ID!) { stakeholder(id: $id) { revision } }`, { id: reg.id.H })).stakeholder.revision;
    await refused(M.updateStakeholder, { id: reg.id.H, revision: h, input: { ownerIds: [reg.anna.id] } }, 'FORBIDDEN');
    await refused(M.stakeholder, { input: { name: 'Stichting Elders', categoryId: reg.cat.gemeente, ownerIds: [reg.anna.id] } }, 'FORBIDDEN');
  });

  it('writes what is all hers: she owns what she registers, and changes the records of her own stakeholders', async () => {
    const made = (await app.ok(M.stakeholder, { input: { name: 'Bewonerscommissie Noord', categoryId: reg.cat.huurdersorganisatie } }, reg.eva.token)).createStakeholder;
    expect(made.ownerIds).to.deep.equal([reg.eva.id]);
    const x = (await app.ok(M.interaction, { input: { occurredOn: '2026-04-01', subject: 'Kennismaking', stakeholderIds: [made.id, reg.id.H] } }, reg.eva.token)).createInteraction;
    expect(x.stakeholders.map((s: { id: string }) => s.id).sort()).to.deep.equal([made.id, reg.id.H].sort());
    await app.ok(M.action, { input: { interactionId: reg.id.X1, description: 'Terugbellen' } }, reg.eva.token);
    // An obligation owed to H alone (under a provision, to no category) is hers to record.
    expect((await app.ok(M.held, { id: reg.id['oAudH@2025'] }, reg.eva.token)).recordMomentHeld.heldOn).to.equal('2026-03-02');
    // And what she wrote is in the audit trail under her name, as anyone's.
    const trail = await app.ok(`query ($id: ID!) { auditTrail(filter: { entityId: $id }) { edges { node { operation userId } } } }`, { id: made.id });
    expect(trail.auditTrail.edges.map((e: any) => e.node)).to.deep.include({ operation: 'createStakeholder', userId: reg.eva.id });
  });
});

describe('portfolio scopes: contact details withheld', function () {
  this.timeout(120_000);
  const register = usePortfolioRegister();
  let app: TestApp;
  let reg: PortfolioRegister;
  before(() => ({ app, reg } = register));

  const EMAIL = /@|\+31/;

  it('answers e-mail and phone as null wherever a contact person is reached: lists, the compiled stakeholder page, nested fields, reports', async () => {
    const query = `{ contactPersons(first: 100) { edges { node { name email phone } } }
      stakeholders(first: 100) { edges { node { contacts { name email phone } interactions { contactPersons { email phone } } commitments(asOf: "2100-01-01") { contactPersons { email phone } } } } }
      accountabilityMoments(first: 100) { edges { node { participantContacts { email phone } } } } }`;
    const shown = JSON.stringify(await app.ok(query));
    expect(shown, 'the administrator sees them').to.match(EMAIL);
    const hidden = await app.ok(query, {}, reg.hanna.token);
    expect(JSON.stringify(hidden)).not.to.match(EMAIL);
    // Names stay: only the contact details are withheld, and her scope is ALL.
    expect(hidden.contactPersons.edges.map((e: any) => e.node.name)).to.include('Henk Huurder');
    expect(hidden.contactPersons.edges.every((e: any) => e.node.email === null && e.node.phone === null)).to.equal(true);
  });

  it('answers them as null on the planned read of the stakeholder page too, as execution does', async () => {
    const page = `{ stakeholders(first: 100) { edges { node { name contacts(archived: ALL) { name email phone } } } } }`;
    expect(JSON.stringify(await plannedAndExecuted(app, page, {}, app.tokens.admin))).to.match(EMAIL);
    const hidden = await plannedAndExecuted(app, page, {}, reg.hanna.token);
    expect(JSON.stringify(hidden)).not.to.match(EMAIL);
    expect(JSON.stringify(hidden)).to.include('Henk Huurder');
  });

  it('does not search the e-mail addresses it withholds', async () => {
    const query = `{ contactPersons(filter: { text: "huurders.example" }) { totalCount } }`;
    expect((await app.ok(query)).contactPersons.totalCount).to.equal(1);
    expect((await app.ok(query, {}, reg.hanna.token)).contactPersons.totalCount).to.equal(0);
  });

  it('withholds them in the personal data export and in the audit trail, also from an administrator', async () => {
    const exported = await app.ok(`query ($id: ID!) { personalDataExport(contactPersonId: $id) { contact { email phone } document auditChanges { field before after redacted } } }`, { id: reg.id.cH }, reg.hanna.token);
    expect(exported.personalDataExport.contact).to.deep.equal({ email: null, phone: null });
    expect(exported.personalDataExport.document).not.to.match(/henk@huurders|1111/);
    expect(JSON.parse(exported.personalDataExport.document).contactPerson).to.include({ name: 'Henk Huurder', email: null, phone: null });
    const email = exported.personalDataExport.auditChanges.find((c: any) => c.field === 'email');
    expect(email).to.deep.equal({ field: 'email', before: null, after: null, redacted: true });
    const name = exported.personalDataExport.auditChanges.find((c: any) => c.field === 'name');
    expect(name.redacted).to.equal(false);
    const trail = await app.ok(`{ auditTrail(first: 100, filter: { entityType: "ContactPerson" }) { edges { node { changes(first: 100) { field after } } } } }`, {}, reg.hanna.token);
    expect(JSON.stringify(trail)).not.to.match(EMAIL);
  });

  it('is set by an administrator, audited, and takes effect at the next request', async () => {
    const user = (await app.ok(`{ me { user { id revision contactDetailsHidden } } }`, {}, reg.hanna.token)).me.user;
    await app.ok(`mutation ($id: ID!, $revision: Int!) { updateUser(id: $id, revision: $revision, input: { contactDetailsHidden: false }) { id } }`, { id: user.id, revision: user.revision });
    const contact = await app.ok(`query ($id: ID!) { contactPerson(id: $id) { email } }`, { id: reg.id.cH }, reg.hanna.token);
    expect(contact.contactPerson.email).to.equal('henk@huurders.example');
    const trail = await app.ok(`query ($id: ID!) { auditTrail(filter: { entityId: $id, operation: "updateUser" }) { edges { node { changes { field before after } } } } }`, { id: user.id });
    expect(trail.auditTrail.edges[0].node.changes).to.deep.include({ field: 'contactDetailsHidden', before: 'true', after: 'false' });
  });
});

describe('portfolio scopes: set by administrators, validated', function () {
  this.timeout(60_000);
  let app: TestApp;
  let cat: Record<string, string>;

  before(async () => {
    app = await startTestApp();
    cat = {};
    for (const c of (await app.ok(`{ stakeholderCategories { id key } }`)).stakeholderCategories) cat[c.key] = c.id;
  });
  after(() => app?.close());

  const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { id revision scope scopeCategories { key } contactDetailsHidden } }`;
  const UPDATE = `mutation ($id: ID!, $revision: Int!, $input: UpdateUserInput!) { updateUser(id: $id, revision: $revision, input: $input) { id revision scope scopeCategories { key } } }`;

  it('refuses a CATEGORIES scope without categories, categories with another scope, and unknown categories, naming the field', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ scope: 'CATEGORIES' }, 'BAD_USER_INPUT', 'input.scopeCategoryIds'],
      [{ scope: 'CATEGORIES', scopeCategoryIds: [] }, 'BAD_USER_INPUT', 'input.scopeCategoryIds'],
      [{ scope: 'OWN', scopeCategoryIds: [cat.gemeente] }, 'BAD_USER_INPUT', 'input.scopeCategoryIds'],
      [{ scopeCategoryIds: [cat.gemeente] }, 'BAD_USER_INPUT', 'input.scopeCategoryIds'],
      [{ scope: 'CATEGORIES', scopeCategoryIds: ['00000000-0000-4000-8000-000000000000'] }, 'NOT_FOUND', 'input.scopeCategoryIds'],
      [{ scope: 'REGION' }, 'BAD_USER_INPUT', 'input.scope'],
    ];
    for (const [extra, code, field] of cases) {
      const before = (await app.ok(`{ users { id } }`)).users.length;
      const res = await app.gql(CREATE, { input: { name: 'Nieuw', email: 'nieuw@test.example', role: 'EDITOR', ...extra } });
      expect(res.errors?.[0]?.extensions?.code, JSON.stringify(extra)).to.equal(code);
      if (code !== 'BAD_USER_INPUT' || field !== 'input.scope') expect(res.errors![0].extensions!.fields.map((f: { path: string }) => f.path), JSON.stringify(extra)).to.include(field);
      expect((await app.ok(`{ users { id } }`)).users.length).to.equal(before);
    }
  });

  it('sets and changes a scope (leaving CATEGORIES clears its categories), in the audit trail', async () => {
    const made = (await app.ok(CREATE, { input: { name: 'Rita', email: 'rita@test.example', role: 'EDITOR', scope: 'CATEGORIES', scopeCategoryIds: [cat.gemeente, cat.provincie] } })).createUser;
    expect(made).to.include({ scope: 'CATEGORIES', contactDetailsHidden: false });
    expect(made.scopeCategories.map((c: { key: string }) => c.key)).to.have.members(['gemeente', 'provincie']);
    const own = (await app.ok(UPDATE, { id: made.id, revision: made.revision, input: { scope: 'OWN' } })).updateUser;
    expect(own).to.deep.include({ scope: 'OWN', scopeCategories: [] });
    const trail = await app.ok(`query ($id: ID!) { auditTrail(filter: { entityId: $id }) { edges { node { operation changes { field before after } } } } }`, { id: made.id });
    const update = trail.auditTrail.edges.find((e: any) => e.node.operation === 'updateUser').node.changes;
    expect(update).to.deep.include({ field: 'scope', before: '"CATEGORIES"', after: '"OWN"' });
    expect(update.find((c: any) => c.field === 'scopeCategories').after).to.equal('[]');
    // Only administrators set scopes.
    const res = await app.gql(UPDATE, { id: made.id, revision: own.revision, input: { scope: 'ALL' } }, app.tokens.editor);
    expect(res.errors?.[0]?.extensions?.code).to.equal('FORBIDDEN');
  });

  it('links a stakeholder only to active users as owners', async () => {
    const user = (await app.ok(CREATE, { input: { name: 'Weg', email: 'weg@test.example', role: 'EDITOR' } })).createUser;
    await app.ok(`mutation ($id: ID!) { archiveUser(id: $id) { id } }`, { id: user.id });
    const res = await app.gql(`mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`, { input: { name: 'X', categoryId: cat.gemeente, ownerIds: [user.id] } });
    expect(res.errors?.[0]?.extensions?.code).to.equal('BAD_USER_INPUT');
    expect(res.errors![0].extensions!.fields[0].path).to.equal('input.ownerIds');
  });
});

// The two pages of bench:page and the nested query of n-plus-one.test.ts, as a scoped user.
const NESTED = `query Nested($first: Int) { stakeholders(first: $first) { totalCount edges { node {
  name tags category { name } contacts(first: 5) { name role } currentAssessment { power interest quadrant salienceClass } quadrant
  interests(first: 5) { topic goals(first: 5) { title kpi { unit } latestMeasurement { value } } }
  interactions(first: 3) { occurredOn subject stakeholders(first: 5) { name } followUpActions(first: 5) { description dueOn } }
  lastInteractionOn } } } }`;
const STAKEHOLDER_PAGE = `query Page($first: Int) { stakeholders(first: $first) { edges { node { name category { name } contacts { name email } currentAssessment { power interest } } } } }`;
const NESTED_PAGE = `query Nested($first: Int) { stakeholders(first: $first) { edges { node { name interests { topic status } goals { title status } interactions(first: 3) { occurredOn subject } lastInteractionOn } } } }`;

describe('portfolio scopes: no N+1, and the stakeholder pages in one statement, for scoped users too', function () {
  this.timeout(120_000);
  let app: TestApp;
  const tokens: Record<string, string> = {};

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    const stakeholders = await seedRegister(app.orm.em.fork(), 220);
    const user = async (input: Record<string, unknown>) => {
      const { id } = (await app.ok(`mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input })).createUser;
      tokens[String(input.scope)] = (await app.ok(`mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`, { input: { userId: id, name: 't' } })).createApiToken.secret;
      return id;
    };
    const owner = await user({ name: 'Owner', email: 'owner@test.example', role: 'VIEWER', scope: 'OWN' });
    // Every other one is hers: 110 stakeholders.
    await app.orm.em.getConnection().execute(
      `insert into stakeholder_owners (stakeholder_id, user_id) values ${stakeholders.filter((_, i) => i % 2 === 0).map(() => '(?, ?)').join(', ')}`,
      stakeholders.filter((_, i) => i % 2 === 0).flatMap((s) => [s.id, owner]),
    );
    const categories = [...new Set(stakeholders.map((s) => s.category.id))].slice(0, 20);
    await user({ name: 'Categories', email: 'categories@test.example', role: 'VIEWER', scope: 'CATEGORIES', scopeCategoryIds: categories });
  });
  after(() => app?.close());

  async function statements(query: string, first: number, token: string): Promise<string[]> {
    app.statements.reset();
    const data = await app.ok(query, { first }, token);
    expect(data.stakeholders.edges).to.have.length(first);
    return [...app.statements.statements];
  }

  for (const scope of ['OWN', 'CATEGORIES']) {
    it(`${scope}: the nested query takes as many statements for 100 stakeholders as for 10, and the stakeholder pages one`, async () => {
      const unscoped = (await statements(NESTED, 10, app.tokens.viewer)).length;
      const ten = (await statements(NESTED, 10, tokens[scope])).length;
      const hundred = (await statements(NESTED, 100, tokens[scope])).length;
      console.log(`      ${scope}: ${ten} statements for 10 stakeholders, ${hundred} for 100 (unscoped: ${unscoped})`);
      expect(hundred).to.equal(ten);
      // The two lists that can name records outside the scope (an interaction's stakeholders, an interest's goals) are checked in
      // one statement each, whatever the number of rows; the seeded goals are agreed with no stakeholder, so none is hers and their
      // measurements are not read: one more than unscoped here.
      expect(ten).to.be.within(unscoped, unscoped + 2);
      for (const page of [STAKEHOLDER_PAGE, NESTED_PAGE]) {
        for (const first of [5, 50]) expect(await statements(page, first, tokens[scope]), `${page.slice(0, 30)} first ${first}`).to.have.length(1);
        // The planned read answers the pages for a scoped user too, as execution does, with only their stakeholders.
        const planned = await plannedAndExecuted(app, page, { first: 100 }, tokens[scope]);
        expect(planned.stakeholders.edges.length).to.equal(scope === 'OWN' ? 100 : planned.stakeholders.edges.length).and.to.be.below(220);
      }
      const counted = await plannedAndExecuted(app, `{ stakeholders(first: 1) { totalCount } }`, {}, tokens[scope]);
      expect(counted.stakeholders.totalCount).to.equal(scope === 'OWN' ? 110 : counted.stakeholders.totalCount).and.to.be.below(220);
    });
  }
});
