import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { loadCatalogue } from '../seeds/catalogue.seeder';
import { ensureDefaultCategories } from '../seeds/categories.seeder';
import type { DatabaseKind } from '../src/config';
import { AccountabilityForm } from '../src/modules/accountability/accountability.enums';
import { dueDates } from '../src/modules/accountability/moment-schedule';
import { Application, MomentStatus, momentStatus } from '../src/modules/accountability/moment-status';
import { AgreementKind } from '../src/modules/agreement/agreement.enums';
import { CodeProvision } from '../src/modules/governance/code-provision.entity';
import { ActionStatus, InteractionKind } from '../src/modules/interaction/interaction.enums';
import { Importance, InterestStatus, Stance } from '../src/modules/interest/interest.enums';
import { StakeholderCategory } from '../src/modules/stakeholder/stakeholder-category.entity';
import { RelationshipPhase, StakeholderKind } from '../src/modules/stakeholder/stakeholder.enums';
import { GoalStatus } from '../src/modules/strategic-goal/strategic-goal.enums';
import { addDays, daysBetween, type LocalDate } from '../src/shared/dates';
import { BulkInserter, type Row, type Value } from './bulk-inserter';
import { Random } from './random';

/** The day the register is told from, as in the demo: moments before it are history, after it planned. */
export const REFERENCE_DATE = '2026-11-23';
/** Moments are planned a year ahead; every obligation's planned_until is this day. */
export const HORIZON = '2027-11-23';
const FIRST_DAY = '2023-01-01';

export interface RegisterSize {
  stakeholders: number;
  interactions: number;
  obligations: number;
  moments: number;
}

export interface BuildFacts {
  /** Moment status as of REFERENCE_DATE, counted while generating. */
  momentStatus: Record<MomentStatus, number>;
  momentsDueBeforeReference: number;
  stakeholdersCreatedBefore2024: number;
}

// Vocabulary: fictional places and people, as in the demo organisation.
const PLACES = ['Rivierstad', 'Dijkhoven', 'Beekveld', 'Molenwaard', 'Zandhoven', 'Heerlo', 'Brugwijk', 'Oosterveen', 'Lindeburg', 'Kerkdorp', 'Veldhuizen', 'Waterdam', 'Hoogkerk', 'Eikenrode', 'Marsdijk', 'Broekhuizen', 'Nieuwland', 'Polderwijk', 'Sluisbergen', 'Wilgendaal'];
const DISTRICTS = ['Centrum', 'Noord', 'Zuid', 'Oost', 'West', 'De Hoven', 'Kerkbuurt', 'Het Brink', 'Stationskwartier', 'Havenkwartier'];
const FIRST_NAMES = ['Anna', 'Bram', 'Chantal', 'Daan', 'Emma', 'Fatima', 'Gert', 'Hanneke', 'Ilse', 'Jeroen', 'Karim', 'Lotte', 'Mehmet', 'Noor', 'Pieter', 'Roos', 'Sanne', 'Thijs', 'Yara', 'Willem'];
const LAST_NAMES = ['de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Dijk', 'Yilmaz', 'El Amrani', 'Kramer', 'Dekker', 'van Leeuwen', 'Willems'];
const ROLES = ['Voorzitter', 'Secretaris', 'Penningmeester', 'Bestuurslid', 'Wethouder', 'Beleidsadviseur', 'Directeur', 'Accountmanager', 'Projectleider', 'Contactpersoon'];
const COLLEAGUES = ['Directeur-bestuurder', 'Bestuurssecretaris', 'Manager Wonen', 'Manager Vastgoed', 'Controller', 'Gebiedsregisseur', 'Wijkconsulent', 'Projectleider nieuwbouw', 'Adviseur participatie', 'Communicatieadviseur'];
const TOPICS = ['huurbeleid', 'betaalbaarheid', 'verduurzaming', 'nieuwbouw', 'onderhoud', 'leefbaarheid', 'woonoverlast', 'toewijzing', 'zorg en wonen', 'participatie', 'energiekosten', 'renovatie', 'wachttijden', 'veiligheid', 'dienstverlening', 'kwaliteit van zorg', 'personeelstekort', 'onderwijskwaliteit', 'stageplaatsen', 'governance', 'financiële continuïteit', 'klachtafhandeling', 'groen en openbare ruimte', 'aardgasvrij'];
const TAGS = ['prestatieafspraken', 'overlegwet', 'huurbeleid', 'verduurzaming', 'nieuwbouw', 'leefbaarheid', 'woonoverlast', 'zorg', 'onderwijs', 'toezicht', 'governance', 'financiering', 'participatie', 'wijkaanpak', 'aardgasvrij', 'kleine-kernen', 'wmcz', 'cao', 'inkoop', 'communicatie'];
const KPIS: [string, string, number, number][] = [
  ['Woningen verduurzaamd naar label B', 'woningen', 0, 800],
  ['Nieuwbouwwoningen opgeleverd', 'woningen', 0, 400],
  ['Tevredenheid huurders', 'rapportcijfer', 6.8, 7.5],
  ['Slaagkans woningzoekenden', '%', 18, 25],
  ['Overleggen met de huurdersorganisatie', 'bijeenkomsten', 0, 24],
  ['Stageplaatsen', 'plaatsen', 120, 200],
  ['Gemiddelde wachttijd', 'maanden', 60, 48],
];
// Most stakeholders are tenants, neighbours, partners and suppliers; few are municipalities.
const CATEGORY_WEIGHT: Record<string, number> = { huurder: 8, omwonenden: 6, bewonerscommissie: 5, leverancier: 4, 'maatschappelijke-partner': 4, 'zorg-en-welzijnspartner': 3, werkveld: 3, naasten: 3, ouders: 3 };
const PERSON_CATEGORIES = new Set(['huurder', 'naasten', 'ouders']);
const GROUP_CATEGORIES = new Set(['omwonenden', 'woningzoekenden', 'medewerkers', 'bewonerscommissie']);
const AGREEMENT_LABELS: Record<AgreementKind, string> = {
  PERFORMANCE_AGREEMENT: 'Prestatieafspraken', COVENANT: 'Convenant', COOPERATION_AGREEMENT: 'Samenwerkingsovereenkomst',
  PARTICIPATION_AGREEMENT: 'Participatieafspraken', SERVICE_AGREEMENT: 'Dienstverleningsovereenkomst', LETTER_OF_INTENT: 'Intentieverklaring', OTHER: 'Afspraak',
};
const INTERACTION_LABELS: Record<InteractionKind, string> = {
  MEETING: 'Overleg', CONSULTATION: 'Consultatie', LETTER: 'Brief', EMAIL: 'E-mail', PHONE: 'Telefoongesprek',
  EVENT: 'Bijeenkomst', SITE_VISIT: 'Werkbezoek', SURVEY: 'Enquête', PUBLICATION: 'Publicatie',
};
const FORM_TITLES: Record<AccountabilityForm, string> = {
  ANNUAL_REPORT: 'Jaarverslag', MEETING: 'Periodiek overleg', CONSULTATION: 'Consultatie', WRITTEN_REPORT: 'Voortgangsrapportage',
  PUBLICATION: 'Publicatie', VISITATION: 'Visitatie', ADVICE_OR_CONSENT_REQUEST: 'Adviesaanvraag', OTHER: 'Verantwoording',
};
const F = AccountabilityForm;
/** [rule, occurrences per year, share of obligations, forms that go with it] */
const RULES: [string, number, number, AccountabilityForm[]][] = [
  ['FREQ=WEEKLY;BYDAY=MO', 52, 0.08, [F.MEETING]],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', 26, 0.17, [F.MEETING, F.CONSULTATION]],
  ['FREQ=MONTHLY', 12, 0.2, [F.MEETING, F.WRITTEN_REPORT]],
  ['FREQ=MONTHLY;BYMONTHDAY=-1', 12, 0.15, [F.WRITTEN_REPORT, F.PUBLICATION]],
  ['FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=15', 6, 0.1, [F.MEETING, F.OTHER]],
  ['FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', 4, 0.12, [F.WRITTEN_REPORT, F.ADVICE_OR_CONSENT_REQUEST, F.CONSULTATION]],
  ['FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', 2, 0.05, [F.WRITTEN_REPORT, F.MEETING]],
  ['FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', 1, 0.05, [F.ANNUAL_REPORT, F.PUBLICATION]],
  ['FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=31', 1, 0.03, [F.ANNUAL_REPORT]],
];
const ONE_OFF_SHARE = 0.05;
const ONE_OFF_FORMS = [F.VISITATION, F.CONSULTATION, F.ADVICE_OR_CONSENT_REQUEST];
const MEETING_FORMS = new Set([F.MEETING, F.CONSULTATION, F.ADVICE_OR_CONSENT_REQUEST, F.VISITATION]);

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);
const minDay = (a: LocalDate, b: LocalDate) => (a < b ? a : b);

/**
 * Fills a freshly migrated database with a register of the given size: default categories
 * and the governance-code catalogue through the ORM (small), everything else as bulk inserts
 * in one transaction. Deterministic for a given seed. Column formats are what MikroORM itself
 * writes: on SQLite `type: Date` columns hold epoch milliseconds (integers) and `date`
 * columns 'YYYY-MM-DD' text, booleans 0/1, json text; on PostgreSQL timestamptz, date,
 * boolean and jsonb.
 */
export async function buildRegister(orm: MikroORM, kind: DatabaseKind, size: RegisterSize, seed = 20261123): Promise<BuildFacts> {
  await ensureDefaultCategories(orm.em.fork());
  await loadCatalogue(orm.em.fork());
  const em = orm.em.fork();
  const categories = await em.find(StakeholderCategory, {}, { orderBy: { key: 'asc' } });
  const provisions = (await em.find(CodeProvision, {}, { orderBy: { id: 'asc' } })).map((p) => p.id);

  const r = new Random(seed);
  const sqlite = kind === 'sqlite';
  const timestamp = (ms: number): Value => (sqlite ? ms : new Date(ms).toISOString());
  const bool = (b: boolean): Value => (sqlite ? (b ? 1 : 0) : b);
  /** A moment during office hours on `day`. */
  const at = (day: LocalDate) => Date.parse(`${day}T07:00:00Z`) + r.int(0, 10 * 3600) * 1000;
  const randomDay = (from: LocalDate, to: LocalDate) => addDays(from, r.int(0, daysBetween(from, to)));
  // The columns every entity has, then its own: spread last, because `{ ...base(), a, b }`
  // builds a dictionary-mode object, some 20 times slower to make (measured here).
  const entity = (fields: Row, createdMs: number, updatedMs = createdMs, archivedMs: number | null = null) => ({
    id: r.uuid(),
    created_at: timestamp(createdMs),
    updated_at: timestamp(updatedMs),
    archived_at: archivedMs == null ? null : timestamp(archivedMs),
    ...fields,
  });
  const person = () => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
  const facts: BuildFacts = {
    momentStatus: Object.fromEntries(Object.values(MomentStatus).map((s) => [s, 0])) as Record<MomentStatus, number>,
    momentsDueBeforeReference: 0,
    stakeholdersCreatedBefore2024: 0,
  };

  await (em as SqlEntityManager).getKnex().transaction(async (trx) => {
    const ins = new BulkInserter(trx, kind);

    // Stakeholders, their tags, contacts and assessments.
    const categoryWeights = categories.map((c) => [c, CATEGORY_WEIGHT[c.key] ?? 1] as const);
    const stakeholders: string[] = [];
    const organisations: number[] = [];
    const names = new Map<string, number>();
    for (let i = 0; i < size.stakeholders; i++) {
      const category = r.weighted(categoryWeights);
      const label = category.name.split(' (')[0].split(' / ')[0].split(' of ')[0];
      const place = r.pick(PLACES);
      const stakeholderKind = PERSON_CATEGORIES.has(category.key) ? StakeholderKind.PERSON : GROUP_CATEGORIES.has(category.key) ? StakeholderKind.GROUP : StakeholderKind.ORGANISATION;
      let name = stakeholderKind === StakeholderKind.PERSON ? person() : stakeholderKind === StakeholderKind.GROUP ? `${label} ${place}-${r.pick(DISTRICTS)}` : `${label} ${place}`;
      const seen = (names.get(name) ?? 0) + 1;
      names.set(name, seen);
      if (seen > 1) name = `${name} (${seen})`;
      const created = randomDay(FIRST_DAY, '2025-12-31');
      if (created < '2024-01-01') facts.stakeholdersCreatedBefore2024++;
      const updated = randomDay(created, REFERENCE_DATE);
      const row = entity({
        kind: stakeholderKind,
        name,
        category_id: category.id,
        description: r.chance(0.5) ? `${label} in ${place}, betrokken bij ${r.pick(TOPICS)}.` : null,
        website: stakeholderKind === StakeholderKind.ORGANISATION && r.chance(0.6) ? `https://www.${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example.nl` : null,
        relationship_owner: r.chance(0.8) ? r.pick(COLLEAGUES) : null,
        phase: r.weighted([[RelationshipPhase.ATTRACT, 1], [RelationshipPhase.DEVELOP, 4], [RelationshipPhase.RETAIN, 4], [RelationshipPhase.PHASE_OUT, 1]]),
      }, at(created), at(updated), r.chance(0.02) ? at(updated) : null);
      ins.add('stakeholder', row);
      stakeholders.push(row.id);
      if (stakeholderKind !== StakeholderKind.PERSON) organisations.push(i);
      for (const tag of r.sample(TAGS, r.int(0, 4))) ins.add('stakeholder_tag', { id: r.uuid(), stakeholder_id: row.id, tag });
      if (ins.full) await ins.flush();
    }
    const contactsOf = new Map<number, string[]>();
    for (let i = 0; i < Math.round(size.stakeholders * 0.3); i++) {
      const owner = r.pickSkewed(organisations, 1.5);
      const [first, last] = [r.pick(FIRST_NAMES), r.pick(LAST_NAMES)];
      const row = entity({
        stakeholder_id: stakeholders[owner],
        name: `${first} ${last}`,
        role: r.pick(ROLES),
        email: r.chance(0.8) ? `${first}.${last}@example.nl`.toLowerCase().replace(/ /g, '') : null,
        phone: r.chance(0.5) ? `0${r.int(10, 99)}-${r.int(1000000, 9999999)}` : null,
        contact_permitted: bool(r.chance(0.95)),
      }, at(randomDay(FIRST_DAY, REFERENCE_DATE)), undefined, r.chance(0.03) ? at(REFERENCE_DATE) : null);
      ins.add('contact_person', row);
      if (!contactsOf.has(owner)) contactsOf.set(owner, []);
      contactsOf.get(owner)!.push(row.id);
      if (ins.full) await ins.flush();
    }
    for (const stakeholderId of stakeholders) {
      if (!r.chance(0.8)) continue;
      let day = randomDay(FIRST_DAY, '2025-06-30');
      const [power, interest] = [r.int(1, 5), r.int(1, 5)];
      for (let a = r.int(1, 3); a > 0 && day <= REFERENCE_DATE; a--, day = addDays(day, r.int(120, 400))) {
        ins.add('stakeholder_assessment', entity({
          stakeholder_id: stakeholderId,
          assessed_on: day,
          power: Math.min(5, Math.max(1, power + r.int(-1, 1))),
          interest: Math.min(5, Math.max(1, interest + r.int(-1, 1))),
          has_power: bool(power >= 4 || r.chance(0.2)),
          has_legitimacy: bool(r.chance(0.8)),
          has_urgency: bool(r.chance(0.3)),
          assessed_by: r.pick(COLLEAGUES),
          note: r.chance(0.4) ? `Beoordeeld na overleg over ${r.pick(TOPICS)}.` : null,
        }, at(day)));
      }
      if (ins.full) await ins.flush();
    }

    // Strategic goals with KPIs and measurements; agreements with parties and goals.
    const goals: string[] = [];
    for (let g = 0; g < Math.max(10, Math.round(size.stakeholders / 50)); g++) {
      const start = r.pick(['2023-01-01', '2024-01-01', '2025-01-01']);
      const end = r.chance(0.9) ? addDays(`${Number(start.slice(0, 4)) + r.int(2, 4)}-01-01`, -1) : null;
      const kpi = r.chance(0.85) ? r.pick(KPIS) : null;
      const row = entity({
        title: `${capitalise(r.pick(TOPICS))} in ${r.pick(PLACES)}`,
        description: r.chance(0.6) ? 'Samen met de betrokken partijen afgesproken doel.' : null,
        period_start: start,
        period_end: end,
        owner: r.pick(COLLEAGUES),
        status: r.weighted([[GoalStatus.ACTIVE, 14], [GoalStatus.ACHIEVED, 2], [GoalStatus.PROPOSED, 1], [GoalStatus.NOT_ACHIEVED, 1], [GoalStatus.CANCELLED, 1]]),
        kpi_indicator: kpi?.[0] ?? null,
        kpi_unit: kpi?.[1] ?? null,
        kpi_baseline: kpi?.[2] ?? null,
        kpi_target: kpi?.[3] ?? null,
      }, at(start));
      ins.add('strategic_goal', row);
      goals.push(row.id);
      if (kpi) {
        const last = minDay(REFERENCE_DATE, end ?? REFERENCE_DATE);
        for (let day = addDays(start, 90); day <= last; day = addDays(day, 91)) {
          const share = daysBetween(start, day) / daysBetween(start, end ?? HORIZON);
          ins.add('goal_measurement', entity({
            goal_id: row.id,
            measured_on: day,
            value: Math.round((kpi[2] + (kpi[3] - kpi[2]) * share * (0.6 + r.next() * 0.6)) * 10) / 10,
            note: null,
          }, at(day)));
        }
      }
      for (const s of r.sample(stakeholders, r.int(2, 6), (l) => r.pickSkewed(l))) {
        ins.add('strategic_goal_stakeholders', { strategic_goal_id: row.id, stakeholder_id: s });
      }
      if (ins.full) await ins.flush();
    }
    const agreements: string[] = [];
    for (let a = 0; a < Math.max(5, Math.round(size.stakeholders / 20)); a++) {
      const agreementKind = r.weighted(Object.values(AgreementKind).map((k) => [k, k === AgreementKind.PERFORMANCE_AGREEMENT ? 3 : 1] as const));
      const year = r.int(2022, 2026);
      const validFrom = `${year}-01-01`;
      const signedOn = addDays(validFrom, -r.int(0, 30));
      const row = entity({
        title: `${AGREEMENT_LABELS[agreementKind]} ${r.pick(PLACES)} ${year}–${year + 3}`,
        kind: agreementKind,
        description: r.chance(0.5) ? `Afspraken over ${r.pick(TOPICS)} en ${r.pick(TOPICS)}.` : null,
        signed_on: signedOn,
        valid_from: validFrom,
        valid_until: r.chance(0.8) ? `${year + 3}-12-31` : null,
        document_reference: `DMS-${year}-${r.int(10000, 99999)}`,
      }, at(signedOn));
      ins.add('agreement', row);
      agreements.push(row.id);
      for (const s of r.sample(stakeholders, r.int(2, 4), (l) => r.pickSkewed(l))) ins.add('agreement_parties', { agreement_id: row.id, stakeholder_id: s });
      for (const g of r.sample(goals, r.int(0, 2))) ins.add('agreement_goals', { agreement_id: row.id, strategic_goal_id: g });
      if (ins.full) await ins.flush();
    }

    // Interactions with their stakeholders, contacts, goals and follow-up actions.
    const interactions: string[] = [];
    const interactionDays: LocalDate[] = [];
    const interactionsOf: number[][] = stakeholders.map(() => []);
    const interactionsOn = new Map<LocalDate, string[]>();
    const span = daysBetween(FIRST_DAY, REFERENCE_DATE);
    const stakeholderIndexes = stakeholders.map((_, i) => i);
    for (let k = 0; k < size.interactions; k++) {
      const day = addDays(FIRST_DAY, r.int(0, span));
      const interactionKind = r.weighted(Object.values(InteractionKind).map((v) => [v, v === InteractionKind.MEETING ? 5 : v === InteractionKind.EMAIL || v === InteractionKind.PHONE ? 3 : 1] as const));
      const topic = r.pick(TOPICS);
      const created = at(day) + r.int(0, 3) * 86_400_000;
      const row = entity({
        occurred_on: day,
        kind: interactionKind,
        subject: `${INTERACTION_LABELS[interactionKind]} over ${topic}`,
        summary: r.chance(0.6) ? `Besproken: ${topic}. Vervolgafspraken over ${r.pick(TOPICS)}.` : null,
        internal_participants: JSON.stringify(r.sample(COLLEAGUES, r.int(1, 2))),
      }, created, created, r.chance(0.01) ? at(REFERENCE_DATE) : null);
      ins.add('interaction', row);
      const id = row.id;
      interactions.push(id);
      interactionDays.push(day);
      if (!interactionsOn.has(day)) interactionsOn.set(day, []);
      interactionsOn.get(day)!.push(id);
      const parties = r.sample(stakeholderIndexes, r.weighted([[1, 5], [2, 3], [3, 2]]), (l) => r.pickSkewed(l, 1.5));
      for (const s of parties) {
        interactionsOf[s].push(k);
        ins.add('interaction_stakeholders', { interaction_id: id, stakeholder_id: stakeholders[s] });
      }
      const contacts = contactsOf.get(parties[0]);
      if (contacts && r.chance(0.5)) ins.add('interaction_contact_persons', { interaction_id: id, contact_person_id: r.pick(contacts) });
      if (r.chance(0.08)) ins.add('interaction_goals', { interaction_id: id, strategic_goal_id: r.pick(goals) });
      for (let n = r.weighted([[0, 50], [1, 35], [2, 15]]); n > 0; n--) {
        const due = r.chance(0.9) ? addDays(day, r.int(7, 60)) : null;
        const settled = due && due < addDays(REFERENCE_DATE, -30) ? 0.9 : 0.4;
        const status = r.chance(settled)
          ? r.weighted([[ActionStatus.DONE, 17], [ActionStatus.CANCELLED, 1]])
          : r.weighted([[ActionStatus.OPEN, 2], [ActionStatus.IN_PROGRESS, 1]]);
        const completed = status === ActionStatus.DONE ? minDay(REFERENCE_DATE, addDays(due ?? day, r.int(-10, 20))) : null;
        ins.add('follow_up_action', entity({
          interaction_id: id,
          description: `${r.pick(['Terugkoppelen', 'Uitzoeken', 'Voorstel maken voor', 'Afspraak plannen over', 'Informatie sturen over'])} ${topic}`,
          assignee: r.chance(0.8) ? r.pick(COLLEAGUES) : null,
          due_on: due,
          status,
          completed_on: completed,
        }, created, completed ? at(completed) : created));
      }
      if (ins.full) await ins.flush();
    }

    // Interests: some raised in an interaction, some answered, some addressed by goals.
    for (let s = 0; s < stakeholders.length; s++) {
      for (let n = r.weighted([[0, 2], [1, 3], [2, 3], [3, 2]]); n > 0; n--) {
        const raisedIn = interactionsOf[s].length && r.chance(0.4) ? r.pick(interactionsOf[s]) : null;
        const identified = raisedIn != null ? interactionDays[raisedIn] : randomDay(FIRST_DAY, REFERENCE_DATE);
        const status = r.weighted([[InterestStatus.RAISED, 2], [InterestStatus.UNDER_CONSIDERATION, 2], [InterestStatus.ADDRESSED, 4], [InterestStatus.DECLINED, 1], [InterestStatus.CLOSED, 1]]);
        const answered = status === InterestStatus.ADDRESSED || status === InterestStatus.DECLINED || (status === InterestStatus.UNDER_CONSIDERATION && r.chance(0.3));
        const respondedOn = answered ? minDay(REFERENCE_DATE, addDays(identified, r.int(14, 120))) : null;
        const topic = r.pick(TOPICS);
        const row = entity({
          stakeholder_id: stakeholders[s],
          topic: capitalise(topic),
          description: r.chance(0.4) ? `Zorgen en wensen rond ${topic}.` : null,
          importance: r.weighted([[Importance.LOW, 2], [Importance.MEDIUM, 4], [Importance.HIGH, 3], [Importance.CRITICAL, 1]]),
          stance: r.weighted(Object.values(Stance).map((v) => [v, v === Stance.NEUTRAL ? 3 : 2] as const)),
          status,
          identified_on: identified,
          raised_in_id: raisedIn != null ? interactions[raisedIn] : null,
          response: answered ? `Wij hebben uw inbreng over ${topic} ${status === InterestStatus.DECLINED ? 'gewogen maar niet overgenomen' : 'meegenomen in ons beleid'}.` : null,
          responded_on: respondedOn,
        }, at(identified), respondedOn ? at(respondedOn) : undefined);
        ins.add('interest', row);
        if (r.chance(0.4)) for (const g of r.sample(goals, r.int(1, 2))) ins.add('interest_goals', { interest_id: row.id, strategic_goal_id: g });
        if (raisedIn != null) {
          const discussed = new Set([raisedIn, ...(r.chance(0.3) ? [r.pick(interactionsOf[s])] : [])]);
          for (const k of discussed) ins.add('interaction_interests', { interaction_id: interactions[k], interest_id: row.id });
        }
      }
      if (ins.full) await ins.flush();
    }

    // Obligations and their moments. Each obligation gets a share of the moments in
    // proportion to how often its rule recurs, so that the total matches size.moments; its
    // moments are the last due dates its rule gives up to the horizon (or its end).
    const rules = Array.from({ length: size.obligations }, () => (r.chance(ONE_OFF_SHARE) ? null : r.weighted(RULES.map((rule) => [rule, rule[2]] as const))));
    const oneOffs = rules.filter((rule) => !rule).length;
    const yearsOfMoments = Math.max(0, size.moments - oneOffs) / Math.max(1, rules.reduce((sum, rule) => sum + (rule?.[1] ?? 0), 0));
    let planned = 0;
    for (const rule of rules) {
      const activeUntil = r.chance(0.05) ? randomDay('2025-06-01', REFERENCE_DATE) : null;
      const end = activeUntil ?? HORIZON;
      let schedule: { recurrenceRule: string | null; scheduleStart: LocalDate; dueOn: LocalDate | null; activeFrom: LocalDate; activeUntil: LocalDate | null };
      let due: LocalDate[];
      if (rule) {
        const quota = Math.round(planned + rule[1] * yearsOfMoments) - Math.round(planned);
        planned += rule[1] * yearsOfMoments;
        const scheduleStart = `${addDays(end, -Math.ceil((quota / rule[1]) * 365.25) - 60).slice(0, 7)}-01`;
        const all = dueDates({ recurrenceRule: rule[0], scheduleStart, activeFrom: scheduleStart, activeUntil }, scheduleStart, end);
        due = quota > 0 ? all.slice(-quota) : [];
        // Active from the day after the last due date left out, so the rule gives exactly these.
        const activeFrom = due.length && all.length > due.length ? addDays(all[all.length - due.length - 1], 1) : scheduleStart;
        schedule = { recurrenceRule: rule[0], scheduleStart, dueOn: null, activeFrom, activeUntil };
      } else {
        const dueOn = randomDay('2024-01-01', end);
        due = [dueOn];
        schedule = { recurrenceRule: null, scheduleStart: addDays(dueOn, -90), dueOn, activeFrom: addDays(dueOn, -90), activeUntil };
      }
      const form = r.pick(rule ? rule[3] : ONE_OFF_FORMS);
      const explainedOn = r.chance(0.08) ? randomDay(minDay(schedule.activeFrom, REFERENCE_DATE), REFERENCE_DATE) : null;
      const warningDays = r.pick([14, 30, 30, 60]);
      const audience = r.chance(0.7) ? r.sample(stakeholders, r.int(1, 3), (l) => r.pickSkewed(l, 1.5)) : [];
      const audienceCategories = !audience.length || r.chance(0.4) ? r.sample(categories, r.int(1, 2)) : [];
      const agreement = r.chance(0.3) ? r.pick(agreements) : null;
      const created = at(addDays(schedule.activeFrom, -r.int(0, 30)));
      const row = entity({
        title: `${FORM_TITLES[form]} ${audienceCategories.length ? audienceCategories[0].key.replace(/-/g, ' ') : r.pick(TOPICS)}`,
        description: r.chance(0.5) ? `Verantwoording over ${r.pick(TOPICS)}.` : null,
        agreement_id: agreement,
        form,
        responsible: r.pick(COLLEAGUES),
        recurrence_rule: schedule.recurrenceRule,
        schedule_start: schedule.scheduleStart,
        due_on: schedule.dueOn,
        warning_days: warningDays,
        active_from: schedule.activeFrom,
        active_until: activeUntil,
        planned_until: HORIZON,
      }, created, created, r.chance(0.02) ? at(REFERENCE_DATE) : null);
      ins.add('obligation', row);
      if (explainedOn) {
        // Explained from its start, decided on explainedOn (the obligation's own id, as the migration gives them).
        const explanation = `Wij passen dit niet toe: ${r.pick(['de raad heeft hiervoor een eigen overlegvorm', 'vervangen door de jaarlijkse bijeenkomst', 'niet passend bij onze omvang'])}.`;
        ins.add('obligation_application', {
          id: row.id, created_at: row.created_at, updated_at: row.created_at, archived_at: null,
          obligation_id: row.id, effective_from: schedule.activeFrom, application: Application.EXPLAIN, explanation, decided_on: explainedOn,
        });
      }
      const fromProvisions = agreement && r.chance(0.5) ? [] : r.sample(provisions, r.int(1, 2));
      for (const p of fromProvisions) ins.add('obligation_provisions', { obligation_id: row.id, code_provision_id: p });
      for (const s of audience) ins.add('obligation_audience_stakeholders', { obligation_id: row.id, stakeholder_id: s });
      for (const c of audienceCategories) ins.add('obligation_audience_categories', { obligation_id: row.id, stakeholder_category_id: c.id });

      for (const dueOn of due) {
        const { heldOn, waivedOn } = momentOutcome(r, dueOn, explainedOn);
        const applications = explainedOn ? [{ effectiveFrom: schedule.activeFrom, application: Application.EXPLAIN, decidedOn: explainedOn }] : [];
        const status = momentStatus({ dueOn, heldOn, waivedOn }, { warningDays, applications }, REFERENCE_DATE);
        facts.momentStatus[status]++;
        if (dueOn < REFERENCE_DATE) facts.momentsDueBeforeReference++;
        const settledOn = heldOn ?? waivedOn;
        const moment = entity({
          obligation_id: row.id,
          due_on: dueOn,
          held_on: heldOn,
          minutes: heldOn && r.chance(0.6) ? `Verslag ${FORM_TITLES[form].toLowerCase()} van ${heldOn}.` : null,
          interaction_id: heldOn && r.chance(0.25) && interactionsOn.has(heldOn) ? r.pick(interactionsOn.get(heldOn)!) : null,
          waived_on: waivedOn,
          waiver_reason: waivedOn ? r.pick(['Samengevoegd met het volgende overleg', 'Geen agendapunten', 'Op verzoek van de raad vervallen']) : null,
        }, created, settledOn ? at(settledOn) : created);
        ins.add('accountability_moment', moment);
        if (!heldOn) continue;
        if (r.chance(0.4)) {
          for (let d = r.int(1, 2); d > 0; d--) {
            ins.add('evidence_document', entity({
              moment_id: moment.id,
              title: `${d === 1 ? 'Verslag' : 'Presentatie'} ${FORM_TITLES[form].toLowerCase()} ${heldOn}`,
              reference: `https://dms.example.nl/documenten/${heldOn.slice(0, 4)}/${r.int(100000, 999999)}`,
            }, at(heldOn)));
          }
        }
        if (MEETING_FORMS.has(form) && audience.length && r.chance(0.5)) {
          for (const s of r.sample(audience, r.int(1, 2))) ins.add('accountability_moment_participants', { accountability_moment_id: moment.id, stakeholder_id: s });
        }
      }
      if (ins.full) await ins.flush();
    }
    await ins.finish();
  });
  // PostgreSQL's autovacuum would gather planner statistics within a minute or so; gather
  // them now so that plans do not depend on when the bench starts. SQLite is left as the
  // app leaves it: nothing runs ANALYZE there.
  if (!sqlite) await (em as SqlEntityManager).getKnex().raw('analyze');
  return facts;
}

/**
 * What happened to a moment by the reference date: history is mostly held on time, some
 * late, some waived, a few never held (more of those in the last year); planned moments are
 * mostly open. Nothing is held or waived after the reference date.
 */
function momentOutcome(r: Random, dueOn: LocalDate, explainedOn: LocalDate | null): { heldOn: LocalDate | null; waivedOn: LocalDate | null } {
  const none = { heldOn: null, waivedOn: null };
  if (dueOn >= REFERENCE_DATE) {
    const x = r.next();
    if (x < 0.02) return { heldOn: addDays(REFERENCE_DATE, -r.int(0, 30)), waivedOn: null };
    if (x < 0.04) return { heldOn: null, waivedOn: addDays(REFERENCE_DATE, -r.int(0, 60)) };
    return none;
  }
  if (explainedOn && dueOn >= explainedOn) return r.chance(0.1) ? { heldOn: dueOn, waivedOn: null } : none;
  const notHeld = daysBetween(dueOn, REFERENCE_DATE) < 365 ? 0.12 : 0.04;
  const x = r.next();
  if (x < notHeld) return none;
  if (x < notHeld + 0.05) return { heldOn: null, waivedOn: addDays(dueOn, -r.int(0, 20)) };
  if (x < notHeld + 0.2) {
    const late = addDays(dueOn, r.int(1, 75));
    return late <= REFERENCE_DATE ? { heldOn: late, waivedOn: null } : none;
  }
  return { heldOn: addDays(dueOn, -r.int(0, 10)), waivedOn: null };
}
