import type { EntityManager } from '@mikro-orm/core';
import { AccountabilityForm } from '../src/modules/accountability/accountability.enums';
import { AccountabilityMoment } from '../src/modules/accountability/accountability-moment.entity';
import { horizonEnd } from '../src/modules/accountability/moment-planner';
import { Application } from '../src/modules/accountability/moment-status';
import { EvidenceKind } from '../src/modules/accountability/evidence-document.entity';
import { MomentService } from '../src/modules/accountability/moment.service';
import type { CreateObligationInput } from '../src/modules/accountability/obligation.inputs';
import { ObligationService } from '../src/modules/accountability/obligation.service';
import { Agreement } from '../src/modules/agreement/agreement.entity';
import { CodeProvision } from '../src/modules/governance/code-provision.entity';
import { StakeholderCategory } from '../src/modules/stakeholder/stakeholder-category.entity';
import { loadCatalogue } from './catalogue.seeder';
import { clock } from '../src/shared/clock';

// The demo corporation's accountability: obligations from the Governancecode
// Woningcorporaties 2020, the Woningwet visitation, and its prestatieafspraken, with moments
// over 2023–2026 held on time, held late, one waived, one overdue and one explained (as of
// DEMO_REFERENCE_DATE, 23 November 2026). Built through the same services as the API, so the
// demo passes the same validation.

const SECRETARY = 'Bestuurssecretaris M. de Vries';

/** The kind of a demo evidence document, from its title. */
function evidenceKind(title: string): EvidenceKind {
  if (title.startsWith('Verslag')) return EvidenceKind.MINUTES;
  if (title.startsWith('Jaarverslag') || title.startsWith('Visitatierapport')) return EvidenceKind.REPORT;
  if (title.startsWith('Uitkomsten')) return EvidenceKind.PUBLICATION;
  return EvidenceKind.OTHER;
}
const DIRECTOR = 'Directeur-bestuurder J. van den Berg';
const HOUSING = 'Manager Wonen S. El Amrani';

interface ObligationSpec {
  key: string;
  /** [code key, provision reference] */
  provisions?: [string, string][];
  agreement?: string;
  audience?: string[];
  audienceCategories?: string[];
  input: Omit<CreateObligationInput, 'provisionIds' | 'agreementId' | 'audienceStakeholderIds' | 'audienceCategoryIds'>;
  /** due date → what happened: [heldOn, evidence title, participants] or ['WAIVED', waivedOn, reason] */
  held?: Record<string, [string, string, string[]?]>;
  waived?: Record<string, [string, string]>;
}

const GCW = 'governancecode-woningcorporaties-2020';

const OBLIGATIONS: ObligationSpec[] = [
  {
    key: 'overleg-huurders',
    provisions: [[GCW, '4']],
    audience: ['HO'],
    input: {
      title: 'Bestuurlijk overleg met de huurdersorganisatie',
      description: 'Twice a year the director and the tenants\' organisation discuss policy, the budget and the performance agreements.',
      form: AccountabilityForm.MEETING,
      responsible: DIRECTOR,
      recurrenceRule: 'FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=30',
      scheduleStart: '2023-01-01',
      warningDays: 30,
    },
    held: {
      '2023-03-30': ['2023-03-28', 'Verslag bestuurlijk overleg maart 2023', ['HO']],
      '2023-09-30': ['2023-09-26', 'Verslag bestuurlijk overleg september 2023', ['HO']],
      '2024-03-30': ['2024-03-27', 'Verslag bestuurlijk overleg maart 2024', ['HO']],
      '2024-09-30': ['2024-10-14', 'Verslag bestuurlijk overleg oktober 2024 (uitgesteld)', ['HO']],
      '2025-03-30': ['2025-03-25', 'Verslag bestuurlijk overleg maart 2025', ['HO']],
      '2026-03-30': ['2026-03-24', 'Verslag bestuurlijk overleg maart 2026', ['HO']],
      '2026-09-30': ['2026-09-29', 'Verslag bestuurlijk overleg september 2026', ['HO']],
    },
    waived: { '2025-09-30': ['2025-09-01', 'Combined with the yearly meeting on the performance agreements of 2 October 2025.'] },
  },
  {
    key: 'jaarverslag',
    provisions: [[GCW, '2']],
    audienceCategories: ['huurdersorganisatie', 'gemeente', 'toezichthouder'],
    input: {
      title: 'Jaarverslag met verantwoording aan belanghebbenden',
      description: 'The annual report, with a chapter on how stakeholders were involved and what was done with their input, published before 1 July.',
      form: AccountabilityForm.ANNUAL_REPORT,
      responsible: SECRETARY,
      recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1',
      scheduleStart: '2023-01-01',
      warningDays: 60,
    },
    held: {
      '2023-07-01': ['2023-06-28', 'Jaarverslag 2022'],
      '2024-07-01': ['2024-06-27', 'Jaarverslag 2023'],
      '2025-07-01': ['2025-07-08', 'Jaarverslag 2024 (na uitstel accountantscontrole)'],
      '2026-07-01': ['2026-06-30', 'Jaarverslag 2025'],
    },
  },
  {
    key: 'monitor-prestatieafspraken',
    agreement: 'Prestatieafspraken 2024–2027 gemeente Rivierstad',
    audience: ['GR', 'HO'],
    input: {
      title: 'Monitor prestatieafspraken Rivierstad',
      description: 'The yearly written monitor of the performance agreements (bod en jaarschijf) for the municipality and the tenants\' organisation, before 1 November.',
      form: AccountabilityForm.WRITTEN_REPORT,
      responsible: HOUSING,
      recurrenceRule: 'FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1',
      scheduleStart: '2024-01-01',
      activeUntil: '2027-12-31',
      warningDays: 45,
    },
    held: {
      '2024-11-01': ['2024-10-30', 'Monitor prestatieafspraken 2024', ['GR', 'HO']],
      '2025-11-01': ['2025-11-20', 'Monitor prestatieafspraken 2025', ['GR', 'HO']],
      // 2026-11-01: not held; overdue on the reference date.
    },
  },
  {
    key: 'visitatie',
    provisions: [['woningwet', '53a'], ['woningwet', '53a (Aedes)']],
    audienceCategories: ['huurdersorganisatie', 'gemeente', 'raad-van-toezicht'],
    input: {
      title: 'Visitatie (maatschappelijke prestaties)',
      description: 'Independent review of the social performance at least once every four years; the report is due at the visitation foundation before 1 January.',
      form: AccountabilityForm.VISITATION,
      responsible: SECRETARY,
      recurrenceRule: 'FREQ=YEARLY;INTERVAL=4;BYMONTH=12;BYMONTHDAY=31',
      scheduleStart: '2023-01-01',
      warningDays: 180,
    },
    held: { '2023-12-31': ['2023-11-15', 'Visitatierapport 2019–2022', ['HO', 'GR', 'GD']] },
  },
  {
    key: 'huurdersraadpleging',
    provisions: [[GCW, '1']],
    audienceCategories: ['huurder'],
    input: {
      title: 'Jaarlijkse huurdersraadpleging',
      description: 'A yearly survey among all tenants on the service and the policy, before 1 October.',
      form: AccountabilityForm.CONSULTATION,
      responsible: HOUSING,
      recurrenceRule: 'FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=1',
      scheduleStart: '2023-01-01',
      application: Application.EXPLAIN,
      explanation:
        'From 2025 the yearly survey is replaced by neighbourhood rounds with the residents\' committees, which reach more tenants; explained in the annual report 2024.',
      explainedOn: '2025-06-26',
    },
    held: {
      '2023-10-01': ['2023-09-20', 'Uitkomsten huurdersraadpleging 2023'],
      '2024-10-01': ['2024-09-25', 'Uitkomsten huurdersraadpleging 2024'],
    },
  },
];

/** `stakeholders`: the demo's stakeholder keys (HO, GR …) to their ids. */
export async function seedDemoAccountability(em: EntityManager, stakeholders: ReadonlyMap<string, string>): Promise<void> {
  await loadCatalogue(em);
  await em.flush();
  const day = clock.today();
  const planning = { today: day, horizon: horizonEnd(day, 24) };
  const obligations = new ObligationService();
  const moments = new MomentService();
  const byName = (key: string) => {
    const id = stakeholders.get(key);
    if (!id) throw new Error(`Demo accountability: no stakeholder ${key}`);
    return id;
  };
  const provisions = await em.find(CodeProvision, {}, { populate: ['code'] });
  const categories = await em.find(StakeholderCategory, {});

  for (const spec of OBLIGATIONS) {
    const provisionIds = (spec.provisions ?? []).map(([code, ref]) => {
      const p = provisions.find((x) => x.code.key === code && x.reference === ref);
      if (!p) throw new Error(`Demo accountability: no provision ${code} ${ref}`);
      return p.id;
    });
    const agreement = spec.agreement ? await em.findOneOrFail(Agreement, { title: spec.agreement }) : null;
    const input: CreateObligationInput = {
      ...spec.input,
      provisionIds,
      agreementId: agreement?.id ?? null,
      audienceStakeholderIds: (spec.audience ?? []).map(byName),
      audienceCategoryIds: (spec.audienceCategories ?? []).map((k) => {
        const c = categories.find((x) => x.key === k);
        if (!c) throw new Error(`Demo accountability: no category ${k}`);
        return c.id;
      }),
    };
    const obligation = await obligations.create(em, input, planning);
    await em.flush();
    const planned = await em.find(AccountabilityMoment, { obligation });
    const moment = (dueOn: string) => {
      const m = planned.find((x) => x.dueOn === dueOn);
      if (!m) throw new Error(`Demo accountability: ${spec.key} has no moment due ${dueOn}`);
      return m.id;
    };
    for (const [dueOn, [heldOn, evidence, participants]] of Object.entries(spec.held ?? {})) {
      await moments.recordHeld(
        em,
        moment(dueOn),
        {
          heldOn,
          participantIds: (participants ?? []).map(byName),
          minutes: null,
          evidence: [{ title: evidence, reference: `https://www.derivierstad.example.nl/verantwoording/${spec.key}/${dueOn}`, kind: evidenceKind(evidence), documentDate: heldOn }],
        },
        day,
      );
    }
    for (const [dueOn, [waivedOn, reason]] of Object.entries(spec.waived ?? {})) {
      await moments.waive(em, moment(dueOn), reason, waivedOn, day);
    }
    await em.flush();
  }
}
