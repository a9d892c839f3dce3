import { expect } from 'chai';
import { Interaction } from '../../src/modules/interaction/interaction.entity';
import { Interest } from '../../src/modules/interest/interest.entity';
import { InterestStatus } from '../../src/modules/interest/interest.enums';
import { ContactPerson } from '../../src/modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from '../../src/modules/stakeholder/stakeholder-assessment.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { StrategicGoal } from '../../src/modules/strategic-goal/strategic-goal.entity';
import { ArchiveFilter, matchesArchive } from '../../src/shared/filters';
import { byDateDesc, byName } from '../../src/shared/order';
import { currentOf } from '../../src/modules/stakeholder/salience';
import { seedRegister } from '../helpers/fixtures';
import { startTestApp, type TestApp } from '../helpers/test-app';

// A stakeholder's nested lists are limited and filtered in SQL (Loaders.loadFirst) and read as
// plain rows (Loaders.rows). They must equal what loading every entity and cutting in memory
// gave: same items, same order (ties on the day broken by id), same archive and day filters.

const ARCHIVED_AT = new Date('2025-06-01T00:00:00Z');

describe('nested lists limited in SQL equal the full lists cut in memory', () => {
  let app: TestApp;
  let ids: string[];

  before(async () => {
    app = await startTestApp({ MAX_PAGE_SIZE: '100' });
    const em = app.orm.em.fork();
    const stakeholders = await seedRegister(em, 4, 'Lists');
    ids = stakeholders.map((s) => s.id);
    const goals = await em.find(StrategicGoal, {});
    // Ties on every sort key, archived rows among them, and more rows than any `first` below.
    for (const [n, s] of stakeholders.entries()) {
      for (let k = 0; k < 12; k++) {
        const interaction = Object.assign(new Interaction(), { occurredOn: `2025-0${1 + (k % 4)}-1${n % 2}`, subject: `Tie ${n}-${k}` });
        if (k % 5 === 0) interaction.archivedAt = ARCHIVED_AT;
        interaction.stakeholders.add(s);
        em.persist(interaction);
        const interest = Object.assign(new Interest(), { stakeholder: s, topic: `Tie ${n}-${k}`, identifiedOn: `2025-0${1 + (k % 3)}-01`, status: InterestStatus.RAISED });
        if (k % 4 === 1) interest.archivedAt = ARCHIVED_AT;
        em.persist(interest);
        em.persist(Object.assign(new ContactPerson(), { stakeholder: s, name: `Tie ${k % 3}`, ...(k % 6 === 2 ? { archivedAt: ARCHIVED_AT } : {}) }));
        em.persist(Object.assign(new StakeholderAssessment(), { stakeholder: s, assessedOn: `2025-0${1 + (k % 3)}-01`, power: 1 + (k % 5), interest: 1 + ((k * 2) % 5), ...(k % 7 === 3 ? { archivedAt: ARCHIVED_AT } : {}) }));
      }
      for (const [g, goal] of goals.entries()) {
        if ((g + n) % 2 === 0) goal.stakeholders.add(s);
        if (g === 1) goal.archivedAt = ARCHIVED_AT;
        if (g >= 2) goal.periodStart = '2025-01-01';
      }
    }
    await em.flush();
  });
  after(() => app.close());

  /** Every stakeholder of `ids` with its relations, as full entities (the old way). */
  async function full(): Promise<Stakeholder[]> {
    const em = app.orm.em.fork();
    return em.find(Stakeholder, { id: { $in: ids } }, { populate: ['interactions', 'interests', 'goals', 'contacts', 'assessments'] as never, orderBy: { name: 'asc', id: 'asc' }, strategy: 'select-in' });
  }

  async function page(args: Record<string, string>): Promise<any[]> {
    const data = await app.ok(`{ stakeholders(first: 100, filter: { text: "Lists" }) { edges { node { id
      interactions(${args.interactions}) { id } interests(${args.interests}) { id } goals(${args.goals}) { id }
      contacts(${args.contacts}) { id } assessments(${args.assessments}) { id } currentAssessment { id } quadrant salienceClass lastInteractionOn
    } } } }`.replace(/\(\)/g, ''));
    return data.stakeholders.edges.map((e: { node: unknown }) => e.node);
  }

  const cases: { name: string; args: Record<string, string>; interactions: { first: number; from?: string; to?: string }; archived: ArchiveFilter; first: number }[] = [
    { name: 'defaults', args: { interactions: '', interests: '', goals: '', contacts: '', assessments: '' }, interactions: { first: 10 }, archived: ArchiveFilter.ACTIVE, first: 20 },
    {
      name: 'first 3, from/to, archived',
      args: { interactions: 'first: 3, from: "2025-02-01", to: "2025-03-31"', interests: 'first: 3, archived: ARCHIVED', goals: 'first: 1', contacts: 'first: 2, archived: ARCHIVED', assessments: 'first: 2, archived: ARCHIVED' },
      interactions: { first: 3, from: '2025-02-01', to: '2025-03-31' },
      archived: ArchiveFilter.ARCHIVED,
      first: 3,
    },
    {
      name: 'all archive states, first 0 and 5',
      args: { interactions: 'first: 0', interests: 'first: 5, archived: ALL', goals: 'first: 5', contacts: 'first: 5, archived: ALL', assessments: 'first: 5, archived: ALL' },
      interactions: { first: 0 },
      archived: ArchiveFilter.ALL,
      first: 5,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const [got, expected] = [await page(c.args), await full()];
      const ofIds = (xs: { id: string }[]) => xs.map((x) => x.id);
      expect(got.map((s) => s.id)).to.deep.equal(ofIds(expected));
      for (const [i, s] of expected.entries()) {
        const { from, to, first } = c.interactions;
        const interactions = s.interactions.getItems().filter((x) => !x.archivedAt && (!from || x.occurredOn >= from) && (!to || x.occurredOn <= to));
        expect(ofIds(got[i].interactions), 'interactions').to.deep.equal(ofIds(interactions.sort(byDateDesc((x) => x.occurredOn)).slice(0, first)));
        const goalsFirst = c.name === 'first 3, from/to, archived' ? 1 : c.first;
        const interests = s.interests.getItems().filter((x) => matchesArchive(x, c.archived)).sort(byDateDesc((x) => x.identifiedOn));
        expect(ofIds(got[i].interests), 'interests').to.deep.equal(ofIds(interests.slice(0, c.first)));
        const goals = s.goals.getItems().filter((g) => !g.archivedAt).sort(byDateDesc((g) => g.periodStart));
        expect(ofIds(got[i].goals), 'goals').to.deep.equal(ofIds(goals.slice(0, goalsFirst)));
        const nContacts = c.name === 'first 3, from/to, archived' ? 2 : c.first;
        expect(ofIds(got[i].contacts), 'contacts').to.deep.equal(ofIds(s.contacts.getItems().filter((x) => matchesArchive(x, c.archived)).sort(byName).slice(0, nContacts)));
        const assessments = s.assessments.getItems().filter((x) => matchesArchive(x, c.archived)).sort(byDateDesc((x) => x.assessedOn));
        expect(ofIds(got[i].assessments), 'assessments').to.deep.equal(ofIds(assessments.slice(0, c.name === 'first 3, from/to, archived' ? 2 : c.first)));
        const current = currentOf(s.assessments.getItems());
        expect(got[i].currentAssessment?.id ?? null, 'currentAssessment').to.equal(current?.id ?? null);
        expect(got[i].quadrant, 'quadrant').to.equal(current?.quadrant ?? null);
        expect(got[i].salienceClass, 'salienceClass').to.equal(current?.salienceClass ?? null);
        const last = s.interactions.getItems().filter((x) => !x.archivedAt).reduce<string | null>((m, x) => (!m || x.occurredOn > m ? x.occurredOn : m), null);
        expect(got[i].lastInteractionOn, 'lastInteractionOn').to.equal(last);
      }
    });
  }

  it('rows keep every field the GraphQL types read (dates, booleans, JSON, embeddables, getters) on both databases', async () => {
    const data = await app.ok(`{ stakeholders(first: 1, filter: { text: "Lists" }) { edges { node {
      contacts(first: 1) { id name email contactPermitted archived createdAt stakeholder { id } }
      assessments(first: 1) { id assessedOn power hasPower hasLegitimacy hasUrgency quadrant salienceClass createdAt stakeholder { id } }
      interests(first: 1) { id topic identifiedOn archived goals { id } stakeholder { id } }
      goals(first: 1) { id title periodStart kpi { unit target } stakeholders { id } }
      interactions(first: 1) { id occurredOn internalParticipants stakeholders { id } followUpActions { id } }
    } } } }`);
    const node = data.stakeholders.edges[0].node;
    const em = app.orm.em.fork();
    const contact = await em.findOneOrFail(ContactPerson, node.contacts[0].id);
    expect(node.contacts[0]).to.deep.equal({ id: contact.id, name: contact.name, email: contact.email, contactPermitted: contact.contactPermitted, archived: false, createdAt: contact.createdAt.toISOString(), stakeholder: { id: contact.stakeholder.id } });
    const a = await em.findOneOrFail(StakeholderAssessment, node.assessments[0].id);
    expect(node.assessments[0]).to.deep.equal({
      id: a.id, assessedOn: a.assessedOn, power: a.power, hasPower: a.hasPower, hasLegitimacy: a.hasLegitimacy, hasUrgency: a.hasUrgency,
      quadrant: a.quadrant, salienceClass: a.salienceClass, createdAt: a.createdAt.toISOString(), stakeholder: { id: a.stakeholder.id },
    });
    const interest = await em.findOneOrFail(Interest, node.interests[0].id, { populate: ['goals'] });
    expect(node.interests[0]).to.include({ topic: interest.topic, identifiedOn: interest.identifiedOn, archived: false });
    expect(node.interests[0].stakeholder.id).to.equal(interest.stakeholder.id);
    expect(node.interests[0].goals.map((g: { id: string }) => g.id).sort()).to.deep.equal(interest.goals.getItems().map((g) => g.id).sort());
    const goal = await em.findOneOrFail(StrategicGoal, node.goals[0].id);
    expect(node.goals[0]).to.deep.include({ title: goal.title, periodStart: goal.periodStart, kpi: { unit: goal.kpi!.unit, target: goal.kpi!.target } });
    expect(node.goals[0].stakeholders.length).to.be.greaterThan(0);
    const interaction = await em.findOneOrFail(Interaction, node.interactions[0].id, { populate: ['followUpActions'] });
    expect(node.interactions[0]).to.deep.include({ occurredOn: interaction.occurredOn, internalParticipants: interaction.internalParticipants });
    expect(node.interactions[0].stakeholders.length).to.be.greaterThan(0);
    expect(node.interactions[0].followUpActions).to.have.length(interaction.followUpActions.length);
  });
});
