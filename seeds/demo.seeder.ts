import type { EntityManager } from '@mikro-orm/core';
import { Agreement } from '../src/modules/agreement/agreement.entity';
import { AgreementKind } from '../src/modules/agreement/agreement.enums';
import { FollowUpAction } from '../src/modules/interaction/follow-up-action.entity';
import { Interaction } from '../src/modules/interaction/interaction.entity';
import { ActionStatus, InteractionKind } from '../src/modules/interaction/interaction.enums';
import { Interest } from '../src/modules/interest/interest.entity';
import { Importance, InterestStatus, Stance } from '../src/modules/interest/interest.enums';
import { ContactPerson } from '../src/modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from '../src/modules/stakeholder/stakeholder-assessment.entity';
import { StakeholderCategory } from '../src/modules/stakeholder/stakeholder-category.entity';
import { StakeholderTag } from '../src/modules/stakeholder/stakeholder-tag.entity';
import { Stakeholder } from '../src/modules/stakeholder/stakeholder.entity';
import { RelationshipPhase, StakeholderKind } from '../src/modules/stakeholder/stakeholder.enums';
import { GoalMeasurement } from '../src/modules/strategic-goal/goal-measurement.entity';
import { Kpi } from '../src/modules/strategic-goal/kpi.embeddable';
import { StrategicGoal } from '../src/modules/strategic-goal/strategic-goal.entity';
import { GoalStatus } from '../src/modules/strategic-goal/strategic-goal.enums';
import { TokenAccess, UserKind, UserRole } from '../src/modules/access/access.enums';
import { AccessService } from '../src/modules/access/access.service';
import { DEMO_TOKENS } from '../src/modules/access/demo-tokens';
import { seedDemoAccountability } from './demo-accountability.seeder';
import { seedDemoCommitments } from './demo-commitments.seeder';
import { ensureDefaultCategories } from './categories.seeder';
import { ensureExampleOperations } from './saved-operations.seeder';
import { clock } from '../src/shared/clock';

// A fictional housing corporation in the fictional towns of Rivierstad and Dijkhoven. All
// people, addresses and numbers are invented; only the Autoriteit woningcorporaties and the
// WSW are real bodies (their contacts here are not). Every date is fixed, so reports asked
// "as of" a date give the same answer on every run; the story runs up to DEMO_REFERENCE_DATE.

export const DEMO_ORGANISATION_NAME = 'Woonstichting De Rivierstad';

/** The day the demo story is told from: asked as of this date, some actions are overdue. */
export const DEMO_REFERENCE_DATE = '2026-11-23';

// Colleagues of the corporation (internal participants, owners, assignees).
const DIRECTOR = 'Directeur-bestuurder J. van den Berg';
const SECRETARY = 'Bestuurssecretaris M. de Vries';
const HOUSING = 'Manager Wonen S. El Amrani';
const PROPERTY = 'Manager Vastgoed P. Jansen';
const CONTROLLER = 'Controller R. Visser';
const AREA = 'Gebiedsregisseur L. Smit';
const OFFICER = 'Wijkconsulent K. Mulder';
const PROJECTS = 'Projectleider nieuwbouw T. de Groot';
const HR = 'Manager HR & Organisatie E. Bos';
const PARTICIPATION = 'Adviseur participatie F. Yilmaz';
const COMMS = 'Communicatieadviseur N. Hendriks';
const ENERGY = 'Adviseur verduurzaming D. Koopman';

// ---------------------------------------------------------------------------------------
// Specifications: plain data, resolved to entities (and checked) by seedDemo.

interface ContactSpec {
  key: string;
  name: string;
  role: string;
  email?: string;
  phone?: string;
  contactPermitted?: boolean;
}

/** [assessedOn, power, interest, Mitchell attributes as letters P/L/U, note] */
type AssessmentSpec = [string, number, number, string, string];

interface StakeholderSpec {
  key: string;
  name: string;
  kind: StakeholderKind;
  category: string;
  description: string;
  website?: string;
  owner: string;
  phase: RelationshipPhase;
  tags: string[];
  contacts: ContactSpec[];
  assessments: AssessmentSpec[];
}

const STAKEHOLDERS: StakeholderSpec[] = [
  {
    key: 'HO',
    name: 'Huurdersvereniging Rivierstad',
    kind: StakeholderKind.ORGANISATION,
    category: 'huurdersorganisatie',
    description:
      "The tenants' organisation for all 6,400 homes of Woonstichting De Rivierstad in Rivierstad and Dijkhoven. Party to both sets of prestatieafspraken and to the participation agreement.",
    website: 'https://www.huurdersverenigingrivierstad.example.nl',
    owner: DIRECTOR,
    phase: RelationshipPhase.RETAIN,
    tags: ['prestatieafspraken', 'overlegwet', 'huurbeleid', 'verduurzaming'],
    contacts: [
      { key: 'ho-hoekstra', name: 'Gerda Hoekstra', role: 'Voorzitter', email: 'g.hoekstra@huurdersverenigingrivierstad.example.nl', phone: '0123-450101' },
      { key: 'ho-benali', name: 'Karim Benali', role: 'Secretaris', email: 'k.benali@huurdersverenigingrivierstad.example.nl' },
      { key: 'ho-schouten', name: 'Wim Schouten', role: 'Penningmeester, werkgroep huur en duurzaamheid', email: 'w.schouten@huurdersverenigingrivierstad.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 4, 5, 'PL', 'Statutory partner with advice rights; constructive relationship, no pressing conflict.'],
      ['2025-06-12', 4, 5, 'PLU', 'Rent increase and energy costs made affordability urgent; the members asked for a firmer stance.'],
      ['2026-06-02', 4, 5, 'PLU', 'Still urgent: the 2026 rent advice was critical and the new-build backlog worries the members.'],
    ],
  },
  {
    key: 'GR',
    name: 'Gemeente Rivierstad',
    kind: StakeholderKind.ORGANISATION,
    category: 'gemeente',
    description:
      'The main municipality of the working area (about 78% of the homes). Partner in the prestatieafspraken 2024–2027 and in the Convenant Woonoverlast.',
    website: 'https://www.rivierstad.example.nl',
    owner: DIRECTOR,
    phase: RelationshipPhase.RETAIN,
    tags: ['prestatieafspraken', 'volkshuisvesting', 'nieuwbouw', 'woonoverlast'],
    contacts: [
      { key: 'gr-vermeulen', name: 'Sanne Vermeulen', role: 'Wethouder Wonen', email: 's.vermeulen@rivierstad.example.nl' },
      { key: 'gr-kramer', name: 'Bas Kramer', role: 'Beleidsadviseur volkshuisvesting', email: 'b.kramer@rivierstad.example.nl', phone: '0123-450202' },
    ],
    assessments: [
      ['2024-11-28', 5, 4, 'PL', 'Sets the housing vision and land policy; firmly committed to the agreements.'],
      ['2025-06-12', 5, 5, 'PLU', 'New construction lags behind the agreed numbers; the council demands acceleration.'],
    ],
  },
  {
    key: 'GD',
    name: 'Gemeente Dijkhoven',
    kind: StakeholderKind.ORGANISATION,
    category: 'gemeente',
    description:
      'The smaller municipality of the working area, with three village cores. Partner in its own prestatieafspraken 2024–2027.',
    website: 'https://www.dijkhoven.example.nl',
    owner: HOUSING,
    phase: RelationshipPhase.DEVELOP,
    tags: ['prestatieafspraken', 'nieuwbouw', 'kleine-kernen', 'aardgasvrij'],
    contacts: [
      { key: 'gd-willems', name: 'Petra Willems', role: 'Wethouder Ruimte en Wonen', email: 'p.willems@dijkhoven.example.nl' },
      { key: 'gd-maas', name: 'Jeroen Maas', role: 'Beleidsmedewerker wonen', email: 'j.maas@dijkhoven.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 4, 2, 'PL', 'Formal partner, but so far mainly interested in its own village cores; little day-to-day involvement.'],
      ['2025-06-12', 4, 3, 'PL', 'More engaged since the Het Brink project and the natural-gas-free neighbourhood plan.'],
    ],
  },
  {
    key: 'AW',
    name: 'Autoriteit woningcorporaties',
    kind: StakeholderKind.ORGANISATION,
    category: 'toezichthouder',
    description:
      'The external regulator of housing corporations, part of the Inspectie Leefomgeving en Transport. It supervises governance, integrity, lawfulness and financial continuity.',
    website: 'https://www.ilent.nl',
    owner: CONTROLLER,
    phase: RelationshipPhase.RETAIN,
    tags: ['toezicht', 'governance', 'woningwet'],
    contacts: [
      { key: 'aw-vanleeuwen', name: 'Ilse van Leeuwen', role: 'Toezichthouder (accounthouder)', email: 'i.vanleeuwen@aw.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 5, 2, 'PL', 'Decisive power, legitimate role; interest in us is routine as long as the risks are low.'],
      ['2026-06-02', 5, 2, 'PL', 'Unchanged after the 2025 governance inspection.'],
    ],
  },
  {
    key: 'WSW',
    name: 'Waarborgfonds Sociale Woningbouw (WSW)',
    kind: StakeholderKind.ORGANISATION,
    category: 'financier',
    description:
      'The guarantee fund that guarantees the loans of housing corporations. It assesses creditworthiness and sets the guarantee ceiling (borgingsplafond) every year.',
    website: 'https://www.wsw.nl',
    owner: CONTROLLER,
    phase: RelationshipPhase.RETAIN,
    tags: ['financiering', 'borging', 'risicobeheersing'],
    contacts: [
      { key: 'wsw-dekker', name: 'Mark Dekker', role: 'Relatiemanager', email: 'm.dekker@wsw.example.nl', phone: '0123-450303' },
    ],
    assessments: [
      ['2024-11-28', 4, 2, 'PL', 'Controls access to guaranteed loans; interest limited to the annual risk assessment.'],
      ['2025-12-18', 4, 2, 'PLU', 'Asked for extra substantiation of the investment plans before confirming the 2026 ceiling.'],
    ],
  },
  {
    key: 'ZG',
    name: 'Stichting Zorggroep Waardenburcht',
    kind: StakeholderKind.ORGANISATION,
    category: 'zorg-en-welzijnspartner',
    description:
      'Regional provider of elderly care, mental health support and sheltered living (beschermd wonen). Partner in the Wonen met Zorg cooperation agreement.',
    website: 'https://www.waardenburcht.example.nl',
    owner: HOUSING,
    phase: RelationshipPhase.DEVELOP,
    tags: ['wonen-met-zorg', 'beschermd-wonen', 'zorgwoningen'],
    contacts: [
      { key: 'zg-peters', name: 'Anouk Peters', role: 'Manager vastgoed en huisvesting', email: 'a.peters@waardenburcht.example.nl' },
      { key: 'zg-meijer', name: 'Rob Meijer', role: 'Regiodirecteur', email: 'r.meijer@waardenburcht.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 2, 4, 'L', 'Legitimate partner with a strong interest in homes for its clients, but little leverage over us.'],
      ['2025-06-12', 3, 5, 'PL', 'The cooperation agreement and the municipal care housing task made it a key partner.'],
    ],
  },
  {
    key: 'POL',
    name: 'Politie basisteam Rivierstad-Dijkhoven',
    kind: StakeholderKind.ORGANISATION,
    category: 'maatschappelijke-partner',
    description:
      'The local police team, with community officers (wijkagenten) in every neighbourhood. Partner in the Convenant Woonoverlast.',
    owner: AREA,
    phase: RelationshipPhase.RETAIN,
    tags: ['veiligheid', 'woonoverlast', 'leefbaarheid'],
    contacts: [
      { key: 'pol-brouwer', name: 'Erik Brouwer', role: 'Wijkagent Veerwaard', email: 'e.brouwer@politie-rivierstad.example.nl' },
      { key: 'pol-post', name: 'Linda Post', role: 'Teamchef', email: 'l.post@politie-rivierstad.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 2, 3, 'L', 'Legitimate partner on safety; works with us case by case.'],
      ['2026-06-02', 2, 3, 'L', 'Stable cooperation under the covenant.'],
    ],
  },
  {
    key: 'WZ',
    name: 'Stichting Welzijn Rivierstad',
    kind: StakeholderKind.ORGANISATION,
    category: 'maatschappelijke-partner',
    description:
      'The local welfare organisation: community work, neighbour mediation (buurtbemiddeling) and debt counselling. Partner in the Convenant Woonoverlast.',
    website: 'https://www.welzijnrivierstad.example.nl',
    owner: AREA,
    phase: RelationshipPhase.DEVELOP,
    tags: ['leefbaarheid', 'buurtbemiddeling', 'woonoverlast', 'schuldhulp'],
    contacts: [
      { key: 'wz-ouali', name: 'Fatima Ouali', role: 'Coördinator buurtbemiddeling', email: 'f.ouali@welzijnrivierstad.example.nl' },
      { key: 'wz-dewit', name: 'Hans de Wit', role: 'Directeur', email: 'h.dewit@welzijnrivierstad.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 1, 3, 'L', 'Valued partner in the neighbourhoods, limited influence on our decisions.'],
      ['2025-06-12', 2, 4, 'LU', 'Caseload of neighbour disputes rose sharply; asks for structural funding.'],
    ],
  },
  {
    key: 'BVD',
    name: 'Bouwcombinatie Kadewerk B.V.',
    kind: StakeholderKind.ORGANISATION,
    category: 'leverancier',
    description:
      'Building contractor and chain partner for new construction in Molenakker (Rivierstad) and Het Brink (Dijkhoven).',
    website: 'https://www.kadewerk.example.nl',
    owner: PROJECTS,
    phase: RelationshipPhase.RETAIN,
    tags: ['nieuwbouw', 'ketensamenwerking', 'molenakker'],
    contacts: [{ key: 'bvd-vandam', name: 'Dirk van Dam', role: 'Projectdirecteur', email: 'd.vandam@kadewerk.example.nl' }],
    assessments: [['2025-06-12', 3, 4, 'PL', 'Our new-build numbers depend on its capacity and prices.']],
  },
  {
    key: 'VONK',
    name: 'Vonk Installatie en Onderhoud B.V.',
    kind: StakeholderKind.ORGANISATION,
    category: 'leverancier',
    description:
      'Maintenance and installation contractor under the planned-maintenance contract that ended on 30 June 2026; the relationship is being wound down.',
    owner: PROPERTY,
    phase: RelationshipPhase.PHASE_OUT,
    tags: ['onderhoud', 'verduurzaming'],
    contacts: [{ key: 'vonk-kok', name: 'Martin Kok', role: 'Accountmanager', email: 'm.kok@vonk.example.nl' }],
    assessments: [
      ['2024-11-28', 2, 2, 'L', 'Contract partner; delivers on time, no strategic role.'],
      ['2026-06-02', 1, 1, '', 'Contract ended; only warranty obligations remain.'],
    ],
  },
  {
    key: 'OR',
    name: 'Ondernemingsraad Woonstichting De Rivierstad',
    kind: StakeholderKind.ORGANISATION,
    category: 'ondernemingsraad',
    description: 'The works council of the corporation (seven members), with advice and consent rights under the WOR.',
    owner: HR,
    phase: RelationshipPhase.RETAIN,
    tags: ['medezeggenschap', 'wor', 'wijkteams'],
    contacts: [
      { key: 'or-smits', name: 'Yvonne Smits', role: 'Voorzitter OR', email: 'or@derivierstad.example.nl' },
      { key: 'or-huisman', name: 'Tom Huisman', role: 'Secretaris OR', email: 't.huisman@derivierstad.example.nl' },
    ],
    assessments: [
      ['2024-11-28', 4, 4, 'PL', 'Consent rights on organisational change; good working relationship.'],
      ['2025-10-01', 4, 5, 'PLU', 'The reorganisation of the neighbourhood teams requires its advice; workload is a pressing issue.'],
      ['2026-06-02', 4, 4, 'PL', 'Reorganisation completed with a positive advice.'],
    ],
  },
  {
    key: 'RVC',
    name: 'Raad van Commissarissen Woonstichting De Rivierstad',
    kind: StakeholderKind.ORGANISATION,
    category: 'raad-van-toezicht',
    description:
      "The supervisory board, registered as a stakeholder so that its own contacts with the tenants' organisation and stakeholders are on record.",
    owner: SECRETARY,
    phase: RelationshipPhase.RETAIN,
    tags: ['governance', 'intern-toezicht'],
    contacts: [
      { key: 'rvc-veenstra', name: 'Carla Veenstra', role: 'Voorzitter RvC', email: 'c.veenstra@derivierstad.example.nl' },
      { key: 'rvc-prins', name: 'Johan Prins', role: 'Commissaris op voordracht van de huurders', email: 'j.prins@derivierstad.example.nl' },
    ],
    assessments: [['2024-11-28', 5, 3, 'PL', 'Appoints and supervises the board; wants its own view of the stakeholder dialogue.']],
  },
  {
    key: 'BC',
    name: 'Bewonerscommissie Veerwaard-Noord',
    kind: StakeholderKind.GROUP,
    category: 'bewonerscommissie',
    description:
      "Residents' committee for the 212 homes in Veerwaard-Noord, renovated to energy label A in 2025. Informal group, not an association.",
    owner: OFFICER,
    phase: RelationshipPhase.DEVELOP,
    tags: ['renovatie', 'leefbaarheid', 'veerwaard'],
    contacts: [
      { key: 'bc-vanbeek', name: 'Ria van Beek', role: 'Contactpersoon', email: 'bc.veerwaardnoord@example.nl' },
      { key: 'bc-kaya', name: 'Ahmet Kaya', role: 'Lid' },
      {
        key: 'bc-lammers',
        name: 'Piet Lammers',
        role: 'Oud-voorzitter (wil niet meer benaderd worden)',
        email: 'p.lammers@example.nl',
        contactPermitted: false,
      },
    ],
    assessments: [
      ['2024-11-28', 2, 4, 'L', 'Recognised committee; high interest because of the coming renovation.'],
      ['2025-06-12', 2, 5, 'LU', 'Renovation in progress: nuisance and snagging complaints need quick answers.'],
      ['2026-06-02', 2, 4, 'L', 'Renovation finished; after-care and liveability remain on the agenda.'],
    ],
  },
  {
    key: 'JT',
    name: 'J. Timmer (huurder Havenkwartier)',
    kind: StakeholderKind.PERSON,
    category: 'huurder',
    description:
      'Tenant in the Havenkwartier complex who reported damp and mould, took her case to the local paper and now joins the maintenance sounding board.',
    owner: OFFICER,
    phase: RelationshipPhase.ATTRACT,
    tags: ['schimmel', 'havenkwartier', 'klankbordgroep'],
    contacts: [{ key: 'jt-timmer', name: 'Joke Timmer', role: 'Huurder', email: 'joke.timmer@example.nl', phone: '06-00000417' }],
    assessments: [
      ['2025-03-20', 1, 5, 'U', 'Urgent complaint, not yet verified.'],
      ['2025-06-12', 2, 5, 'LU', 'Inspection confirmed the damp problem; the newspaper article gave her a public voice.'],
      ['2026-06-02', 1, 3, 'L', 'Repairs done; she is now a constructive member of the sounding board.'],
    ],
  },
  {
    key: 'MED',
    name: 'Rivierstad Courant',
    kind: StakeholderKind.ORGANISATION,
    category: 'media',
    description: 'The local newspaper and news site for Rivierstad and Dijkhoven.',
    website: 'https://www.rivierstadcourant.example.nl',
    owner: COMMS,
    phase: RelationshipPhase.RETAIN,
    tags: ['pers', 'reputatie'],
    contacts: [{ key: 'med-deboer', name: 'Noor de Boer', role: 'Verslaggever wonen', email: 'n.deboer@rivierstadcourant.example.nl' }],
    assessments: [
      ['2024-11-28', 2, 2, 'P', 'Can shape public opinion; rarely writes about us.'],
      ['2025-04-17', 3, 2, 'PU', 'Published on mould complaints in Havenkwartier; follow-up articles expected.'],
      ['2026-06-02', 2, 2, 'P', 'Attention has faded.'],
    ],
  },
];

interface GoalSpec {
  key: string;
  title: string;
  description: string;
  periodStart: string;
  periodEnd: string | null;
  owner: string;
  status: GoalStatus;
  kpi: { indicator: string; unit: string; baseline: number; target: number };
  stakeholders: string[];
  /** [measuredOn, value, note?] */
  measurements: [string, number, string?][];
}

// Health as of 2026-11-23 (see goal-progress.ts): new-build OFF_TRACK, energy labels, rent
// and tenant satisfaction ON_TRACK, nuisance AT_RISK, care homes ACHIEVED.
const GOALS: GoalSpec[] = [
  {
    key: 'G-NIEUWBOUW',
    title: '120 nieuwe sociale huurwoningen per jaar (2024–2027)',
    description:
      'Deliver 480 new social rental homes over the term of the prestatieafspraken, mainly in Molenakker (Rivierstad) and Het Brink (Dijkhoven).',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    owner: PROPERTY,
    status: GoalStatus.ACTIVE,
    kpi: { indicator: 'Nieuwe sociale huurwoningen opgeleverd (cumulatief vanaf 2024)', unit: 'woningen', baseline: 0, target: 480 },
    stakeholders: ['GR', 'GD', 'HO', 'BVD'],
    measurements: [
      ['2024-06-30', 41, 'Havenkwartier-Zuid delivered.'],
      ['2024-12-31', 96],
      ['2025-06-30', 128, 'Molenakker phase 1 delayed by the nitrogen permit.'],
      ['2025-12-31', 171],
      ['2026-06-30', 190, 'Building costs forced a re-phasing of Molenakker phase 2.'],
      ['2026-09-30', 205, 'Recovery plan agreed with the municipality in July 2026.'],
    ],
  },
  {
    key: 'G-ENERGIELABEL',
    title: 'Minimaal 60% van de woningen energielabel A of beter in 2027',
    description:
      'Raise the share of homes with energy label A or better from 38% to 60%, without higher total housing costs for tenants (woonlastenwaarborg).',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    owner: PROPERTY,
    status: GoalStatus.ACTIVE,
    kpi: { indicator: 'Aandeel woningen met energielabel A of beter', unit: '%', baseline: 38, target: 60 },
    stakeholders: ['HO', 'GR', 'GD', 'VONK'],
    measurements: [
      ['2024-03-31', 39],
      ['2024-06-30', 41],
      ['2024-09-30', 43],
      ['2024-12-31', 45],
      ['2025-03-31', 46.5],
      ['2025-06-30', 48, 'Veerwaard-Noord renovation halfway.'],
      ['2025-09-30', 49.5],
      ['2025-12-31', 51, 'Veerwaard-Noord completed (212 homes).'],
      ['2026-03-31', 52.5],
      ['2026-06-30', 54],
      ['2026-09-30', 55.5],
    ],
  },
  {
    key: 'G-HUURNIVEAU',
    title: 'Gemiddelde huur naar 70% van de maximaal redelijke huur',
    description:
      'Keep rents affordable: bring the average net rent down from 73% to 70% of the maximum reasonable rent (maximaal redelijke huur) through a moderate annual rent policy.',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    owner: HOUSING,
    status: GoalStatus.ACTIVE,
    kpi: { indicator: 'Gemiddelde netto huur als % van de maximaal redelijke huur', unit: '%', baseline: 73, target: 70 },
    stakeholders: ['HO', 'GR', 'GD'],
    measurements: [
      ['2024-07-01', 72.6, 'After the annual rent adjustment.'],
      ['2025-07-01', 71.9, 'After the annual rent adjustment.'],
      ['2026-07-01', 71.0, 'After the annual rent adjustment.'],
    ],
  },
  {
    key: 'G-TEVREDENHEID',
    title: 'Huurderstevredenheid minimaal 7,8',
    description:
      "Raise the average tenant satisfaction score (huurdersoordeel) from 7.3 to at least 7.8, measured by the corporation's own panel survey.",
    periodStart: '2025-01-01',
    periodEnd: '2027-12-31',
    owner: HOUSING,
    status: GoalStatus.ACTIVE,
    kpi: { indicator: 'Gemiddeld huurdersoordeel (rapportcijfer)', unit: 'cijfer (1–10)', baseline: 7.3, target: 7.8 },
    stakeholders: ['HO', 'BC'],
    measurements: [
      ['2025-06-30', 7.4],
      ['2025-12-31', 7.5, 'Survey of September 2025.'],
      ['2026-06-30', 7.65],
    ],
  },
  {
    key: 'G-ZORGWONINGEN',
    title: '40 woningen voor zorgdoelgroepen (2024 – medio 2026)',
    description:
      'Make 40 homes available for clients of care partners, including people leaving sheltered living (uitstroom beschermd wonen).',
    periodStart: '2024-01-01',
    periodEnd: '2026-06-30',
    owner: HOUSING,
    status: GoalStatus.ACHIEVED,
    kpi: { indicator: 'Woningen beschikbaar gesteld voor cliënten van zorgpartners (cumulatief)', unit: 'woningen', baseline: 0, target: 40 },
    stakeholders: ['ZG', 'GR'],
    measurements: [
      ['2024-06-30', 8],
      ['2024-12-31', 18],
      ['2025-06-30', 27],
      ['2025-12-31', 36, 'Including five homes for the pilot Thuis in de Wijk.'],
      ['2026-06-30', 42, 'Target reached.'],
    ],
  },
  {
    key: 'G-WOONOVERLAST',
    title: '80% van de woonoverlastzaken binnen drie maanden opgelost',
    description:
      'With police, welfare and the municipality, resolve at least 80% of housing nuisance cases (woonoverlast) within three months.',
    periodStart: '2025-01-01',
    periodEnd: '2026-12-31',
    owner: AREA,
    status: GoalStatus.ACTIVE,
    kpi: { indicator: 'Woonoverlastzaken opgelost binnen drie maanden', unit: '%', baseline: 55, target: 80 },
    stakeholders: ['POL', 'WZ', 'GR', 'HO'],
    measurements: [
      ['2025-03-31', 58],
      ['2025-06-30', 62],
      ['2025-09-30', 65],
      ['2025-12-31', 68],
      ['2026-03-31', 70],
      ['2026-06-30', 72, 'Mediation waiting list slows the resolution of new cases.'],
      ['2026-09-30', 74],
    ],
  },
];

interface AgreementSpec {
  title: string;
  kind: AgreementKind;
  description: string;
  signedOn: string;
  validFrom: string;
  validUntil: string | null;
  documentReference: string;
  parties: string[];
  goals: string[];
}

const AGREEMENTS: AgreementSpec[] = [
  {
    title: 'Prestatieafspraken 2024–2027 gemeente Rivierstad',
    kind: AgreementKind.PERFORMANCE_AGREEMENT,
    description:
      "Four-year performance agreements between the municipality, the tenants' organisation and the corporation on new construction, sustainability, affordability, housing for care groups and liveability, with a yearly schedule (jaarschijf).",
    signedOn: '2023-12-14',
    validFrom: '2024-01-01',
    validUntil: '2027-12-31',
    documentReference: 'https://www.derivierstad.example.nl/documenten/prestatieafspraken-rivierstad-2024-2027.pdf',
    parties: ['GR', 'HO'],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
  },
  {
    title: 'Prestatieafspraken 2024–2027 gemeente Dijkhoven',
    kind: AgreementKind.PERFORMANCE_AGREEMENT,
    description:
      "Four-year performance agreements for Dijkhoven on new construction in Het Brink, the natural-gas-free neighbourhood Dijkhoven-Oost and affordability.",
    signedOn: '2023-12-19',
    validFrom: '2024-01-01',
    validUntil: '2027-12-31',
    documentReference: 'https://www.derivierstad.example.nl/documenten/prestatieafspraken-dijkhoven-2024-2027.pdf',
    parties: ['GD', 'HO'],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU'],
  },
  {
    title: 'Samenwerkingsovereenkomst Wonen met Zorg',
    kind: AgreementKind.COOPERATION_AGREEMENT,
    description:
      'Cooperation with Zorggroep Waardenburcht on homes for care clients: a quota of homes, joint intake and support by the care partner after move-in.',
    signedOn: '2024-03-05',
    validFrom: '2024-04-01',
    validUntil: '2027-03-31',
    documentReference: 'DMS 2024-0311',
    parties: ['ZG'],
    goals: ['G-ZORGWONINGEN'],
  },
  {
    title: 'Samenwerkingsovereenkomst Huurdersvereniging Rivierstad 2025–2028',
    kind: AgreementKind.PARTICIPATION_AGREEMENT,
    description:
      "Participation agreement under the Overlegwet: which subjects go to the tenants' organisation for advice, the yearly calendar of advice requests, its budget and its access to experts.",
    signedOn: '2025-01-28',
    validFrom: '2025-02-01',
    validUntil: '2028-12-31',
    documentReference: 'DMS 2025-0042',
    parties: ['HO'],
    goals: ['G-TEVREDENHEID'],
  },
  {
    title: 'Convenant Woonoverlast Rivierstad',
    kind: AgreementKind.COVENANT,
    description:
      'Covenant between the municipality, police, welfare organisation and corporation on sharing signals and tackling serious housing nuisance together, with a monthly case meeting (casusoverleg).',
    signedOn: '2025-02-11',
    validFrom: '2025-03-01',
    validUntil: '2028-02-29',
    documentReference: 'DMS 2025-0097',
    parties: ['GR', 'POL', 'WZ'],
    goals: ['G-WOONOVERLAST'],
  },
  {
    title: 'Dienstverleningsovereenkomst planmatig onderhoud en verduurzaming 2022–2026',
    kind: AgreementKind.SERVICE_AGREEMENT,
    description: 'Planned maintenance and installation work, including heat pumps and ventilation, in the Rivierstad portfolio.',
    signedOn: '2022-05-10',
    validFrom: '2022-07-01',
    validUntil: '2026-06-30',
    documentReference: 'DMS 2022-0530',
    parties: ['VONK'],
    goals: ['G-ENERGIELABEL'],
  },
  {
    title: 'Intentieverklaring nieuwbouw Het Brink Dijkhoven',
    kind: AgreementKind.LETTER_OF_INTENT,
    description: 'Letter of intent on developing about 60 social rental homes in Het Brink, pending the zoning plan.',
    signedOn: '2026-02-03',
    validFrom: '2026-02-03',
    validUntil: null,
    documentReference: 'DMS 2026-0058',
    parties: ['GD', 'BVD'],
    goals: ['G-NIEUWBOUW'],
  },
];

interface InterestSpec {
  key: string;
  stakeholder: string;
  topic: string;
  description: string;
  importance: Importance;
  stance: Stance;
  status: InterestStatus;
  /** The day identified; taken from the interaction when raisedIn is set. */
  identifiedOn?: string;
  raisedIn?: string;
  response?: string;
  respondedOn?: string;
  goals?: string[];
}

const INTERESTS: InterestSpec[] = [
  {
    key: 'ho-betaalbaarheid',
    stakeholder: 'HO',
    topic: 'Betaalbaarheid',
    description: 'Rents and energy costs must stay within reach of tenants with low incomes; no rent increase above inflation.',
    importance: Importance.CRITICAL,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-HUURADVIES-2025',
    response:
      'The 2025 and 2026 rent adjustments stayed below the legal maximum, with a rent freeze for households with low incomes, and the goal to bring the average rent to 70% of the maximum reasonable rent was reaffirmed in the jaarschijf.',
    respondedOn: '2025-03-27',
    goals: ['G-HUURNIVEAU'],
  },
  {
    key: 'ho-verduurzaming',
    stakeholder: 'HO',
    topic: 'Verduurzaming zonder hogere woonlasten',
    description: 'Tenants support insulation and heat pumps as long as total housing costs do not rise.',
    importance: Importance.HIGH,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response:
      'A housing-cost guarantee (woonlastenwaarborg) is part of every renovation plan; worked examples were shared with the tenants\' organisation in April 2026.',
    respondedOn: '2026-04-28',
    goals: ['G-ENERGIELABEL'],
  },
  {
    key: 'ho-participatie',
    stakeholder: 'HO',
    topic: 'Vroegtijdige betrokkenheid bij beleid',
    description: 'Be involved before policy is drafted, not only asked for formal advice at the end.',
    importance: Importance.MEDIUM,
    stance: Stance.LEANING_SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-SAMENWERKING-HO',
    response:
      'The participation agreement 2025–2028 includes a yearly calendar of advice requests and early sounding sessions; the supervisory board talks with the tenants\' organisation once a year.',
    respondedOn: '2025-02-12',
    goals: ['G-TEVREDENHEID'],
  },
  {
    key: 'gr-nieuwbouw',
    stakeholder: 'GR',
    topic: 'Nieuwbouw sociale huurwoningen',
    description: 'The municipality needs 120 additional social rental homes a year to shorten waiting times.',
    importance: Importance.CRITICAL,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response:
      'Agreed as a goal in the prestatieafspraken; since production lags behind, a recovery plan with an accelerated Molenakker phase 2 was presented in July 2026.',
    respondedOn: '2026-07-15',
    goals: ['G-NIEUWBOUW'],
  },
  {
    key: 'gr-doelgroepen',
    stakeholder: 'GR',
    topic: 'Huisvesting urgente doelgroepen',
    description: 'More homes for urgent groups: status holders, people leaving sheltered living and homeless young people.',
    importance: Importance.HIGH,
    stance: Stance.NEUTRAL,
    status: InterestStatus.UNDER_CONSIDERATION,
    raisedIn: 'I-TRIPARTIET-RIV-2025',
    goals: ['G-ZORGWONINGEN'],
  },
  {
    key: 'gd-kernen',
    stakeholder: 'GD',
    topic: 'Woningbouw in de kleine kernen',
    description: 'Dijkhoven wants small new-build projects for young people and seniors in each of its three village cores.',
    importance: Importance.HIGH,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.DECLINED,
    raisedIn: 'I-TRIPARTIET-DIJK-2024',
    response:
      'Not taken up for 2025–2027: the feasibility scan showed no affordable building sites in the village cores. The corporation will look again when the municipality offers land for the next prestatieafspraken.',
    respondedOn: '2025-07-01',
  },
  {
    key: 'gd-aardgasvrij',
    stakeholder: 'GD',
    topic: 'Aardgasvrije wijk Dijkhoven-Oost',
    description: 'The municipality wants the corporation to lead the way in connecting Dijkhoven-Oost to the new heat network.',
    importance: Importance.MEDIUM,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'The corporation calculated joining the heat network and committed 140 homes to the first phase, as part of the energy-label goal.',
    respondedOn: '2026-02-26',
    goals: ['G-ENERGIELABEL'],
  },
  {
    key: 'aw-governance',
    stakeholder: 'AW',
    topic: 'Goed bestuur en integriteit',
    description: 'The regulator looks at governance, the functioning of the supervisory board and integrity policy.',
    importance: Importance.HIGH,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'The audit committee charter was revised after the 2025 governance inspection and sent to the regulator.',
    respondedOn: '2025-06-30',
  },
  {
    key: 'wsw-borgbaarheid',
    stakeholder: 'WSW',
    topic: 'Borgbaarheid en risicobeheersing',
    description: 'The guarantee fund wants sound financial ratios and a credible substantiation of the investment programme.',
    importance: Importance.HIGH,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-12-17',
    response: 'Additional substantiation of the multi-year budget was provided; the 2026 guarantee ceiling was confirmed.',
    respondedOn: '2026-01-30',
  },
  {
    key: 'zg-zorgwoningen',
    stakeholder: 'ZG',
    topic: 'Woningen voor cliënten met zorg',
    description: 'Clients who can live independently with support need suitable, affordable homes close to care.',
    importance: Importance.CRITICAL,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'Forty homes were promised in the cooperation agreement; 42 were made available by mid-2026.',
    respondedOn: '2026-07-01',
    goals: ['G-ZORGWONINGEN'],
  },
  {
    key: 'zg-uitstroom',
    stakeholder: 'ZG',
    topic: 'Uitstroom uit beschermd wonen',
    description: 'People ready to leave sheltered living wait too long for a home of their own.',
    importance: Importance.HIGH,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.UNDER_CONSIDERATION,
    raisedIn: 'I-ZG-2025-05',
    goals: ['G-ZORGWONINGEN'],
  },
  {
    key: 'pol-veiligheid',
    stakeholder: 'POL',
    topic: 'Veiligheid en aanpak woonoverlast',
    description: 'Early signals from housing staff help the police prevent escalation in problem addresses.',
    importance: Importance.HIGH,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'Laid down in the Convenant Woonoverlast, with a monthly case meeting and agreed information sharing.',
    respondedOn: '2025-02-11',
    goals: ['G-WOONOVERLAST'],
  },
  {
    key: 'wz-buurtbemiddeling',
    stakeholder: 'WZ',
    topic: 'Leefbaarheid en buurtbemiddeling',
    description: 'Neighbour disputes are best solved early by trained volunteer mediators.',
    importance: Importance.HIGH,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'Neighbour mediation is the first step in the covenant; the corporation refers all first-stage disputes to it.',
    respondedOn: '2025-02-11',
    goals: ['G-WOONOVERLAST'],
  },
  {
    key: 'wz-financiering',
    stakeholder: 'WZ',
    topic: 'Structurele financiering buurtbemiddeling',
    description: 'The welfare organisation asks for a multi-year contribution instead of yearly project subsidies.',
    importance: Importance.MEDIUM,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.RAISED,
    raisedIn: 'I-CASUS-2026-10',
  },
  {
    key: 'bvd-bouwkosten',
    stakeholder: 'BVD',
    topic: 'Stijgende bouwkosten en vergunningen',
    description: 'Rising building costs and slow permits put the agreed prices and planning of Molenakker phase 2 at risk.',
    importance: Importance.HIGH,
    stance: Stance.NEUTRAL,
    status: InterestStatus.UNDER_CONSIDERATION,
    raisedIn: 'I-BOUWPLAATS-MOLENAKKER',
    goals: ['G-NIEUWBOUW'],
  },
  {
    key: 'vonk-vervolg',
    stakeholder: 'VONK',
    topic: 'Vervolgopdrachten na afloop contract',
    description: 'The contractor would like a direct follow-up contract without a new tender.',
    importance: Importance.MEDIUM,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.DECLINED,
    raisedIn: 'I-VONK-EVALUATIE',
    response: 'Declined: procurement policy requires a new tender; the contractor was invited to take part in it.',
    respondedOn: '2026-04-14',
  },
  {
    key: 'or-werkdruk',
    stakeholder: 'OR',
    topic: 'Werkdruk in de wijkteams',
    description: 'Neighbourhood officers carry too many cases; sick leave is rising.',
    importance: Importance.HIGH,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-OR-2025-01',
    response: 'A workload survey was held and two extra neighbourhood officers were hired in the reorganised teams.',
    respondedOn: '2025-11-25',
  },
  {
    key: 'or-herinrichting',
    stakeholder: 'OR',
    topic: 'Zorgvuldige herinrichting wijkteams',
    description: 'The reorganisation of the neighbourhood teams must not cost jobs and needs a proper advice procedure.',
    importance: Importance.HIGH,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-OR-2025-09',
    response: 'Formal advice was requested; the plan was adjusted on three points and the works council advised positively.',
    respondedOn: '2025-11-25',
  },
  {
    key: 'rvc-dialoog',
    stakeholder: 'RVC',
    topic: 'Zicht op de dialoog met belanghebbenden',
    description: 'The supervisory board wants to see for itself how stakeholders are heard and what is done with their input.',
    importance: Importance.HIGH,
    stance: Stance.SUPPORTIVE,
    status: InterestStatus.ADDRESSED,
    identifiedOn: '2024-11-28',
    response: 'The board sends the updated stakeholder analysis every June and the supervisory board meets the tenants\' organisation once a year.',
    respondedOn: '2026-06-12',
  },
  {
    key: 'bc-renovatie',
    stakeholder: 'BC',
    topic: 'Overlast en nazorg renovatie Veerwaard-Noord',
    description: 'Residents want clear planning per entrance, a temporary home when needed, and snagging points solved quickly.',
    importance: Importance.CRITICAL,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.UNDER_CONSIDERATION,
    raisedIn: 'I-SCHOUW-VEERWAARD',
    goals: ['G-ENERGIELABEL', 'G-TEVREDENHEID'],
  },
  {
    key: 'bc-verlichting',
    stakeholder: 'BC',
    topic: 'Verlichting en achterpaden',
    description: 'Dark back alleys feel unsafe and attract dumping.',
    importance: Importance.MEDIUM,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-WIJKSCHOUW-2026',
    response: 'Extra lighting was installed in the back alleys of Veerwaard-Noord in September 2026.',
    respondedOn: '2026-09-15',
    goals: ['G-WOONOVERLAST'],
  },
  {
    key: 'jt-schimmel',
    stakeholder: 'JT',
    topic: 'Schimmel en vocht in de woning',
    description: 'Persistent mould in bedroom and bathroom; health concerns for her children.',
    importance: Importance.CRITICAL,
    stance: Stance.LEANING_OPPOSED,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-TIMMER-TELEFOON',
    response:
      'Ventilation replaced and walls treated in May 2025, warranty repair in March 2026; all Havenkwartier homes were checked for damp.',
    respondedOn: '2026-03-10',
  },
  {
    key: 'med-openheid',
    stakeholder: 'MED',
    topic: 'Openheid over onderhoud en wachttijden',
    description: 'The paper expects quick and open answers on maintenance complaints and waiting lists.',
    importance: Importance.MEDIUM,
    stance: Stance.NEUTRAL,
    status: InterestStatus.ADDRESSED,
    raisedIn: 'I-PERSVRAAG-2025',
    response: 'Press questions are answered within one working day and waiting-time figures are published on the website.',
    respondedOn: '2026-01-22',
  },
];

interface ActionSpec {
  what: string;
  who: string;
  due: string;
  /** Completion day: the action is DONE. */
  done?: string;
  status?: ActionStatus;
}

interface InteractionSpec {
  key?: string;
  on: string;
  kind: InteractionKind;
  subject: string;
  summary: string;
  with: string[];
  contacts?: string[];
  internal: string[];
  interests?: string[];
  goals?: string[];
  actions?: ActionSpec[];
}

const ALL_GOALS = GOALS.map((g) => g.key);

// Two years of contact, 2024-12-01 to 2026-11-20, in date order.
const INTERACTIONS: InteractionSpec[] = [
  {
    on: '2024-12-03',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening jaarschijf 2025 prestatieafspraken Rivierstad',
    summary: 'The alderman, the tenants\' organisation and the director signed the 2025 schedule of the performance agreements.',
    with: ['GR', 'HO'],
    contacts: ['gr-vermeulen', 'ho-hoekstra'],
    internal: [DIRECTOR, SECRETARY],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU'],
    actions: [{ what: 'Publish the signed 2025 schedule on the website.', who: COMMS, due: '2024-12-20', done: '2024-12-18' }],
  },
  {
    key: 'I-TRIPARTIET-DIJK-2024',
    on: '2024-12-10',
    kind: InteractionKind.MEETING,
    subject: 'Tripartiet overleg jaarschijf 2025 Dijkhoven',
    summary:
      'Dijkhoven agreed to the 2025 schedule but asked for small new-build projects in its three village cores. The corporation promised a feasibility scan.',
    with: ['GD', 'HO'],
    contacts: ['gd-willems', 'gd-maas', 'ho-benali'],
    internal: [DIRECTOR, HOUSING],
    goals: ['G-NIEUWBOUW'],
    actions: [{ what: 'Draw up a feasibility scan for new building in the Dijkhoven village cores.', who: PROJECTS, due: '2025-03-31', done: '2025-04-22' }],
  },
  {
    on: '2024-12-17',
    kind: InteractionKind.LETTER,
    subject: 'Borgingsplafond 2025 en risicobeoordeling WSW',
    summary: 'The WSW confirmed the 2025 guarantee ceiling and listed two points of attention on the maintenance budget.',
    with: ['WSW'],
    contacts: ['wsw-dekker'],
    internal: [CONTROLLER],
    interests: ['wsw-borgbaarheid'],
    actions: [{ what: 'Reply to the points of attention in the risk assessment.', who: CONTROLLER, due: '2025-01-31', done: '2025-01-27' }],
  },
  {
    key: 'I-OR-2025-01',
    on: '2025-01-14',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad januari 2025',
    summary: 'The works council raised the workload in the neighbourhood teams and the rising sick leave. The board agreed to a workload survey.',
    with: ['OR'],
    contacts: ['or-smits', 'or-huisman'],
    internal: [DIRECTOR, HR],
    actions: [{ what: 'Have a workload survey carried out in the neighbourhood teams.', who: HR, due: '2025-04-30', done: '2025-04-28' }],
  },
  {
    key: 'I-SAMENWERKING-HO',
    on: '2025-01-28',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening samenwerkingsovereenkomst Huurdersvereniging 2025–2028',
    summary:
      "The new participation agreement was signed. The tenants' organisation asked to be involved before policy is drafted; a yearly calendar of advice requests was agreed.",
    with: ['HO'],
    contacts: ['ho-hoekstra', 'ho-benali'],
    internal: [DIRECTOR, SECRETARY, PARTICIPATION],
    goals: ['G-TEVREDENHEID'],
    actions: [{ what: "Share the 2025 calendar of advice requests with the tenants' organisation.", who: SECRETARY, due: '2025-02-14', done: '2025-02-12' }],
  },
  {
    on: '2025-02-11',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening Convenant Woonoverlast Rivierstad',
    summary: 'Municipality, police, welfare organisation and corporation signed the covenant on tackling housing nuisance together.',
    with: ['GR', 'POL', 'WZ'],
    contacts: ['gr-kramer', 'pol-post', 'wz-dewit'],
    internal: [DIRECTOR, HOUSING],
    interests: ['pol-veiligheid', 'wz-buurtbemiddeling'],
    goals: ['G-WOONOVERLAST'],
    actions: [{ what: 'Schedule the monthly case meeting on housing nuisance for 2025.', who: HOUSING, due: '2025-03-01', done: '2025-02-27' }],
  },
  {
    key: 'I-SCHOUW-VEERWAARD',
    on: '2025-02-20',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Schouw renovatie Veerwaard-Noord met bewonerscommissie',
    summary:
      "Walk through the first renovated entrances with the residents' committee. Residents asked for a clear schedule per entrance and a temporary home for vulnerable tenants.",
    with: ['BC'],
    contacts: ['bc-vanbeek', 'bc-kaya'],
    internal: [PROPERTY, OFFICER],
    goals: ['G-ENERGIELABEL'],
    actions: [
      { what: 'Send each entrance a residents\' letter with its own renovation schedule.', who: PROPERTY, due: '2025-03-07', done: '2025-03-05' },
      { what: 'Arrange a temporary home for residents with a medical indication.', who: OFFICER, due: '2025-03-31', done: '2025-03-28' },
    ],
  },
  {
    key: 'I-HUURADVIES-2025',
    on: '2025-03-04',
    kind: InteractionKind.CONSULTATION,
    subject: 'Adviesaanvraag jaarlijkse huuraanpassing 2025',
    summary:
      "Formal advice request on the 2025 rent adjustment. The tenants' organisation advised against any increase above inflation and asked for a freeze for low incomes.",
    with: ['HO'],
    contacts: ['ho-hoekstra', 'ho-schouten'],
    internal: [HOUSING, SECRETARY],
    goals: ['G-HUURNIVEAU'],
    actions: [{ what: "Send a written response to the tenants' organisation's advice.", who: HOUSING, due: '2025-04-01', done: '2025-03-27' }],
  },
  {
    key: 'I-TIMMER-TELEFOON',
    on: '2025-03-18',
    kind: InteractionKind.PHONE,
    subject: 'Klacht schimmel en vocht Havenkwartier',
    summary: 'Mrs Timmer called about persistent mould in her bedroom and bathroom, reported twice before without result.',
    with: ['JT'],
    contacts: ['jt-timmer'],
    internal: [OFFICER],
    actions: [{ what: 'Carry out a damp measurement and inspection of the home.', who: PROPERTY, due: '2025-03-28', done: '2025-03-27' }],
  },
  {
    on: '2025-03-25',
    kind: InteractionKind.MEETING,
    subject: 'Monitoringsoverleg prestatieafspraken Rivierstad (verantwoording 2024)',
    summary: 'The parties reviewed the 2024 results: energy labels ahead of plan, new construction slightly behind.',
    with: ['GR', 'HO'],
    contacts: ['gr-kramer', 'ho-benali'],
    internal: [HOUSING, CONTROLLER, SECRETARY],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
    actions: [{ what: 'Complete the 2024 monitor with the figures on care homes.', who: CONTROLLER, due: '2025-04-15', done: '2025-04-14' }],
  },
  {
    on: '2025-04-08',
    kind: InteractionKind.EMAIL,
    subject: 'Vragen over huurverhoging en inkomensafhankelijke huur',
    summary: "The tenants' organisation asked how tenants with a low income can apply for a rent reduction.",
    with: ['HO'],
    contacts: ['ho-schouten'],
    internal: [HOUSING],
    interests: ['ho-betaalbaarheid'],
    actions: [{ what: 'Send an overview of the rent-reduction scheme for low incomes.', who: HOUSING, due: '2025-04-18', done: '2025-04-17' }],
  },
  {
    key: 'I-PERSVRAAG-2025',
    on: '2025-04-16',
    kind: InteractionKind.PHONE,
    subject: 'Persvraag Rivierstad Courant over schimmelklachten Havenkwartier',
    summary:
      'A reporter asked for a reaction to an article about mould in Havenkwartier, based on the story of Mrs Timmer. A statement was given the same day.',
    with: ['MED'],
    contacts: ['med-deboer'],
    internal: [COMMS, DIRECTOR],
    actions: [
      { what: 'Write the corporation\'s statement for the paper and the website.', who: COMMS, due: '2025-04-17', done: '2025-04-17' },
      { what: 'Check all homes in the Havenkwartier complex for damp problems.', who: PROPERTY, due: '2025-05-31', done: '2025-06-20' },
    ],
  },
  {
    on: '2025-04-24',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Huisbezoek en inspectie woning Havenkwartier',
    summary: 'Together with the maintenance contractor the home was inspected; the mechanical ventilation had failed.',
    with: ['JT', 'VONK'],
    contacts: ['jt-timmer', 'vonk-kok'],
    internal: [OFFICER, PROPERTY],
    interests: ['jt-schimmel'],
    actions: [{ what: 'Replace the ventilation unit and treat the walls against mould.', who: PROPERTY, due: '2025-05-30', done: '2025-05-28' }],
  },
  {
    key: 'I-ZG-2025-05',
    on: '2025-05-13',
    kind: InteractionKind.MEETING,
    subject: 'Kwartaaloverleg Zorggroep Waardenburcht: wonen met zorg',
    summary: 'Progress on care homes is good. The care group raised the long wait for people ready to leave sheltered living.',
    with: ['ZG'],
    contacts: ['zg-peters'],
    internal: [HOUSING, PROJECTS],
    interests: ['zg-zorgwoningen'],
    goals: ['G-ZORGWONINGEN'],
    actions: [{ what: 'Provide a list of homes suitable for people leaving sheltered living.', who: HOUSING, due: '2025-06-15', done: '2025-06-13' }],
  },
  {
    on: '2025-05-20',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad mei 2025',
    summary: 'The results of the workload survey were discussed; the works council asked for concrete measures before the summer.',
    with: ['OR'],
    contacts: ['or-smits'],
    internal: [DIRECTOR, HR],
    interests: ['or-werkdruk'],
    actions: [{ what: 'Discuss the survey results in each neighbourhood team.', who: HR, due: '2025-06-30', done: '2025-06-26' }],
  },
  {
    on: '2025-06-03',
    kind: InteractionKind.MEETING,
    subject: 'Gesprek Autoriteit woningcorporaties: governance-inspectie',
    summary: 'Closing talk of the governance inspection. The regulator asked for a sharper charter of the audit committee.',
    with: ['AW'],
    contacts: ['aw-vanleeuwen'],
    internal: [DIRECTOR, SECRETARY, CONTROLLER],
    interests: ['aw-governance'],
    actions: [{ what: 'Send the revised audit committee charter to the regulator.', who: SECRETARY, due: '2025-07-01', done: '2025-06-30' }],
  },
  {
    key: 'I-AVOND-2025',
    on: '2025-06-19',
    kind: InteractionKind.EVENT,
    subject: 'Belanghebbendenavond 2025: Samen werken aan Rivierstad',
    summary:
      'Yearly stakeholder evening with about 60 guests. Discussion tables on new construction, sustainability and safety in the neighbourhood.',
    with: ['HO', 'GR', 'GD', 'ZG', 'WZ', 'POL', 'BC', 'RVC'],
    contacts: ['ho-hoekstra', 'gr-vermeulen', 'gd-willems', 'zg-meijer', 'wz-dewit', 'pol-brouwer', 'bc-vanbeek', 'rvc-veenstra'],
    internal: [DIRECTOR, SECRETARY, HOUSING, PROPERTY, COMMS],
    interests: ['gr-nieuwbouw', 'ho-verduurzaming', 'pol-veiligheid', 'rvc-dialoog'],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-WOONOVERLAST'],
    actions: [
      { what: 'Publish the report of the stakeholder evening.', who: COMMS, due: '2025-07-04', done: '2025-07-03' },
      { what: 'Process the input of the evening in the update of the business plan.', who: SECRETARY, due: '2025-09-30', done: '2025-09-24' },
    ],
  },
  {
    on: '2025-06-26',
    kind: InteractionKind.PUBLICATION,
    subject: 'Jaarverslag 2024 met hoofdstuk verantwoording aan belanghebbenden',
    summary: 'The 2024 annual report was published, with a chapter on what was done with the input of stakeholders.',
    with: ['HO', 'GR', 'GD', 'AW', 'WSW'],
    internal: [SECRETARY, CONTROLLER, COMMS],
    goals: ALL_GOALS,
    actions: [{ what: "Send the annual report to both municipalities and the tenants' organisation.", who: SECRETARY, due: '2025-07-01', done: '2025-06-30' }],
  },
  {
    on: '2025-06-30',
    kind: InteractionKind.LETTER,
    subject: 'Bod 2026 op de woonvisie aan gemeente Rivierstad',
    summary: 'The corporation sent its yearly offer (bod) for 2026 on new construction, sustainability, affordability and care homes.',
    with: ['GR', 'HO'],
    contacts: ['gr-kramer'],
    internal: [DIRECTOR, HOUSING, PROJECTS],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-ZORGWONINGEN'],
    actions: [{ what: 'Put the offer on the agenda of the tripartite meeting.', who: SECRETARY, due: '2025-09-15', done: '2025-09-11' }],
  },
  {
    on: '2025-07-01',
    kind: InteractionKind.LETTER,
    subject: 'Bod 2026 op de woonvisie aan gemeente Dijkhoven',
    summary: 'Offer for 2026 for Dijkhoven, explaining why new building in the village cores is not feasible in this period.',
    with: ['GD', 'HO'],
    contacts: ['gd-maas'],
    internal: [DIRECTOR, HOUSING],
    interests: ['gd-kernen'],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL'],
  },
  {
    key: 'I-BOUWPLAATS-MOLENAKKER',
    on: '2025-08-28',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Bouwplaatsbezoek nieuwbouw Molenakker fase 1',
    summary:
      'The alderman visited the building site. The contractor warned that rising costs and slow permits put the price and planning of phase 2 at risk.',
    with: ['BVD', 'GR'],
    contacts: ['bvd-vandam', 'gr-vermeulen'],
    internal: [DIRECTOR, PROJECTS],
    interests: ['gr-nieuwbouw'],
    goals: ['G-NIEUWBOUW'],
    actions: [
      { what: 'Work out an alternative phasing for Molenakker phase 2.', who: PROJECTS, due: '2025-10-31', done: '2025-12-05' },
      { what: "Organise a second site visit with members of the tenants' organisation.", who: PROJECTS, due: '2025-10-15', status: ActionStatus.CANCELLED },
    ],
  },
  {
    key: 'I-OR-2025-09',
    on: '2025-09-09',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad september 2025',
    summary: 'The board presented the outline of the reorganised neighbourhood teams. The works council asked for a careful advice procedure.',
    with: ['OR'],
    contacts: ['or-smits', 'or-huisman'],
    internal: [DIRECTOR, HR],
    interests: ['or-werkdruk'],
    actions: [{ what: 'Prepare the formal advice request on the reorganisation of the neighbourhood teams.', who: HR, due: '2025-10-15', done: '2025-10-14' }],
  },
  {
    key: 'I-TRIPARTIET-RIV-2025',
    on: '2025-09-11',
    kind: InteractionKind.MEETING,
    subject: 'Tripartiet overleg prestatieafspraken Rivierstad: jaarschijf 2026',
    summary:
      "Negotiation on the 2026 schedule. The municipality asked for more homes for urgent groups; the tenants' organisation insisted on affordability.",
    with: ['GR', 'HO'],
    contacts: ['gr-kramer', 'ho-benali', 'ho-hoekstra'],
    internal: [DIRECTOR, HOUSING, SECRETARY],
    interests: ['ho-betaalbaarheid', 'gr-nieuwbouw'],
    goals: ['G-NIEUWBOUW', 'G-HUURNIVEAU', 'G-ZORGWONINGEN'],
    actions: [{ what: 'Draft the 2026 schedule of the performance agreements.', who: SECRETARY, due: '2025-10-31', done: '2025-10-30' }],
  },
  {
    on: '2025-09-23',
    kind: InteractionKind.SURVEY,
    subject: 'Huurderstevredenheidsonderzoek 2025',
    summary: 'Yearly panel survey among 1,200 tenants on service, repairs and the neighbourhood; average score 7.5.',
    with: ['HO'],
    internal: [PARTICIPATION, COMMS],
    goals: ['G-TEVREDENHEID'],
    actions: [{ what: "Share the survey results with the tenants' organisation.", who: PARTICIPATION, due: '2025-11-15', done: '2025-11-12' }],
  },
  {
    on: '2025-10-02',
    kind: InteractionKind.MEETING,
    subject: 'Casusoverleg woonoverlast Veerwaard',
    summary: 'Five nuisance cases discussed; two disputes between neighbours referred to mediation.',
    with: ['POL', 'WZ'],
    contacts: ['pol-brouwer', 'wz-ouali'],
    internal: [OFFICER, AREA],
    interests: ['pol-veiligheid', 'wz-buurtbemiddeling'],
    goals: ['G-WOONOVERLAST'],
    actions: [{ what: 'Start neighbour mediation for two entrances in Veerwaard.', who: 'F. Ouali (Stichting Welzijn Rivierstad)', due: '2025-10-31', done: '2025-10-29' }],
  },
  {
    on: '2025-10-14',
    kind: InteractionKind.CONSULTATION,
    subject: 'Adviesaanvraag ondernemingsraad herinrichting wijkteams',
    summary: 'Formal advice request under article 25 WOR on the new structure of the neighbourhood teams.',
    with: ['OR'],
    contacts: ['or-smits'],
    internal: [DIRECTOR, HR],
    interests: ['or-herinrichting', 'or-werkdruk'],
    actions: [{ what: "Respond to the works council's advice with an adjusted plan.", who: HR, due: '2025-11-28', done: '2025-11-25' }],
  },
  {
    on: '2025-10-21',
    kind: InteractionKind.MEETING,
    subject: 'Jaarlijks gesprek RvC met huurdersvereniging',
    summary: "The commissioner nominated by the tenants met the board of the tenants' organisation without the director present.",
    with: ['RVC', 'HO'],
    contacts: ['rvc-prins', 'ho-hoekstra'],
    internal: [SECRETARY],
    interests: ['rvc-dialoog', 'ho-participatie'],
    actions: [{ what: 'Put the report of the talk on the agenda of the supervisory board.', who: SECRETARY, due: '2025-11-20', done: '2025-11-20' }],
  },
  {
    on: '2025-10-28',
    kind: InteractionKind.MEETING,
    subject: 'Werkgroep aardgasvrije wijk Dijkhoven-Oost',
    summary: 'The municipality presented the heat network plan and asked the corporation to commit homes to the first phase.',
    with: ['GD'],
    contacts: ['gd-maas'],
    internal: [ENERGY],
    interests: ['gd-aardgasvrij'],
    goals: ['G-ENERGIELABEL'],
    actions: [{ what: 'Calculate joining the Dijkhoven-Oost heat network.', who: ENERGY, due: '2026-02-28', done: '2026-02-26' }],
  },
  {
    on: '2025-11-04',
    kind: InteractionKind.LETTER,
    subject: 'Toezichtbrief Autoriteit woningcorporaties 2025',
    summary: 'The yearly supervisory letter: no interventions, one recommendation on the integrity policy.',
    with: ['AW'],
    contacts: ['aw-vanleeuwen'],
    internal: [DIRECTOR, CONTROLLER, SECRETARY],
    interests: ['aw-governance'],
    actions: [{ what: 'Discuss the supervisory letter with the supervisory board and send a response.', who: DIRECTOR, due: '2025-12-15', done: '2026-01-09' }],
  },
  {
    on: '2025-11-18',
    kind: InteractionKind.MEETING,
    subject: 'Overleg Zorggroep: pilot Thuis in de Wijk',
    summary: 'Agreed a pilot in which five people leaving sheltered living get their own home with support from the care group.',
    with: ['ZG'],
    contacts: ['zg-peters', 'zg-meijer'],
    internal: [HOUSING],
    interests: ['zg-uitstroom'],
    goals: ['G-ZORGWONINGEN'],
    actions: [{ what: 'Designate five homes for the pilot Thuis in de Wijk.', who: HOUSING, due: '2026-01-31', done: '2026-01-28' }],
  },
  {
    on: '2025-11-26',
    kind: InteractionKind.EMAIL,
    subject: 'Bewonerscommissie: klachten over opleverpunten renovatie',
    summary: "The residents' committee sent a list of 34 unresolved snagging points after the renovation.",
    with: ['BC'],
    contacts: ['bc-vanbeek'],
    internal: [PROPERTY],
    interests: ['bc-renovatie'],
    actions: [{ what: 'List and resolve the snagging points per home.', who: PROPERTY, due: '2026-01-15', done: '2026-02-20' }],
  },
  {
    on: '2025-12-09',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening jaarschijf 2026 prestatieafspraken Rivierstad',
    summary: 'The 2026 schedule was signed, including a higher number of homes for urgent groups.',
    with: ['GR', 'HO'],
    contacts: ['gr-vermeulen', 'ho-hoekstra'],
    internal: [DIRECTOR, SECRETARY],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
    actions: [{ what: 'Publish the signed 2026 schedule.', who: COMMS, due: '2025-12-19', done: '2025-12-17' }],
  },
  {
    on: '2025-12-11',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening jaarschijf 2026 prestatieafspraken Dijkhoven',
    summary: 'The 2026 schedule for Dijkhoven was signed; Het Brink was added as a new-build location.',
    with: ['GD', 'HO'],
    contacts: ['gd-willems', 'ho-benali'],
    internal: [DIRECTOR],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL'],
  },
  {
    on: '2025-12-16',
    kind: InteractionKind.LETTER,
    subject: 'WSW: borgingsplafond 2026 en verzoek aanvullende onderbouwing',
    summary: 'The WSW asked for more substantiation of the investment programme before confirming the 2026 guarantee ceiling.',
    with: ['WSW'],
    contacts: ['wsw-dekker'],
    internal: [CONTROLLER],
    interests: ['wsw-borgbaarheid'],
    actions: [{ what: 'Send additional substantiation of the multi-year budget.', who: CONTROLLER, due: '2026-01-31', done: '2026-01-30' }],
  },
  {
    on: '2026-01-13',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad januari 2026',
    summary: 'The reorganised neighbourhood teams started on 1 January; the works council asked for an evaluation after six months.',
    with: ['OR'],
    contacts: ['or-smits', 'or-huisman'],
    internal: [DIRECTOR, HR],
    interests: ['or-herinrichting'],
    actions: [{ what: 'Plan the evaluation of the reorganised neighbourhood teams.', who: HR, due: '2026-06-30', done: '2026-06-18' }],
  },
  {
    on: '2026-01-20',
    kind: InteractionKind.EMAIL,
    subject: 'Vraag Rivierstad Courant over wachttijden sociale huur',
    summary: 'The paper asked for figures on waiting times and new construction for an article on the housing shortage.',
    with: ['MED'],
    contacts: ['med-deboer'],
    internal: [COMMS],
    interests: ['med-openheid'],
    goals: ['G-NIEUWBOUW'],
    actions: [{ what: 'Provide figures on waiting times and new construction.', who: COMMS, due: '2026-01-23', done: '2026-01-22' }],
  },
  {
    on: '2026-01-27',
    kind: InteractionKind.PHONE,
    subject: 'Terugbelverzoek mevrouw Timmer: nieuwe vochtplekken',
    summary: 'Mrs Timmer reported new damp spots near the bathroom ceiling.',
    with: ['JT'],
    contacts: ['jt-timmer'],
    internal: [OFFICER],
    interests: ['jt-schimmel'],
    actions: [{ what: 'Schedule a re-inspection of the home.', who: PROPERTY, due: '2026-02-13', done: '2026-02-10' }],
  },
  {
    on: '2026-02-03',
    kind: InteractionKind.MEETING,
    subject: 'Ondertekening intentieverklaring Het Brink',
    summary: 'Dijkhoven and the contractor signed the letter of intent for about 60 social rental homes in Het Brink.',
    with: ['GD', 'BVD'],
    contacts: ['gd-willems', 'bvd-vandam'],
    internal: [DIRECTOR, PROJECTS],
    goals: ['G-NIEUWBOUW'],
  },
  {
    on: '2026-02-10',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Herinspectie woning Havenkwartier',
    summary: 'The ventilation unit installed in 2025 turned out to be defective; the contractor repairs it under warranty.',
    with: ['JT', 'VONK'],
    contacts: ['jt-timmer', 'vonk-kok'],
    internal: [PROPERTY, OFFICER],
    interests: ['jt-schimmel'],
    actions: [{ what: 'Have the contractor repair the ventilation under warranty.', who: PROPERTY, due: '2026-03-13', done: '2026-03-10' }],
  },
  {
    key: 'I-HUURADVIES-2026',
    on: '2026-02-24',
    kind: InteractionKind.CONSULTATION,
    subject: 'Adviesaanvraag jaarlijkse huuraanpassing 2026',
    summary: "The tenants' organisation gave a critical advice on the 2026 rent adjustment and asked for a lower increase for mid-priced rents.",
    with: ['HO'],
    contacts: ['ho-hoekstra', 'ho-schouten'],
    internal: [HOUSING, SECRETARY],
    interests: ['ho-betaalbaarheid'],
    goals: ['G-HUURNIVEAU'],
    actions: [{ what: "Send a written response to the tenants' organisation's advice.", who: HOUSING, due: '2026-03-24', done: '2026-03-31' }],
  },
  {
    on: '2026-03-10',
    kind: InteractionKind.MEETING,
    subject: 'Overleg huurdersvereniging over verduurzaming en woonlasten',
    summary: "The working group on rent and sustainability asked for worked examples showing that housing costs do not rise after renovation.",
    with: ['HO'],
    contacts: ['ho-schouten', 'ho-benali'],
    internal: [PROPERTY, ENERGY],
    interests: ['ho-verduurzaming'],
    goals: ['G-ENERGIELABEL'],
    actions: [{ what: 'Prepare worked examples of the housing-cost guarantee after renovation.', who: ENERGY, due: '2026-04-30', done: '2026-04-28' }],
  },
  {
    on: '2026-03-17',
    kind: InteractionKind.MEETING,
    subject: 'Monitoringsoverleg prestatieafspraken Rivierstad (verantwoording 2025)',
    summary: 'New construction ended 2025 well behind the agreed numbers. The municipality asked for a recovery plan.',
    with: ['GR', 'HO'],
    contacts: ['gr-kramer', 'ho-benali'],
    internal: [HOUSING, CONTROLLER],
    interests: ['gr-nieuwbouw'],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
    actions: [{ what: 'Draw up a recovery plan for new-build production.', who: PROJECTS, due: '2026-05-31', done: '2026-07-15' }],
  },
  {
    key: 'I-VONK-EVALUATIE',
    on: '2026-03-31',
    kind: InteractionKind.MEETING,
    subject: 'Evaluatie en afbouw dienstverleningsovereenkomst onderhoud',
    summary: 'Evaluation of the maintenance contract ending on 30 June. The contractor asked for a direct follow-up contract.',
    with: ['VONK'],
    contacts: ['vonk-kok'],
    internal: [PROPERTY],
    goals: ['G-ENERGIELABEL'],
    actions: [{ what: 'Hand over the maintenance files to the new contractor.', who: PROPERTY, due: '2026-06-30', done: '2026-06-29' }],
  },
  {
    on: '2026-04-09',
    kind: InteractionKind.MEETING,
    subject: 'Kwartaaloverleg Zorggroep Waardenburcht',
    summary: 'The care-home goal is almost reached; the pilot Thuis in de Wijk runs well.',
    with: ['ZG'],
    contacts: ['zg-peters'],
    internal: [HOUSING, PROJECTS],
    interests: ['zg-zorgwoningen', 'zg-uitstroom'],
    goals: ['G-ZORGWONINGEN'],
    actions: [{ what: 'Write the evaluation of the pilot Thuis in de Wijk.', who: HOUSING, due: '2026-06-30', done: '2026-06-25' }],
  },
  {
    key: 'I-WIJKSCHOUW-2026',
    on: '2026-04-21',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Wijkschouw leefbaarheid Veerwaard met politie en welzijn',
    summary: "Walk through Veerwaard with the community officer, welfare and the residents' committee. Dark back alleys and dumped waste were the main findings.",
    with: ['POL', 'WZ', 'BC'],
    contacts: ['pol-brouwer', 'wz-ouali', 'bc-kaya'],
    internal: [AREA, OFFICER],
    interests: ['pol-veiligheid'],
    goals: ['G-WOONOVERLAST'],
    actions: [
      { what: 'Install extra lighting in the back alleys of Veerwaard-Noord.', who: PROPERTY, due: '2026-07-31', done: '2026-09-15' },
      { what: 'Clear the dumping spots and agree on enforcement with the municipality.', who: AREA, due: '2026-06-30', done: '2026-06-12' },
    ],
  },
  {
    on: '2026-05-12',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad mei 2026',
    summary: 'The works council asked for a training plan so that new neighbourhood officers can handle complex cases.',
    with: ['OR'],
    contacts: ['or-smits'],
    internal: [DIRECTOR, HR],
    interests: ['or-werkdruk'],
    actions: [{ what: 'Draw up the 2027 training plan for neighbourhood officers.', who: HR, due: '2026-10-31', status: ActionStatus.IN_PROGRESS }],
  },
  {
    on: '2026-05-19',
    kind: InteractionKind.MEETING,
    subject: 'Gesprek voorzitter RvC over de stakeholderdialoog',
    summary: 'The chair of the supervisory board asked for the updated stakeholder analysis before the June meeting.',
    with: ['RVC'],
    contacts: ['rvc-veenstra'],
    internal: [SECRETARY, DIRECTOR],
    interests: ['rvc-dialoog'],
    actions: [{ what: 'Update the 2026 stakeholder analysis and send it to the supervisory board.', who: SECRETARY, due: '2026-06-15', done: '2026-06-12' }],
  },
  {
    on: '2026-05-28',
    kind: InteractionKind.MEETING,
    subject: 'Tripartiet overleg Dijkhoven: voortgang Het Brink',
    summary: 'The zoning plan for Het Brink is expected in July; construction can start in early 2027.',
    with: ['GD', 'HO', 'BVD'],
    contacts: ['gd-willems', 'gd-maas', 'ho-benali', 'bvd-vandam'],
    internal: [DIRECTOR, PROJECTS],
    interests: ['gd-aardgasvrij'],
    goals: ['G-NIEUWBOUW'],
    actions: [{ what: 'Update the Het Brink schedule once the permit is granted.', who: PROJECTS, due: '2026-07-31', done: '2026-07-30' }],
  },
  {
    on: '2026-06-09',
    kind: InteractionKind.EVENT,
    subject: 'Belanghebbendenavond 2026: Wonen en zorg in de wijk',
    summary:
      'Stakeholder evening on housing and care in the neighbourhood. Mrs Timmer spoke about her experience; the works council presented the new neighbourhood teams.',
    with: ['HO', 'GR', 'GD', 'ZG', 'WZ', 'POL', 'BC', 'JT', 'RVC', 'OR'],
    contacts: ['ho-hoekstra', 'gr-vermeulen', 'gd-maas', 'zg-meijer', 'wz-dewit', 'pol-post', 'bc-vanbeek', 'jt-timmer', 'rvc-prins', 'or-smits'],
    internal: [DIRECTOR, SECRETARY, HOUSING, COMMS],
    interests: ['zg-uitstroom', 'gr-doelgroepen', 'bc-renovatie'],
    goals: ['G-TEVREDENHEID', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
    actions: [{ what: 'Publish the report with a response to every point raised.', who: COMMS, due: '2026-06-30', done: '2026-06-29' }],
  },
  {
    on: '2026-06-24',
    kind: InteractionKind.PUBLICATION,
    subject: 'Jaarverslag 2025 met verantwoording aan belanghebbenden',
    summary: 'The 2025 annual report was published, including the results of all goals in the performance agreements.',
    with: ['HO', 'GR', 'GD', 'AW', 'WSW'],
    internal: [SECRETARY, CONTROLLER, COMMS],
    goals: ALL_GOALS,
  },
  {
    on: '2026-06-30',
    kind: InteractionKind.LETTER,
    subject: 'Bod 2027 aan gemeente Rivierstad',
    summary: 'Offer for 2027, including the accelerated Molenakker phase 2 from the recovery plan.',
    with: ['GR', 'HO'],
    contacts: ['gr-kramer'],
    internal: [DIRECTOR, HOUSING],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL', 'G-HUURNIVEAU', 'G-WOONOVERLAST'],
    actions: [{ what: 'Explain the offer in the tripartite meeting.', who: SECRETARY, due: '2026-09-30', done: '2026-09-17' }],
  },
  {
    on: '2026-06-30',
    kind: InteractionKind.LETTER,
    subject: 'Bod 2027 aan gemeente Dijkhoven',
    summary: 'Offer for 2027 for Dijkhoven with Het Brink and the first phase of the heat network.',
    with: ['GD', 'HO'],
    contacts: ['gd-maas'],
    internal: [DIRECTOR, HOUSING],
    goals: ['G-NIEUWBOUW', 'G-ENERGIELABEL'],
  },
  {
    on: '2026-07-07',
    kind: InteractionKind.EMAIL,
    subject: 'Reactie huurdersvereniging op bod 2027',
    summary: "The tenants' organisation supports the offer but wants the housing-cost guarantee written into the 2027 schedule.",
    with: ['HO'],
    contacts: ['ho-benali'],
    internal: [HOUSING],
    interests: ['ho-betaalbaarheid', 'ho-verduurzaming'],
    actions: [{ what: "Process the tenants' organisation's reaction in the offer.", who: HOUSING, due: '2026-08-31', done: '2026-08-27' }],
  },
  {
    on: '2026-08-25',
    kind: InteractionKind.SITE_VISIT,
    subject: 'Werkbezoek wethouder aan nieuwbouw Molenakker fase 2',
    summary: 'The alderman saw the start of phase 2 and asked whether delivery can be brought forward by a quarter.',
    with: ['GR', 'BVD'],
    contacts: ['gr-vermeulen', 'bvd-vandam'],
    internal: [DIRECTOR, PROJECTS],
    interests: ['gr-nieuwbouw', 'bvd-bouwkosten'],
    goals: ['G-NIEUWBOUW'],
    actions: [{ what: 'Work out a proposal to speed up Molenakker phase 2.', who: PROJECTS, due: '2026-10-15', status: ActionStatus.IN_PROGRESS }],
  },
  {
    on: '2026-09-08',
    kind: InteractionKind.MEETING,
    subject: 'Overlegvergadering ondernemingsraad september 2026',
    summary: 'The evaluation of the neighbourhood teams is positive; the works council asked for early information on the 2027 budget.',
    with: ['OR'],
    contacts: ['or-smits', 'or-huisman'],
    internal: [DIRECTOR, HR],
    actions: [{ what: 'Send the works council the main points of the 2027 budget.', who: CONTROLLER, due: '2026-11-01', done: '2026-10-30' }],
  },
  {
    on: '2026-09-17',
    kind: InteractionKind.MEETING,
    subject: 'Tripartiet overleg Rivierstad: jaarschijf 2027',
    summary: 'Talks on the 2027 schedule. The municipality repeated its request for more homes for urgent groups.',
    with: ['GR', 'HO'],
    contacts: ['gr-kramer', 'ho-hoekstra', 'ho-benali'],
    internal: [DIRECTOR, HOUSING, SECRETARY],
    interests: ['gr-doelgroepen', 'ho-betaalbaarheid'],
    goals: ['G-NIEUWBOUW', 'G-HUURNIVEAU', 'G-ZORGWONINGEN', 'G-WOONOVERLAST'],
    actions: [
      { what: 'Draft the 2027 schedule of the performance agreements.', who: SECRETARY, due: '2026-10-30', done: '2026-11-04' },
      { what: 'Work out agreements on housing urgent groups for 2027.', who: HOUSING, due: '2026-11-13' },
    ],
  },
  {
    on: '2026-09-22',
    kind: InteractionKind.SURVEY,
    subject: 'Huurderstevredenheidsonderzoek 2026',
    summary: 'Yearly panel survey among tenants; the results are being analysed per neighbourhood.',
    with: ['HO'],
    internal: [PARTICIPATION, COMMS],
    goals: ['G-TEVREDENHEID'],
    actions: [
      {
        what: "Share the survey results with the tenants' organisation and the residents' committees.",
        who: PARTICIPATION,
        due: '2026-11-30',
        status: ActionStatus.IN_PROGRESS,
      },
    ],
  },
  {
    key: 'I-CASUS-2026-10',
    on: '2026-10-06',
    kind: InteractionKind.MEETING,
    subject: 'Casusoverleg woonoverlast en evaluatie convenant',
    summary:
      'Quarterly case meeting with a first look back on the covenant. The welfare organisation asked for multi-year funding of neighbour mediation.',
    with: ['POL', 'WZ', 'GR'],
    contacts: ['pol-brouwer', 'wz-ouali', 'gr-kramer'],
    internal: [HOUSING, OFFICER],
    interests: ['pol-veiligheid'],
    goals: ['G-WOONOVERLAST'],
    actions: [
      { what: 'Write the evaluation of the Convenant Woonoverlast.', who: HOUSING, due: '2026-12-15' },
      { what: 'Align the registration of nuisance cases with the police figures.', who: AREA, due: '2027-01-31' },
    ],
  },
  {
    on: '2026-10-13',
    kind: InteractionKind.LETTER,
    subject: 'Toezichtbrief Autoriteit woningcorporaties 2026',
    summary: 'The yearly supervisory letter: no interventions; attention asked for the delay in new construction.',
    with: ['AW'],
    contacts: ['aw-vanleeuwen'],
    internal: [DIRECTOR, CONTROLLER],
    interests: ['aw-governance'],
    goals: ['G-NIEUWBOUW'],
    actions: [{ what: 'Send a response to the 2026 supervisory letter.', who: DIRECTOR, due: '2026-12-01' }],
  },
  {
    on: '2026-10-20',
    kind: InteractionKind.MEETING,
    subject: 'Jaarlijks gesprek RvC met huurdersvereniging',
    summary: "The chair and the tenants' commissioner met the board of the tenants' organisation on affordability and the new-build delay.",
    with: ['RVC', 'HO'],
    contacts: ['rvc-veenstra', 'rvc-prins', 'ho-hoekstra'],
    internal: [SECRETARY],
    interests: ['rvc-dialoog', 'ho-betaalbaarheid'],
    actions: [{ what: 'Put the report of the talk on the agenda of the supervisory board.', who: SECRETARY, due: '2026-11-19', done: '2026-11-19' }],
  },
  {
    on: '2026-10-27',
    kind: InteractionKind.MEETING,
    subject: 'Overleg bewonerscommissie Veerwaard-Noord: een jaar na de renovatie',
    summary: "The residents' committee is satisfied with the lighting but reports draughts in some renovated homes.",
    with: ['BC'],
    contacts: ['bc-vanbeek', 'bc-kaya'],
    internal: [PROPERTY, OFFICER],
    interests: ['bc-renovatie', 'bc-verlichting'],
    goals: ['G-ENERGIELABEL', 'G-TEVREDENHEID'],
    actions: [{ what: 'Visit all renovated homes for an after-care check.', who: OFFICER, due: '2026-12-18' }],
  },
  {
    on: '2026-11-03',
    kind: InteractionKind.MEETING,
    subject: 'Kwartaaloverleg Zorggroep: vervolg Wonen met Zorg',
    summary: 'The care-home goal was reached; both parties want to extend the cooperation beyond March 2027.',
    with: ['ZG'],
    contacts: ['zg-meijer', 'zg-peters'],
    internal: [DIRECTOR, HOUSING],
    interests: ['zg-uitstroom'],
    goals: ['G-ZORGWONINGEN'],
    actions: [{ what: 'Propose an extension of the Wonen met Zorg cooperation agreement.', who: HOUSING, due: '2027-01-31' }],
  },
  {
    on: '2026-11-10',
    kind: InteractionKind.PHONE,
    subject: 'WSW: toelichting borgbaarheid en investeringsplannen',
    summary: 'The relationship manager asked for the updated investment plan ahead of the 2027 risk assessment.',
    with: ['WSW'],
    contacts: ['wsw-dekker'],
    internal: [CONTROLLER],
    interests: ['wsw-borgbaarheid'],
    actions: [{ what: 'Send the 2027–2031 investment plan to the WSW.', who: CONTROLLER, due: '2026-11-20', status: ActionStatus.IN_PROGRESS }],
  },
  {
    on: '2026-11-17',
    kind: InteractionKind.EMAIL,
    subject: 'Uitnodiging mevrouw Timmer voor klankbordgroep onderhoud',
    summary: 'Mrs Timmer accepted the invitation to join the new tenants\' sounding board on maintenance.',
    with: ['JT'],
    contacts: ['jt-timmer'],
    internal: [PARTICIPATION],
    interests: ['jt-schimmel'],
    actions: [{ what: 'Hold the first meeting of the maintenance sounding board.', who: PARTICIPATION, due: '2027-01-15' }],
  },
  {
    on: '2026-11-20',
    kind: InteractionKind.MEETING,
    subject: 'Overleg huurdersvereniging: concept jaarschijf 2027',
    summary: "The tenants' organisation agreed to the draft 2027 schedule subject to the housing-cost guarantee being included.",
    with: ['HO'],
    contacts: ['ho-hoekstra', 'ho-benali'],
    internal: [HOUSING, SECRETARY],
    interests: ['ho-verduurzaming'],
    goals: ['G-NIEUWBOUW', 'G-HUURNIVEAU'],
    actions: [{ what: 'Prepare the final 2027 schedule for signing.', who: SECRETARY, due: '2026-12-10' }],
  },
];

// ---------------------------------------------------------------------------------------

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (!value) throw new Error(`Demo seed: unknown ${what} "${key}"`);
  return value;
}

/**
 * Builds the demo organisation "Woonstichting De Rivierstad" in one flush. Ensures the
 * default categories first. Not idempotent: running it twice creates the demo twice.
 */
export async function seedDemo(em: EntityManager): Promise<void> {
  await ensureDefaultCategories(em);
  await ensureExampleOperations(em);
  const categoryKeys = [...new Set(STAKEHOLDERS.map((s) => s.category))];
  const categories = new Map(
    (await em.find(StakeholderCategory, { key: { $in: categoryKeys } })).map((c) => [c.key, c] as const),
  );

  const entities: object[] = [];
  const stakeholders = new Map<string, Stakeholder>();
  const contacts = new Map<string, ContactPerson>();
  const contactOwner = new Map<string, string>();

  for (const spec of STAKEHOLDERS) {
    const s = new Stakeholder();
    s.kind = spec.kind;
    s.name = spec.name;
    s.category = lookup(categories, spec.category, 'category');
    s.description = spec.description;
    s.website = spec.website ?? null;
    s.relationshipOwner = spec.owner;
    s.phase = spec.phase;
    stakeholders.set(spec.key, s);
    entities.push(s);

    for (const tag of spec.tags) {
      const t = new StakeholderTag();
      t.stakeholder = s;
      t.tag = tag;
      s.tagRecords.add(t);
      entities.push(t);
    }
    for (const c of spec.contacts) {
      const p = new ContactPerson();
      p.stakeholder = s;
      p.name = c.name;
      p.role = c.role;
      p.email = c.email ?? null;
      p.phone = c.phone ?? null;
      p.contactPermitted = c.contactPermitted ?? true;
      s.contacts.add(p);
      contacts.set(c.key, p);
      contactOwner.set(c.key, spec.key);
      entities.push(p);
    }
    for (const [assessedOn, power, interest, attributes, note] of spec.assessments) {
      const a = new StakeholderAssessment();
      a.stakeholder = s;
      a.assessedOn = assessedOn;
      a.power = power;
      a.interest = interest;
      a.hasPower = attributes.includes('P');
      a.hasLegitimacy = attributes.includes('L');
      a.hasUrgency = attributes.includes('U');
      a.assessedBy = SECRETARY;
      a.note = note;
      s.assessments.add(a);
      entities.push(a);
    }
  }

  const goals = new Map<string, StrategicGoal>();
  for (const spec of GOALS) {
    const g = new StrategicGoal();
    g.title = spec.title;
    g.description = spec.description;
    g.periodStart = spec.periodStart;
    g.periodEnd = spec.periodEnd;
    g.owner = spec.owner;
    g.status = spec.status;
    const kpi = new Kpi();
    kpi.indicator = spec.kpi.indicator;
    kpi.unit = spec.kpi.unit;
    kpi.baseline = spec.kpi.baseline;
    kpi.target = spec.kpi.target;
    g.kpi = kpi;
    g.stakeholders.set(spec.stakeholders.map((k) => lookup(stakeholders, k, 'stakeholder')));
    for (const [measuredOn, value, note] of spec.measurements) {
      const m = new GoalMeasurement();
      m.goal = g;
      m.measuredOn = measuredOn;
      m.value = value;
      m.note = note ?? null;
      g.measurements.add(m);
      entities.push(m);
    }
    goals.set(spec.key, g);
    entities.push(g);
  }

  for (const spec of AGREEMENTS) {
    const a = new Agreement();
    a.title = spec.title;
    a.kind = spec.kind;
    a.description = spec.description;
    a.signedOn = spec.signedOn;
    a.validFrom = spec.validFrom;
    a.validUntil = spec.validUntil;
    a.documentReference = spec.documentReference;
    a.parties.set(spec.parties.map((k) => lookup(stakeholders, k, 'stakeholder')));
    a.goals.set(spec.goals.map((k) => lookup(goals, k, 'goal')));
    entities.push(a);
  }

  const interactions = new Map<string, Interaction>();
  const interactionSpecs = new Map<string, InteractionSpec>();
  const interactionsInOrder: [InteractionSpec, Interaction][] = [];
  for (const spec of INTERACTIONS) {
    const i = new Interaction();
    i.occurredOn = spec.on;
    i.kind = spec.kind;
    i.subject = spec.subject;
    i.summary = spec.summary;
    i.internalParticipants = [...spec.internal];
    i.stakeholders.set(spec.with.map((k) => lookup(stakeholders, k, 'stakeholder')));
    for (const c of spec.contacts ?? []) {
      // A contact person always belongs to one of the interaction's stakeholders.
      if (!spec.with.includes(lookup(contactOwner, c, 'contact person'))) {
        throw new Error(`Demo seed: contact "${c}" is not at a stakeholder of "${spec.subject}"`);
      }
      i.contactPersons.add(lookup(contacts, c, 'contact person'));
    }
    i.goals.set((spec.goals ?? []).map((k) => lookup(goals, k, 'goal')));
    for (const a of spec.actions ?? []) {
      const f = new FollowUpAction();
      f.interaction = i;
      f.description = a.what;
      f.assignee = a.who;
      f.dueOn = a.due;
      f.status = a.done ? ActionStatus.DONE : (a.status ?? ActionStatus.OPEN);
      f.completedOn = a.done ?? null;
      i.followUpActions.add(f);
      entities.push(f);
    }
    if (spec.key) {
      interactions.set(spec.key, i);
      interactionSpecs.set(spec.key, spec);
    }
    interactionsInOrder.push([spec, i]);
    entities.push(i);
  }

  const interests = new Map<string, Interest>();
  for (const spec of INTERESTS) {
    const n = new Interest();
    n.stakeholder = lookup(stakeholders, spec.stakeholder, 'stakeholder');
    n.topic = spec.topic;
    n.description = spec.description;
    n.importance = spec.importance;
    n.stance = spec.stance;
    n.status = spec.status;
    if (spec.raisedIn) {
      const raisedIn = lookup(interactions, spec.raisedIn, 'interaction');
      const raisedSpec = lookup(interactionSpecs, spec.raisedIn, 'interaction');
      if (!raisedSpec.with.includes(spec.stakeholder)) {
        throw new Error(`Demo seed: interest "${spec.key}" raised in an interaction without its stakeholder`);
      }
      n.raisedIn = raisedIn;
      n.identifiedOn = raisedSpec.on;
      raisedIn.interests.add(n);
    } else {
      if (!spec.identifiedOn) throw new Error(`Demo seed: interest "${spec.key}" needs identifiedOn or raisedIn`);
      n.identifiedOn = spec.identifiedOn;
    }
    n.response = spec.response ?? null;
    n.respondedOn = spec.respondedOn ?? null;
    n.goals.set((spec.goals ?? []).map((k) => lookup(goals, k, 'goal')));
    interests.set(spec.key, n);
    entities.push(n);
  }

  for (const [spec, i] of interactionsInOrder) {
    for (const key of spec.interests ?? []) {
      const n = lookup(interests, key, 'interest');
      const owner = INTERESTS.find((x) => x.key === key)!.stakeholder;
      if (!spec.with.includes(owner)) {
        throw new Error(`Demo seed: interest "${key}" discussed in "${spec.subject}" without its stakeholder`);
      }
      if (!i.interests.contains(n, false)) i.interests.add(n);
    }
  }

  em.persist(entities);
  await em.flush();
  await seedDemoAccountability(em, new Map([...stakeholders].map(([key, s]) => [key, s.id])));
  await seedDemoCommitments(em, interactions, stakeholders, contacts);
  await seedDemoUsers(em);
}

/** The demo's users and their public tokens (see DEMO_TOKENS and the README). */
async function seedDemoUsers(em: EntityManager): Promise<void> {
  const access = new AccessService();
  const secretary = await access.createUser(em, { name: SECRETARY, email: 'bestuurssecretaris@derivierstad.example.nl', role: UserRole.ADMIN });
  const dashboard = await access.createUser(em, { name: 'Dashboard raad van commissarissen', email: 'dashboard-rvc@derivierstad.example.nl', role: UserRole.VIEWER, kind: UserKind.SERVICE });
  access.createToken(em, secretary, { name: 'Demo: bestuurssecretaris', access: TokenAccess.READ_WRITE }, clock.now(), DEMO_TOKENS.secretary);
  access.createToken(em, dashboard, { name: 'Demo: dashboard RvC', access: TokenAccess.READ_ONLY }, clock.now(), DEMO_TOKENS.dashboard);
  await em.flush();
}
