import type { EntityManager } from '@mikro-orm/core';
import { Commitment } from '../src/modules/commitment/commitment.entity';
import type { Interaction } from '../src/modules/interaction/interaction.entity';
import type { ContactPerson } from '../src/modules/stakeholder/contact-person.entity';
import type { Stakeholder } from '../src/modules/stakeholder/stakeholder.entity';

// The demo's commitments (toezeggingen): promises made in its interactions, as of
// DEMO_REFERENCE_DATE (23 November 2026) one delivered on time, one late, one withdrawn, one
// overdue and one due soon. Every date is fixed; the rules the service checks are checked here.

interface CommitmentSpec {
  /** The interaction it was made in (its day is the day it was made). */
  in: string;
  what: string;
  by: string;
  to: string[];
  contacts?: string[];
  due: string;
  delivered?: [on: string, evidence: string, note?: string];
  withdrawn?: [on: string, reason: string];
}

const DIRECTOR = 'Directeur-bestuurder J. van den Berg';
const SECRETARY = 'Bestuurssecretaris M. de Vries';
const HOUSING = 'Manager Wonen S. El Amrani';
const PROPERTY = 'Manager Vastgoed P. Jansen';
const DOCS = 'https://www.derivierstad.example.nl/documenten';

const COMMITMENTS: CommitmentSpec[] = [
  {
    in: 'I-TRIPARTIET-DIJK-2024',
    what: 'Een haalbaarheidsscan van kleinschalige nieuwbouw in de drie dorpskernen van Dijkhoven, vóór 1 april 2025.',
    by: DIRECTOR,
    to: ['GD', 'HO'],
    contacts: ['gd-willems'],
    due: '2025-04-01',
    delivered: ['2025-03-20', `${DOCS}/haalbaarheidsscan-dorpskernen-dijkhoven-2025.pdf`, 'Besproken in het bestuurlijk overleg van april.'],
  },
  {
    in: 'I-HUURADVIES-2025',
    what: 'Een schriftelijke reactie op het advies over de huuraanpassing 2025: wat wij met elk punt doen.',
    by: DIRECTOR,
    to: ['HO'],
    contacts: ['ho-hoekstra'],
    due: '2025-04-15',
    delivered: ['2025-04-28', 'DMS-2025-0311', 'Twee weken later dan toegezegd: de raad van commissarissen wilde de reactie eerst zien.'],
  },
  {
    in: 'I-AVOND-2025',
    what: 'Het verslag van de belanghebbendenavond, met de opgehaalde punten en wie ermee verdergaat, aan alle deelnemers.',
    by: SECRETARY,
    to: ['HO', 'GR', 'ZG', 'WZ'],
    due: '2025-07-31',
    delivered: ['2025-07-10', `${DOCS}/verslag-belanghebbendenavond-2025.pdf`],
  },
  {
    in: 'I-TRIPARTIET-RIV-2025',
    what: 'Een doorrekening van een eigen huurbevriezing voor huishoudens met de laagste inkomens.',
    by: HOUSING,
    to: ['GR', 'HO'],
    due: '2025-11-01',
    withdrawn: ['2025-10-20', 'De landelijke huurbevriezing 2026 maakt een eigen regeling overbodig; toegelicht in de brief van 20 oktober 2025.'],
  },
  {
    in: 'I-HUURADVIES-2026',
    what: 'Terugkoppeling over de huurgewenning bij de gerenoveerde woningen in Veerwaard.',
    by: HOUSING,
    to: ['HO'],
    contacts: ['ho-schouten'],
    due: '2026-06-01',
  },
  {
    in: 'I-WIJKSCHOUW-2026',
    what: 'Extra verlichting in de brandgangen van Veerwaard, geplaatst vóór de donkere maand december.',
    by: PROPERTY,
    to: ['POL', 'WZ', 'BC'],
    due: '2026-12-01',
  },
];

function lookup<T>(map: ReadonlyMap<string, T>, key: string, what: string): T {
  const value = map.get(key);
  if (!value) throw new Error(`Demo commitments: unknown ${what} "${key}"`);
  return value;
}

export function demoCommitments(
  interactions: ReadonlyMap<string, Interaction>,
  stakeholders: ReadonlyMap<string, Stakeholder>,
  contacts: ReadonlyMap<string, ContactPerson>,
): Commitment[] {
  return COMMITMENTS.map((spec) => {
    const c = new Commitment();
    c.interaction = lookup(interactions, spec.in, 'interaction');
    c.description = spec.what;
    c.madeBy = spec.by;
    c.madeOn = c.interaction.occurredOn;
    c.dueOn = spec.due;
    const to = spec.to.map((k) => lookup(stakeholders, k, 'stakeholder'));
    c.stakeholders.set(to);
    for (const key of spec.contacts ?? []) {
      const p = lookup(contacts, key, 'contact person');
      if (!to.includes(p.stakeholder)) throw new Error(`Demo commitments: contact "${key}" is not at a stakeholder of "${spec.what}"`);
      c.contactPersons.add(p);
    }
    const closed = spec.delivered?.[0] ?? spec.withdrawn?.[0];
    if (c.dueOn < c.madeOn || (closed && closed < c.madeOn)) throw new Error(`Demo commitments: days out of order in "${spec.what}"`);
    if (spec.delivered) [c.deliveredOn, c.deliveryEvidence, c.deliveryNote = null] = spec.delivered;
    if (spec.withdrawn) [c.withdrawnOn, c.withdrawalReason] = spec.withdrawn;
    return c;
  });
}

/** Adds the demo's commitments; the interactions, stakeholders and contacts are the demo's, by key. */
export async function seedDemoCommitments(
  em: EntityManager,
  interactions: ReadonlyMap<string, Interaction>,
  stakeholders: ReadonlyMap<string, Stakeholder>,
  contacts: ReadonlyMap<string, ContactPerson>,
): Promise<void> {
  em.persist(demoCommitments(interactions, stakeholders, contacts));
  await em.flush();
}
