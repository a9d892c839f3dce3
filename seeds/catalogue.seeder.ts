import type { EntityManager } from '@mikro-orm/core';
import { CodeProvision } from '../src/modules/governance/code-provision.entity';
import { CodeOrigin, GovernanceCode } from '../src/modules/governance/governance-code.entity';
import { Sector } from '../src/modules/stakeholder/stakeholder.enums';

// The governance-code catalogue every register ships with: the codes, laws and reporting
// standards that ask an organisation to know its stakeholders and to render account to them.
// Only the provisions about stakeholders and accountability are included. Every text is a
// summary in our own words, never the official wording; each code names the source where the
// official text is published. `npm run catalogue:load` (or loadCatalogue) brings a register up
// to date with this list without deleting anything and without touching codes of its own.

export interface CatalogueProvision {
  /** Unique within the code, e.g. "3", "53a" or "SBM-2 §45 (a)". */
  reference: string;
  title: string;
  summary: string;
  children?: readonly CatalogueProvision[];
}

export interface CatalogueCode {
  key: string;
  title: string;
  issuer: string;
  sector: Sector;
  version: string | null;
  /** `YYYY-MM-DD`, or null when the catalogue does not state it. */
  effectiveFrom: string | null;
  sourceUrl: string;
  /** Ends with the sentence saying that the texts are summaries and where the official text is. */
  summary: string;
  provisions: readonly CatalogueProvision[];
}

/** Builds a catalogue entry; appends the "these are summaries, the official text is at …" sentence. */
function code(spec: Omit<CatalogueCode, 'summary'> & { about: string }): CatalogueCode {
  const { about, ...rest } = spec;
  return {
    ...rest,
    summary:
      `${about} The texts in this register are summaries in our own words (samenvattingen), not the official text; ` +
      `the official text is published at ${spec.sourceUrl}.`,
  };
}

export const CATALOGUE: readonly CatalogueCode[] = [
  code({
    key: 'governancecode-woningcorporaties-2020',
    title: 'Governancecode Woningcorporaties 2020',
    issuer: 'Aedes en VTW',
    sector: Sector.HOUSING,
    version: '2020',
    effectiveFrom: null,
    sourceUrl: 'https://www.aedes.nl',
    about:
      'The governance code for housing corporations (woningcorporaties), drawn up by Aedes, the sector association, and VTW, the association of supervisory board members. It is binding on Aedes members, who apply it or explain why not (pas toe of leg uit). It rests on five principles, which ask the board and the supervisory board to put tenants first and to be open and accountable to their stakeholders.',
    provisions: [
      {
        reference: '1',
        title: "Tenants' current and future interests come first",
        summary:
          'The board and the supervisory board let the interests of today\'s tenants and of future tenants (huurders en woningzoekenden) guide their decisions, as the core of the corporation\'s social task.',
      },
      {
        reference: '2',
        title: 'Accountability and answerability (verantwoording en aanspreekbaarheid)',
        summary:
          'The corporation renders account for its choices and results to its stakeholders and can be held to account by them: it explains what it did, why, and what came of it.',
      },
      {
        reference: '3',
        title: 'Continuous learning',
        summary:
          'Board and supervisory board keep developing themselves and the organisation, reflect on their own functioning and learn from feedback, reviews and mistakes.',
      },
      {
        reference: '4',
        title: 'Openness to dialogue',
        summary:
          'The corporation seeks the conversation with tenants, municipalities and other stakeholders (belanghebbenden), listens to their views and takes them into account.',
      },
      {
        reference: '5',
        title: 'Awareness and control of risks',
        summary:
          'The board knows the risks the corporation runs, weighs them consciously and keeps them under control, with the supervisory board overseeing how it does so.',
      },
    ],
  }),
  code({
    key: 'woningwet',
    title: 'Woningwet (artikel 53a, visitatie)',
    issuer: 'Rijksoverheid',
    sector: Sector.HOUSING,
    version: null,
    effectiveFrom: null,
    sourceUrl: 'https://wetten.overheid.nl/BWBR0005181',
    about:
      'The Dutch Housing Act (Woningwet), which governs the admitted housing institutions (toegelaten instellingen, woningcorporaties). The catalogue holds only the article on visitation (visitatie), the independent review of the corporation\'s social performance in which its stakeholders are heard.',
    provisions: [
      {
        reference: '53a',
        title: 'Visitation at least once every four years (visitatie)',
        summary:
          'A housing corporation has its social performance reviewed by an independent visitation body (visitatie) at least once every four years.',
        children: [
          {
            reference: '53a (Aedes)',
            title: 'Visitation report to SVWN before 1 January of the following year (Aedes membership rules)',
            summary:
              'Not part of the law itself: under the Aedes membership rules the visitation report must reach the visitation foundation (Stichting Visitatie Woningcorporaties Nederland, SVWN) before 1 January of the year after the visitation.',
          },
        ],
      },
    ],
  }),
  code({
    key: 'governancecode-zorg-2022',
    title: 'Governancecode Zorg 2022',
    issuer: 'Brancheorganisaties Zorg (BoZ)',
    sector: Sector.CARE,
    version: '2022',
    effectiveFrom: '2022-01-01',
    sourceUrl: 'https://www.governancecodezorg.nl',
    about:
      'The governance code for healthcare providers, drawn up by the joint healthcare sector associations (Brancheorganisaties Zorg) and in force since 1 January 2022. It works on the basis of "pas toe en leg uit" (apply and explain): the organisation applies the seven principles and explains how it does so. Principle 3 asks for real influence of stakeholders.',
    provisions: [
      {
        reference: '1',
        title: 'Principle 1 — Good care for clients as the purpose of the organisation',
        summary:
          'The organisation exists for its social purpose: providing good care to its clients. Board and supervisory board keep that purpose central in what they do.',
      },
      {
        reference: '2',
        title: 'Principle 2 — Values and standards',
        summary:
          'Board and supervisory board work by values and standards that fit the social character of a care organisation, and make them known.',
      },
      {
        reference: '3',
        title: 'Principle 3 — Real influence of stakeholders',
        summary:
          'The organisation gives its stakeholders (belanghebbenden) real influence on its policy and creates the conditions that make that influence possible, for example for the client council and the works council.',
        children: [
          {
            reference: '3 (cliëntenraad)',
            title: 'Conditions for the client council (cliëntenraad)',
            summary:
              'The client council can do its work: it is involved in time, receives the information it needs and has the facilities and support to represent clients\' interests.',
          },
          {
            reference: '3 (ondernemingsraad)',
            title: 'Conditions for the works council (ondernemingsraad)',
            summary:
              'The works council and other employee representation can do their work: they are involved in time, are well informed and have the facilities to speak for the employees.',
          },
        ],
      },
      {
        reference: '4',
        title: 'Principle 4 — Arrangement of governance',
        summary:
          'Board and supervisory board arrange the governance of the organisation so that it fits its purpose, with clear roles, tasks and responsibilities.',
      },
      {
        reference: '5',
        title: 'Principle 5 — Good governance by the board',
        summary: 'The board (raad van bestuur) governs the organisation with a view to its purpose and renders account for it.',
      },
      {
        reference: '6',
        title: 'Principle 6 — Responsible supervision',
        summary: 'The supervisory board (raad van toezicht) supervises the board, advises it and acts as its employer.',
      },
      {
        reference: '7',
        title: 'Principle 7 — Continuous development',
        summary: 'Board and supervisory board keep developing their own expertise and functioning and reflect on it regularly.',
      },
    ],
  }),
  code({
    key: 'branchecode-goed-bestuur-mbo',
    title: 'Branchecode goed bestuur in het mbo',
    issuer: 'MBO Raad',
    sector: Sector.EDUCATION,
    version: '2014, gewijzigd 1 januari 2019',
    effectiveFrom: null,
    sourceUrl: 'https://www.mboraad.nl',
    about:
      'The sector code for good governance of vocational education and training institutions (mbo-instellingen), adopted by the MBO Raad in 2014 and amended with effect from 1 January 2019. Section 3 sets out the duties of the board, including the dialogue with the institution\'s stakeholders.',
    provisions: [
      {
        reference: '3',
        title: 'Section 3 — Duties of the board',
        summary:
          'The duties of the executive board (college van bestuur): governing the institution, safeguarding the quality of education and rendering account, including to the institution\'s stakeholders.',
        children: [
          {
            reference: '3 (horizontale dialoog)',
            title: 'Horizontal dialogue with the work field (werkveld)',
            summary:
              'The board keeps up a structural dialogue with the work field — employers, work-placement companies and other regional partners — about the programmes and the institution\'s performance, and renders account to them (horizontale verantwoording).',
          },
        ],
      },
    ],
  }),
  code({
    key: 'esrs-2',
    title: 'ESRS 2 General disclosures (CSRD)',
    issuer: 'EFRAG / Europese Commissie',
    sector: Sector.GENERAL,
    version: 'ESRS Set 1 (2023)',
    effectiveFrom: null,
    sourceUrl: 'https://www.efrag.org',
    about:
      'ESRS 2, the general disclosures of the European Sustainability Reporting Standards under the Corporate Sustainability Reporting Directive (CSRD), drafted by EFRAG and adopted by the European Commission. The catalogue holds disclosure requirement SBM-2, interests and views of stakeholders, which asks the sustainability statement to describe how the undertaking engages with its stakeholders and what it does with their views.',
    provisions: [
      {
        reference: 'SBM-2 §45',
        title: 'SBM-2 — Interests and views of stakeholders',
        summary: 'The undertaking discloses how it takes the interests and views of its stakeholders into account in its strategy and business model.',
        children: [
          {
            reference: 'SBM-2 §45 (a)',
            title: 'Summary of engagement with key stakeholders',
            summary:
              'A summary of how the undertaking engages with its key stakeholders (points (i) to (v)): who they are, whether engagement takes place and with which categories, how it is organised, what it is for, and how its outcome is taken into account.',
          },
          {
            reference: 'SBM-2 §45 (b)',
            title: 'Views and interests of key stakeholders',
            summary:
              'The undertaking\'s understanding of the interests and views of its key stakeholders as they relate to its strategy and business model.',
          },
          {
            reference: 'SBM-2 §45 (c)',
            title: 'Changes made in response and planned next steps',
            summary:
              'Where applicable, how the strategy or business model has been or will be changed to address those interests and views, and which further steps are planned.',
          },
          {
            reference: 'SBM-2 §45 (d)',
            title: 'Informing the governing bodies',
            summary:
              'Whether and how the administrative, management and supervisory bodies are informed about the views and interests of affected stakeholders.',
          },
        ],
      },
    ],
  }),
  code({
    key: 'gri-2',
    title: 'GRI 2: General Disclosures 2021',
    issuer: 'Global Reporting Initiative',
    sector: Sector.GENERAL,
    version: '2021',
    effectiveFrom: null,
    sourceUrl: 'https://www.globalreporting.org',
    about:
      'GRI 2, the general disclosures of the GRI Standards for sustainability reporting, published by the Global Reporting Initiative. The catalogue holds disclosure 2-29, the organisation\'s approach to stakeholder engagement.',
    provisions: [
      {
        reference: '2-29',
        title: 'Approach to stakeholder engagement',
        summary:
          'The organisation describes how it engages with its stakeholders: which categories of stakeholders it engages with and how they are identified, what the engagement is for, and how it makes sure that the engagement is meaningful.',
      },
    ],
  }),
  code({
    key: 'uk-corporate-governance-code-2018',
    title: 'UK Corporate Governance Code 2018',
    issuer: 'Financial Reporting Council',
    sector: Sector.GENERAL,
    version: '2018',
    effectiveFrom: null,
    sourceUrl: 'https://www.frc.org.uk',
    about:
      'The UK Corporate Governance Code (2018 edition) of the Financial Reporting Council, applied on a "comply or explain" basis. The catalogue holds provision 5, on understanding and engaging with the company\'s stakeholders and the workforce.',
    provisions: [
      {
        reference: '5',
        title: 'Provision 5 — Understanding stakeholders and engaging the workforce',
        summary:
          'The board understands the views of the company\'s key stakeholders other than shareholders and describes in the annual report how their interests and the matters in section 172 of the Companies Act 2006 were considered in its discussions and decisions. It keeps its engagement mechanisms under review, and engages with the workforce through one or more of the methods the code names, or explains which alternative it uses and why that is effective.',
      },
    ],
  }),
  code({
    key: 'companies-act-2006',
    title: 'Companies Act 2006',
    issuer: 'UK Parliament',
    sector: Sector.GENERAL,
    version: '2006',
    effectiveFrom: null,
    sourceUrl: 'https://www.legislation.gov.uk/ukpga/2006/46',
    about:
      'The UK Companies Act 2006. The catalogue holds the directors\' duty to promote the success of the company with regard to its stakeholders (section 172(1)) and the statement on that duty in the strategic report (section 414CZA).',
    provisions: [
      {
        reference: 's172(1)',
        title: 'Duty to promote the success of the company',
        summary:
          'A director acts in the way most likely to promote the success of the company for the benefit of its members as a whole, and in doing so has regard to, among other things, the long-term consequences of decisions, the interests of employees, relationships with suppliers, customers and others, the impact on the community and the environment, the company\'s reputation, and fairness between members.',
      },
      {
        reference: 's414CZA',
        title: 'Section 172(1) statement in the strategic report',
        summary:
          'The strategic report of a company within the scope of this section includes a statement describing how the directors have had regard to the matters in section 172(1) while performing their duty under that section.',
      },
    ],
  }),
];

export interface CatalogueLoadResult {
  codesAdded: number;
  codesUpdated: number;
  provisionsAdded: number;
  provisionsUpdated: number;
  /** Catalogue keys left alone because a code of this organisation (origin USER) already has that key. */
  skippedUserCodes: string[];
}

function sameDate(stored: unknown, wanted: string | null): boolean {
  if (stored == null || wanted == null) return stored == null && wanted == null;
  const day = stored instanceof Date ? stored.toISOString().slice(0, 10) : String(stored).slice(0, 10);
  return day === wanted;
}

/**
 * Brings the register's catalogue codes up to date with `catalogue` (default: CATALOGUE).
 * Upserts codes by key and provisions by (code, reference): adds what is missing, updates
 * texts, order and tree position that changed, and leaves everything else alone — nothing is
 * ever deleted (a provision that left the catalogue stays), and codes of origin USER are never
 * touched, not even when one has a catalogue key. One or two queries to read, and one flush to
 * write when anything changed.
 */
export async function loadCatalogue(
  em: EntityManager,
  catalogue: readonly CatalogueCode[] = CATALOGUE,
): Promise<CatalogueLoadResult> {
  const result: CatalogueLoadResult = { codesAdded: 0, codesUpdated: 0, provisionsAdded: 0, provisionsUpdated: 0, skippedUserCodes: [] };
  const keys = catalogue.map((c) => c.key);
  if (new Set(keys).size !== keys.length) throw new Error('The catalogue holds a code key twice.');

  const existing = await em.find(GovernanceCode, { key: { $in: keys } }, { populate: ['provisions'] });
  const byKey = new Map(existing.map((c) => [c.key, c]));

  for (const spec of catalogue) {
    const found: GovernanceCode | undefined = byKey.get(spec.key);
    if (found && found.origin !== CodeOrigin.CATALOGUE) {
      result.skippedUserCodes.push(spec.key);
      continue;
    }
    const entity = found ?? new GovernanceCode();
    if (!found) {
      entity.key = spec.key;
      entity.origin = CodeOrigin.CATALOGUE;
      em.persist(entity);
      result.codesAdded++;
    } else if (
      entity.title !== spec.title ||
      entity.issuer !== spec.issuer ||
      entity.sector !== spec.sector ||
      (entity.version ?? null) !== spec.version ||
      !sameDate(entity.effectiveFrom, spec.effectiveFrom) ||
      (entity.sourceUrl ?? null) !== spec.sourceUrl ||
      (entity.summary ?? null) !== spec.summary
    ) {
      result.codesUpdated++;
    }
    entity.title = spec.title;
    entity.issuer = spec.issuer;
    entity.sector = spec.sector;
    entity.version = spec.version;
    if (!sameDate(entity.effectiveFrom, spec.effectiveFrom)) entity.effectiveFrom = spec.effectiveFrom;
    entity.sourceUrl = spec.sourceUrl;
    entity.summary = spec.summary;

    const provisions = new Map(entity.provisions.isInitialized() ? entity.provisions.getItems().map((p) => [p.reference, p]) : []);
    const seen = new Set<string>();
    const upsert = (node: CatalogueProvision, parent: CodeProvision | null, position: number) => {
      if (seen.has(node.reference)) throw new Error(`Catalogue code ${spec.key} holds provision ${node.reference} twice.`);
      seen.add(node.reference);
      let provision = provisions.get(node.reference);
      if (!provision) {
        provision = new CodeProvision();
        provision.code = entity;
        provision.reference = node.reference;
        em.persist(provision);
        provisions.set(node.reference, provision);
        result.provisionsAdded++;
      } else if (
        provision.title !== node.title ||
        (provision.summary ?? null) !== node.summary ||
        provision.position !== position ||
        (provision.parent ?? null) !== parent
      ) {
        result.provisionsUpdated++;
      }
      provision.title = node.title;
      provision.summary = node.summary;
      provision.position = position;
      if ((provision.parent ?? null) !== parent) provision.parent = parent;
      (node.children ?? []).forEach((child, i) => upsert(child, provision, i));
    };
    spec.provisions.forEach((node, i) => upsert(node, null, i));
  }

  // Only when something changed: on SQLite, MikroORM 6 also rewrites every loaded row with a
  // `type: 'datetime'` column at a flush (it compares a Date with a timestamp), so a flush with
  // nothing to do would still touch every catalogue row's updatedAt.
  if (result.codesAdded + result.codesUpdated + result.provisionsAdded + result.provisionsUpdated > 0) await em.flush();
  return result;
}
