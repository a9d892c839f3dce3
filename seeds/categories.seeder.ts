import type { EntityManager } from '@mikro-orm/core';
import { StakeholderCategory } from '../src/modules/stakeholder/stakeholder-category.entity';
import { Sector } from '../src/modules/stakeholder/stakeholder.enums';

export interface DefaultCategory {
  key: string;
  name: string;
  description: string;
  sector: Sector;
}

// Categories are data, not an enum: this is the starting set every register gets. A register
// can add its own; the defaults are only inserted when their key is missing, never updated.
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  // Housing (woningcorporaties)
  {
    key: 'huurdersorganisatie',
    name: "Huurdersorganisatie (tenants' organisation)",
    description:
      "The tenants' organisation (huurdersorganisatie) that speaks for all tenants of the corporation. It has statutory rights to information, consultation and advice, and signs the prestatieafspraken.",
    sector: Sector.HOUSING,
  },
  {
    key: 'bewonerscommissie',
    name: "Bewonerscommissie (residents' committee)",
    description:
      "A residents' committee (bewonerscommissie) for one complex or neighbourhood. It is consulted on maintenance, renovation and liveability close to home.",
    sector: Sector.HOUSING,
  },
  {
    key: 'huurder',
    name: 'Huurder (individual tenant)',
    description:
      'An individual tenant (huurder) whose stake is personal, for example through a complaint, an initiative or a role in the neighbourhood.',
    sector: Sector.HOUSING,
  },
  {
    key: 'woningzoekenden',
    name: 'Woningzoekenden (home seekers)',
    description:
      'People on the waiting list for a social rental home (woningzoekenden). They are not yet tenants, yet allocation, waiting times and new construction decide their future.',
    sector: Sector.HOUSING,
  },
  // Care (zorg en welzijn)
  {
    key: 'clientenraad',
    name: 'Cliëntenraad (client council)',
    description:
      "The client council (cliëntenraad) represents the interests of clients and has advisory and consent rights under the WMCZ. It is the main voice of the people the organisation cares for.",
    sector: Sector.CARE,
  },
  {
    key: 'verpleegkundige-adviesraad',
    name: 'Verpleegkundige adviesraad (nursing advisory council)',
    description:
      'The nursing advisory council (verpleegkundige adviesraad, VAR) brings the professional view of nurses and carers to the board on quality of care.',
    sector: Sector.CARE,
  },
  {
    key: 'naasten',
    name: 'Naasten en mantelzorgers (relatives and informal carers)',
    description:
      'Relatives and informal carers (naasten, mantelzorgers) who support clients every day. Their experience and involvement shape how care is organised.',
    sector: Sector.CARE,
  },
  {
    key: 'zorgkantoor',
    name: 'Zorgkantoor (long-term care office)',
    description:
      'The regional care office (zorgkantoor) that buys long-term care under the Wlz. It sets volumes, prices and quality requirements in its contracts.',
    sector: Sector.CARE,
  },
  {
    key: 'zorg-en-welzijnspartner',
    name: 'Zorg- en welzijnspartner (care and welfare partner)',
    description:
      'A care or welfare provider (zorg- en welzijnspartner) the organisation works with, for example on housing with care, discharge from sheltered living or neighbourhood support.',
    sector: Sector.CARE,
  },
  // Education (onderwijs)
  {
    key: 'medezeggenschapsraad',
    name: 'Medezeggenschapsraad (participation council)',
    description:
      'The participation council (medezeggenschapsraad, or ondernemingsraad plus studentenraad in mbo and hbo) in which staff, students and parents have a say in school policy.',
    sector: Sector.EDUCATION,
  },
  {
    key: 'studentenraad',
    name: 'Studentenraad (student council)',
    description:
      "The student council (studentenraad, deelnemersraad in mbo) that represents students and has advisory and consent rights on matters such as the education and examination rules.",
    sector: Sector.EDUCATION,
  },
  {
    key: 'ouders',
    name: 'Ouders (parents)',
    description:
      'Parents and guardians (ouders, verzorgers) of pupils and young students, often organised in a parents\' council (ouderraad).',
    sector: Sector.EDUCATION,
  },
  {
    key: 'werkveld',
    name: 'Werkveld (work field and employers)',
    description:
      'Employers, work-placement companies and professional associations (werkveld, beroepenveld) that take on interns and graduates. The horizontal dialogue with them keeps programmes relevant to the labour market.',
    sector: Sector.EDUCATION,
  },
  {
    key: 'toeleverend-onderwijs',
    name: 'Toeleverend en vervolgonderwijs (feeder and follow-on schools)',
    description:
      'Schools that students come from or go on to (toeleverend en vervolgonderwijs). Agreements with them smooth transitions and reduce drop-out.',
    sector: Sector.EDUCATION,
  },
  // General (every semi-public organisation)
  {
    key: 'gemeente',
    name: 'Gemeente (municipality)',
    description:
      'A municipality (gemeente) in the working area: partner in performance agreements, commissioner of social care and youth services, and local licensing authority.',
    sector: Sector.GENERAL,
  },
  {
    key: 'provincie',
    name: 'Provincie (province)',
    description:
      'The province (provincie) that governs spatial planning, housing targets and regional programmes, and sometimes co-funds projects.',
    sector: Sector.GENERAL,
  },
  {
    key: 'rijksoverheid',
    name: 'Rijksoverheid (central government)',
    description:
      'A ministry or other central government body (rijksoverheid) that sets the legal and financial framework the organisation works in.',
    sector: Sector.GENERAL,
  },
  {
    key: 'toezichthouder',
    name: 'Toezichthouder (external regulator)',
    description:
      'An external regulator (externe toezichthouder), such as the Autoriteit woningcorporaties, the Inspectie Gezondheidszorg en Jeugd (IGJ) or the Inspectie van het Onderwijs. It can demand information and intervene.',
    sector: Sector.GENERAL,
  },
  {
    key: 'financier',
    name: 'Financier (funder, lender or guarantor)',
    description:
      'A party that funds, lends or guarantees (financier), such as the Waarborgfonds Sociale Woningbouw (WSW), a bank or a health insurer (zorgverzekeraar). Its confidence determines the room to invest.',
    sector: Sector.GENERAL,
  },
  {
    key: 'ondernemingsraad',
    name: 'Ondernemingsraad (works council)',
    description:
      "The works council (ondernemingsraad, OR) represents the employees under the Wet op de ondernemingsraden, with rights to information, advice and consent.",
    sector: Sector.GENERAL,
  },
  {
    key: 'raad-van-toezicht',
    name: 'Raad van toezicht / raad van commissarissen (supervisory board)',
    description:
      'The internal supervisory board (raad van toezicht or raad van commissarissen) that supervises and advises the executive board and employs it. It wants its own view of how stakeholders are heard.',
    sector: Sector.GENERAL,
  },
  {
    key: 'medewerkers',
    name: 'Medewerkers (employees)',
    description:
      'The people who work for the organisation (medewerkers), heard directly and through the works council.',
    sector: Sector.GENERAL,
  },
  {
    key: 'vakbond',
    name: 'Vakbond (trade union)',
    description:
      'A trade union (vakbond) that negotiates the collective labour agreement (cao) for the sector with the employers.',
    sector: Sector.GENERAL,
  },
  {
    key: 'brancheorganisatie',
    name: 'Brancheorganisatie (sector association)',
    description:
      'The sector association (brancheorganisatie), such as Aedes, ActiZ or the MBO Raad, that sets the governance code and speaks for the sector in The Hague.',
    sector: Sector.GENERAL,
  },
  {
    key: 'leverancier',
    name: 'Leverancier of aannemer (supplier or contractor)',
    description:
      'A contractor or supplier (aannemer, leverancier) that builds, maintains or delivers for the organisation. Long-term chain partners share its goals and risks.',
    sector: Sector.GENERAL,
  },
  {
    key: 'maatschappelijke-partner',
    name: 'Maatschappelijke partner (community partner)',
    description:
      'A community partner (maatschappelijke partner) such as the police, schools or a welfare organisation, working together on safety, liveability or social support in the neighbourhood.',
    sector: Sector.GENERAL,
  },
  {
    key: 'omwonenden',
    name: 'Omwonenden (neighbours and local residents)',
    description:
      'People living near a building, project or location (omwonenden) who feel the effects of what happens there, such as construction work or a new facility.',
    sector: Sector.GENERAL,
  },
  {
    key: 'accountant',
    name: 'Externe accountant (external auditor)',
    description:
      'The external auditor (externe accountant) who audits the annual accounts and reports findings to the board and the supervisory board.',
    sector: Sector.GENERAL,
  },
  {
    key: 'kennisinstelling',
    name: 'Kennisinstelling (knowledge institution)',
    description:
      'A university, research institute or knowledge centre (kennisinstelling) the organisation learns from or does research with.',
    sector: Sector.GENERAL,
  },
  {
    key: 'media',
    name: 'Media (press and media)',
    description:
      'Local and national press and other media (media, pers). They shape public opinion and can turn a single complaint into a public issue.',
    sector: Sector.GENERAL,
  },
];

/**
 * Inserts each default category whose key is not there yet (archived ones count as there).
 * Idempotent: running it again adds nothing. Returns how many categories were added.
 */
export async function ensureDefaultCategories(em: EntityManager): Promise<number> {
  const keys = DEFAULT_CATEGORIES.map((c) => c.key);
  const existing = await em.find(StakeholderCategory, { key: { $in: keys } });
  const present = new Set(existing.map((c) => c.key));
  let added = 0;
  for (const def of DEFAULT_CATEGORIES) {
    if (present.has(def.key)) continue;
    const category = new StakeholderCategory();
    category.key = def.key;
    category.name = def.name;
    category.description = def.description;
    category.sector = def.sector;
    em.persist(category);
    present.add(def.key);
    added++;
  }
  if (added > 0) await em.flush();
  return added;
}
