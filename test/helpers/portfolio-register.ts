import type { TestApp } from './test-app';

// A register for portfolio scopes, built through the API as the administrator, and the rules of
// what a scoped user sees, written out again here by hand over the administrator's answers (not
// with the SQL the server uses), so that the scoped answers can be compared with the unscoped
// ones filtered by hand.
//
// Stakeholders H (tenants) and F (guarantee fund) are owned by Anna and Eva (Eva: H only); G and Z
// (municipalities) by nobody. Records of H or F only, of G only, and shared between H and G
// (interaction X2, agreement aHG, goal gHG, commitment kHG) exist of every kind, with obligations
// from agreements, to named stakeholders, and the organisation's own (to a category).

export const ASOF = '2026-06-30';
export const PERIOD = { from: '2025-01-01', to: '2026-12-31' };

/** Record types everyone sees whatever their scope (reference data, access records). */
export const ALWAYS_VISIBLE = new Set(['StakeholderCategory', 'GovernanceCode', 'CodeProvision', 'User', 'ApiToken', 'UserSession']);

export interface ScopedUser {
  id: string;
  token: string;
}

export interface PortfolioRegister {
  id: Record<string, string>;
  cat: Record<string, string>;
  /** OWN, role ADMIN (so every root field is open to her): owns H and F. */
  anna: ScopedUser;
  /** OWN, role EDITOR: owns H. */
  eva: ScopedUser;
  /** CATEGORIES [gemeente], role VIEWER. */
  carl: ScopedUser;
  /** ALL, role ADMIN, contact details withheld. */
  hanna: ScopedUser;
}

const M = {
  user: `mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }`,
  token: `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { secret } }`,
  stakeholder: `mutation ($input: CreateStakeholderInput!) { createStakeholder(input: $input) { id } }`,
  contact: `mutation ($input: CreateContactPersonInput!) { createContactPerson(input: $input) { id } }`,
  assessment: `mutation ($input: CreateStakeholderAssessmentInput!) { createStakeholderAssessment(input: $input) { id } }`,
  goal: `mutation ($input: CreateStrategicGoalInput!) { createStrategicGoal(input: $input) { id } }`,
  measurement: `mutation ($input: CreateGoalMeasurementInput!) { createGoalMeasurement(input: $input) { id } }`,
  interest: `mutation ($input: CreateInterestInput!) { createInterest(input: $input) { id } }`,
  agreement: `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }`,
  interaction: `mutation ($input: CreateInteractionInput!) { createInteraction(input: $input) { id followUpActions { id description } } }`,
  commitment: `mutation ($input: CreateCommitmentInput!) { createCommitment(input: $input) { id } }`,
  code: `mutation ($input: CreateGovernanceCodeInput!) { createGovernanceCode(input: $input) { id } }`,
  provision: `mutation ($input: CreateCodeProvisionInput!) { createCodeProvision(input: $input) { id } }`,
  obligation: `mutation ($input: CreateObligationInput!) { createObligation(input: $input) { id moments(first: 100) { id dueOn } } }`,
  held: `mutation ($id: ID!, $input: RecordMomentHeldInput!) { recordMomentHeld(id: $id, input: $input) { id } }`,
  waive: `mutation ($id: ID!) { waiveMoment(id: $id, reason: "Niet nodig dit jaar", waivedOn: "2025-02-01") { id } }`,
  decide: `mutation ($id: ID!, $input: ApplicationDecisionInput!) { decideApplication(obligationId: $id, input: $input) { id } }`,
};

async function one(app: TestApp, query: string, input: Record<string, unknown>): Promise<any> {
  return Object.values(await app.ok(query, { input }))[0];
}

async function user(app: TestApp, input: Record<string, unknown>, access = 'READ_WRITE'): Promise<ScopedUser> {
  const { id } = await one(app, M.user, input);
  const role = input.role ?? 'VIEWER';
  const { secret } = await one(app, M.token, { userId: id, name: `${input.name} token`, access: role === 'VIEWER' ? 'READ_ONLY' : access });
  return { id, token: secret };
}

export async function buildPortfolioRegister(app: TestApp): Promise<PortfolioRegister> {
  const cat: Record<string, string> = {};
  for (const c of (await app.ok(`{ stakeholderCategories { id key } }`)).stakeholderCategories) cat[c.key] = c.id;
  const id: Record<string, string> = {};
  const anna = await user(app, { name: 'Anna Accountmanager', email: 'anna@test.example', role: 'ADMIN', scope: 'OWN' });
  const eva = await user(app, { name: 'Eva Editor', email: 'eva@test.example', role: 'EDITOR', scope: 'OWN' });
  const carl = await user(app, { name: 'Carl Categorie', email: 'carl@test.example', role: 'VIEWER', scope: 'CATEGORIES', scopeCategoryIds: [cat.gemeente] });
  const hanna = await user(app, { name: 'Hanna Hidden', email: 'hanna@test.example', role: 'ADMIN', contactDetailsHidden: true });

  const s = async (key: string, name: string, category: string, ownerIds: string[]) => {
    id[key] = (await one(app, M.stakeholder, { name, categoryId: cat[category], ownerIds, relationshipOwner: ownerIds.length ? 'Anna Accountmanager' : null })).id;
  };
  await s('H', 'Huurdersraad Rivierstad', 'huurdersorganisatie', [anna.id, eva.id]);
  await s('F', 'Waarborgfonds', 'financier', [anna.id]);
  await s('G', 'Gemeente Rivierstad', 'gemeente', []);
  await s('Z', 'Gemeente Oeverdorp', 'gemeente', []);

  id.cH = (await one(app, M.contact, { stakeholderId: id.H, name: 'Henk Huurder', email: 'henk@huurders.example', phone: '+31 6 1111 1111', role: 'voorzitter' })).id;
  id.cG = (await one(app, M.contact, { stakeholderId: id.G, name: 'Gerda Gemeente', email: 'gerda@gemeente.example', phone: '+31 6 2222 2222' })).id;
  id.cF = (await one(app, M.contact, { stakeholderId: id.F, name: 'Frits Fonds', email: 'frits@fonds.example' })).id;
  id.sH = (await one(app, M.assessment, { stakeholderId: id.H, assessedOn: '2025-06-01', power: 4, interest: 5, hasLegitimacy: true })).id;
  id.sG = (await one(app, M.assessment, { stakeholderId: id.G, assessedOn: '2025-06-01', power: 5, interest: 3, hasPower: true })).id;

  const kpi = { indicator: 'Woningen', unit: 'woningen', baseline: 0, target: 100 };
  id.gH = (await one(app, M.goal, { title: 'Betaalbare huren', periodStart: '2025-01-01', stakeholderIds: [id.H], kpi })).id;
  id.gG = (await one(app, M.goal, { title: 'Nieuwbouw', periodStart: '2025-01-01', stakeholderIds: [id.G], kpi })).id;
  id.gHG = (await one(app, M.goal, { title: 'Wijkaanpak Noord', periodStart: '2025-01-01', periodEnd: '2027-12-31', stakeholderIds: [id.H, id.G] })).id;
  id.mH = (await one(app, M.measurement, { goalId: id.gH, measuredOn: '2025-12-31', value: 40 })).id;
  id.mG = (await one(app, M.measurement, { goalId: id.gG, measuredOn: '2025-12-31', value: 60 })).id;

  id.aHG = (await one(app, M.agreement, { title: 'Prestatieafspraken Rivierstad', kind: 'PERFORMANCE_AGREEMENT', partyIds: [id.H, id.G], goalIds: [id.gHG], validFrom: '2025-01-01' })).id;
  id.aG = (await one(app, M.agreement, { title: 'Convenant gemeente', kind: 'COVENANT', partyIds: [id.G], goalIds: [id.gG] })).id;
  id.aF = (await one(app, M.agreement, { title: 'Borgingsovereenkomst', kind: 'COOPERATION_AGREEMENT', partyIds: [id.F] })).id;

  const x = async (key: string, input: Record<string, unknown>) => {
    const made = await one(app, M.interaction, input);
    id[key] = made.id;
    made.followUpActions.forEach((a: { id: string }, i: number) => (id[`${key}a${i}`] = a.id));
  };
  await x('X1', { occurredOn: '2025-03-10', subject: 'Kwartaaloverleg huurders', stakeholderIds: [id.H], contactPersonIds: [id.cH], followUpActions: [{ description: 'Verslag sturen', dueOn: '2025-03-20' }] });
  await x('X2', {
    occurredOn: '2025-05-15', subject: 'Driehoeksoverleg wijk Noord', stakeholderIds: [id.H, id.G], contactPersonIds: [id.cH, id.cG], goalIds: [id.gHG, id.gG],
    followUpActions: [{ description: 'Plan van aanpak', dueOn: '2025-06-30' }],
  });
  await x('X3', { occurredOn: '2026-02-01', subject: 'Bestuurlijk overleg gemeente', stakeholderIds: [id.G], contactPersonIds: [id.cG], followUpActions: [{ description: 'Notitie nieuwbouw' }] });
  await x('X4', { occurredOn: '2026-03-01', subject: 'Overleg borging', stakeholderIds: [id.F] });

  id.iH = (await one(app, M.interest, { stakeholderId: id.H, topic: 'Betaalbaarheid', identifiedOn: '2025-05-15', raisedInId: id.X2, goalIds: [id.gH, id.gG] })).id;
  // Raised in an interaction with G only: its raisedIn is not Anna's to see.
  id.iG = (await one(app, M.interest, { stakeholderId: id.G, topic: 'Woningbouwtempo', identifiedOn: '2026-02-01', raisedInId: id.X3, goalIds: [id.gG, id.gHG], response: 'Opgenomen', respondedOn: '2026-03-01' })).id;
  id.iH2 = (await one(app, M.interest, { stakeholderId: id.H, topic: 'Onderhoud', identifiedOn: '2026-01-10', raisedInId: id.X3 })).id;

  id.K1 = (await one(app, M.code, { key: 'code-een', title: 'Code een', issuer: 'Test' })).id;
  id.K2 = (await one(app, M.code, { key: 'code-twee', title: 'Code twee', issuer: 'Test' })).id;
  id.P1 = (await one(app, M.provision, { codeId: id.K1, reference: '1', title: 'Raadplegen', position: 1 })).id;
  id.P2 = (await one(app, M.provision, { codeId: id.K2, reference: '1', title: 'Verantwoorden', position: 1 })).id;

  const yearly = { recurrenceRule: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1', scheduleStart: '2025-01-01', activeFrom: '2025-01-01' };
  const o = async (key: string, input: Record<string, unknown>) => {
    const made = await one(app, M.obligation, { ...yearly, ...input });
    id[key] = made.id;
    for (const m of made.moments) id[`${key}@${m.dueOn.slice(0, 4)}`] = m.id;
  };
  await o('oAHG', { title: 'Jaaroverleg prestatieafspraken', agreementId: id.aHG, form: 'MEETING' });
  await o('oAG', { title: 'Verantwoording convenant', agreementId: id.aG, form: 'WRITTEN_REPORT' });
  await o('oOrg', { title: 'Huurdersraadpleging', provisionIds: [id.P1], audienceCategoryIds: [cat.huurdersorganisatie], form: 'CONSULTATION' });
  await o('oAudH', { title: 'Verantwoording aan de huurdersraad', provisionIds: [id.P1], audienceStakeholderIds: [id.H], form: 'MEETING' });
  await o('oAudG', { title: 'Verantwoording aan de gemeente', provisionIds: [id.P2], audienceStakeholderIds: [id.G], form: 'WRITTEN_REPORT' });

  const evidence = [{ title: 'Verslag', reference: 'DMS-1', kind: 'MINUTES', documentDate: '2025-03-05' }];
  await app.ok(M.held, { id: id['oAHG@2025'], input: { heldOn: '2025-03-01', participantIds: [id.H, id.G], contactIds: [id.cH, id.cG], interactionId: id.X2, evidence } });
  // Henk (of H) took part in a moment owed to G only: his export holds it, but not Anna's view of it.
  await app.ok(M.held, { id: id['oAG@2025'], input: { heldOn: '2025-04-01', participantIds: [id.G], contactIds: [id.cG, id.cH], interactionId: id.X3 } });
  // Held late and without evidence: "held, not documented".
  await app.ok(M.held, { id: id['oAudH@2026'], input: { heldOn: '2026-03-15', participantIds: [id.H] } });
  await app.ok(M.held, { id: id['oAudG@2026'], input: { heldOn: '2026-03-20', participantIds: [id.G] } });
  await app.ok(M.waive, { id: id['oOrg@2025'] });
  const explain = { effectiveFrom: '2026-01-01', application: 'EXPLAIN', explanation: 'Vervangen door wijkrondes', decidedOn: '2025-12-01', reviewOn: '2026-04-01' };
  await app.ok(M.decide, { id: id.oAudG, input: explain });
  await app.ok(M.decide, { id: id.oOrg, input: explain });

  id.kH = (await one(app, M.commitment, { description: 'Terugkoppeling huurverhoging', madeBy: 'Directeur', madeOn: '2025-03-10', dueOn: '2025-04-01', stakeholderIds: [id.H], interactionId: id.X1 })).id;
  id.kG = (await one(app, M.commitment, { description: 'Notitie bouwtempo', madeBy: 'Directeur', madeOn: '2026-02-01', dueOn: '2026-03-01', stakeholderIds: [id.G], interactionId: id.X3 })).id;
  id.kHG = (await one(app, M.commitment, { description: 'Plan wijk Noord', madeBy: 'Manager wonen', madeOn: '2025-05-15', dueOn: '2026-07-10', stakeholderIds: [id.H, id.G], contactPersonIds: [id.cH, id.cG], interactionId: id.X2 })).id;
  // Made at a moment shared with G, to H only.
  id.kM = (await one(app, M.commitment, { description: 'Jaarverslag toesturen', madeBy: 'Bestuurssecretaris', madeOn: '2025-03-01', dueOn: '2025-05-01', stakeholderIds: [id.H], momentId: id['oAHG@2025'] })).id;
  return { id, cat, anna, eva, carl, hanna };
}

// ---- What a scoped user sees, by hand ---------------------------------------------------------

const ALL = 'first: 100';
const RECORDS_QUERY = `{
  stakeholders(${ALL}, filter: { archived: ALL }) { edges { node { id ownerIds category { id }
    contacts(archived: ALL, ${ALL}) { id } assessments(archived: ALL, ${ALL}) { id } interests(archived: ALL, ${ALL}) { id } } } }
  interactions(${ALL}, filter: { archived: ALL }) { edges { node { id stakeholders(${ALL}) { id } followUpActions(archived: ALL, ${ALL}) { id } } } }
  agreements(${ALL}, filter: { archived: ALL }) { edges { node { id parties(${ALL}) { id } } } }
  strategicGoals(${ALL}, filter: { archived: ALL }) { edges { node { id stakeholders(${ALL}) { id } measurements(${ALL}) { id } } } }
  commitments(${ALL}, filter: { archived: ALL, asOf: "2100-01-01" }) { edges { node { id stakeholders(${ALL}) { id } } } }
  obligations(${ALL}, filter: { archived: ALL }) { edges { node { id agreement { id } audienceStakeholders(${ALL}) { id }
    applications(${ALL}) { id } scheduleHistory(${ALL}) { id } moments(${ALL}) { id evidence(includeSuperseded: true, ${ALL}) { id } } } } }
}`;

/** Which records of each type are in a scope, from the administrator's view of the whole register. */
export class Visible {
  readonly ids = new Map<string, Set<string>>();
  /** `Type.field` of each link (relation) to the type it links to: the audit trail's values of links name records. */
  private readonly links = new Map<string, string>();

  private add(type: string, id: string): void {
    (this.ids.get(type) ?? this.ids.set(type, new Set()).get(type)!).add(id);
  }

  has(type: string, id: string): boolean {
    return ALWAYS_VISIBLE.has(type) || (this.ids.get(type)?.has(id) ?? false);
  }

  /** `inScope` says which stakeholders the scope holds (by id and category). */
  static async of(app: TestApp, inScope: (s: { id: string; ownerIds: string[]; category: { id: string } }) => boolean): Promise<Visible> {
    const v = new Visible();
    for (const meta of Object.values(app.orm.getMetadata().getAll())) {
      for (const prop of meta.relations) v.links.set(`${meta.className}.${prop.name}`, prop.type);
    }
    const data = await app.ok(RECORDS_QUERY);
    const nodes = (field: string) => data[field].edges.map((e: { node: any }) => e.node);
    const seen = (list: { id: string }[]) => list.some((s) => v.has('Stakeholder', s.id));
    for (const s of nodes('stakeholders')) {
      if (!inScope(s)) continue;
      v.add('Stakeholder', s.id);
      for (const [field, type] of [['contacts', 'ContactPerson'], ['assessments', 'StakeholderAssessment'], ['interests', 'Interest']]) for (const r of s[field]) v.add(type, r.id);
    }
    for (const i of nodes('interactions')) if (seen(i.stakeholders)) [i, ...i.followUpActions].forEach((r: { id: string }, n: number) => v.add(n ? 'FollowUpAction' : 'Interaction', r.id));
    for (const a of nodes('agreements')) if (seen(a.parties)) v.add('Agreement', a.id);
    for (const g of nodes('strategicGoals')) if (seen(g.stakeholders)) [g, ...g.measurements].forEach((r: { id: string }, n: number) => v.add(n ? 'GoalMeasurement' : 'StrategicGoal', r.id));
    for (const c of nodes('commitments')) if (seen(c.stakeholders)) v.add('Commitment', c.id);
    for (const o of nodes('obligations')) {
      // From an agreement: with it. Owed to named stakeholders: when one is in scope. Else the organisation's.
      const shown = o.agreement ? v.has('Agreement', o.agreement.id) : o.audienceStakeholders.length === 0 || seen(o.audienceStakeholders);
      if (!shown) continue;
      v.add('Obligation', o.id);
      for (const a of o.applications) v.add('ObligationApplication', a.id);
      for (const h of o.scheduleHistory) v.add('ObligationSchedule', h.id);
      for (const m of o.moments) {
        v.add('AccountabilityMoment', m.id);
        for (const e of m.evidence) v.add('EvidenceDocument', e.id);
      }
    }
    const audit = await app.ok(`{ auditTrail(${ALL}) { edges { node { id changes(${ALL}) { entityType entityId } } } } }`);
    for (const { node } of audit.auditTrail.edges) if (node.changes.some((c: { entityType: string; entityId: string }) => v.has(c.entityType, c.entityId))) v.add('AuditRecord', node.id);
    return v;
  }

  /** Whether an object of an answer is a record the scope leaves out. */
  private hides(value: any): boolean {
    if (!value || typeof value !== 'object' || typeof value.__typename !== 'string') return false;
    if (value.__typename === 'AuditChange') return !this.has(value.entityType, value.entityId);
    return typeof value.id === 'string' && !this.has(value.__typename, value.id);
  }

  /**
   * An answer of the administrator as the scoped user must see it: records outside the scope
   * left out of lists (edges of connections too, with totalCount counted again) and a to-one
   * field that names one null.
   */
  filter(value: any): any {
    if (Array.isArray(value)) return value.filter((v) => !this.hides(v) && !this.hides(v?.node)).map((v) => this.filter(v));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = this.hides(v) ? null : this.filter(v);
    if (Array.isArray(out.edges) && 'totalCount' in out) out.totalCount = out.edges.length;
    // An audit record names the record its mutation returned: not one outside the scope.
    if (value.__typename === 'AuditRecord' && value.entityType && !this.has(value.entityType, value.entityId)) {
      if ('entityType' in out) out.entityType = null;
      if ('entityId' in out) out.entityId = null;
    }
    // A change of a link names records: those outside the scope are left out of it.
    const target = value.__typename === 'AuditChange' ? this.links.get(`${value.entityType}.${value.field}`) : undefined;
    if (target) {
      for (const side of ['before', 'after']) {
        if (typeof out[side] !== 'string') continue;
        const linked = JSON.parse(out[side] as string);
        out[side] = JSON.stringify(Array.isArray(linked) ? linked.filter((id) => this.has(target, id)) : linked == null || this.has(target, linked) ? linked : null);
      }
    }
    return out;
  }
}
