import type { EntityManager } from '@mikro-orm/core';
import { FollowUpAction } from '../../src/modules/interaction/follow-up-action.entity';
import { Interaction } from '../../src/modules/interaction/interaction.entity';
import { Interest } from '../../src/modules/interest/interest.entity';
import { ContactPerson } from '../../src/modules/stakeholder/contact-person.entity';
import { StakeholderAssessment } from '../../src/modules/stakeholder/stakeholder-assessment.entity';
import { StakeholderCategory } from '../../src/modules/stakeholder/stakeholder-category.entity';
import { StakeholderTag } from '../../src/modules/stakeholder/stakeholder-tag.entity';
import { Stakeholder } from '../../src/modules/stakeholder/stakeholder.entity';
import { Kpi } from '../../src/modules/strategic-goal/kpi.embeddable';
import { StrategicGoal } from '../../src/modules/strategic-goal/strategic-goal.entity';
import { addDays } from '../../src/shared/dates';

/**
 * A register of `count` stakeholders, each with two contacts, two assessments, two
 * interests answered by goals, three interactions with a follow-up action, and a tag:
 * enough relations that an N+1 would show in the statement count.
 */
export async function seedRegister(em: EntityManager, count: number, prefix = 'Stakeholder'): Promise<Stakeholder[]> {
  const categories = await em.find(StakeholderCategory, {}, { orderBy: { key: 'asc' } });
  const goals: StrategicGoal[] = [];
  for (let g = 0; g < 5; g++) {
    const goal = new StrategicGoal();
    goal.title = `${prefix} goal ${g}`;
    goal.periodStart = '2025-01-01';
    goal.periodEnd = '2026-12-31';
    goal.kpi = Object.assign(new Kpi(), { indicator: `Indicator ${g}`, unit: 'homes', baseline: 0, target: 100 });
    goals.push(goal);
    em.persist(goal);
  }
  const stakeholders: Stakeholder[] = [];
  for (let i = 0; i < count; i++) {
    const s = new Stakeholder();
    s.name = `${prefix} ${String(i).padStart(4, '0')}`;
    s.category = categories[i % categories.length];
    s.tagRecords.add(Object.assign(new StakeholderTag(), { stakeholder: s, tag: i % 2 ? 'odd' : 'even' }));
    for (let c = 0; c < 2; c++) {
      em.persist(Object.assign(new ContactPerson(), { stakeholder: s, name: `Contact ${i}-${c}` }));
    }
    for (let a = 0; a < 2; a++) {
      em.persist(Object.assign(new StakeholderAssessment(), {
        stakeholder: s, assessedOn: `202${4 + a}-06-01`, power: 1 + ((i + a) % 5), interest: 1 + ((i * 3 + a) % 5), hasPower: a === 1, hasLegitimacy: true, hasUrgency: i % 3 === 0,
      }));
    }
    for (let n = 0; n < 2; n++) {
      const interest = Object.assign(new Interest(), { stakeholder: s, topic: `Topic ${i}-${n}`, identifiedOn: '2025-02-01' });
      interest.goals.add(goals[(i + n) % goals.length]);
      em.persist(interest);
    }
    for (let k = 0; k < 3; k++) {
      const interaction = Object.assign(new Interaction(), { occurredOn: addDays('2025-01-01', i + k * 30), subject: `Meeting ${i}-${k}` });
      interaction.stakeholders.add(s);
      interaction.followUpActions.add(Object.assign(new FollowUpAction(), { interaction, description: `Action ${i}-${k}`, dueOn: addDays('2025-02-01', i + k * 30) }));
      em.persist(interaction);
    }
    stakeholders.push(s);
    em.persist(s);
  }
  await em.flush();
  return stakeholders;
}
