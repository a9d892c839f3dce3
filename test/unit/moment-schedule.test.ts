import { expect } from 'chai';
import { dueDates, PLAN_CHUNK, planMoments, type ExistingMoment } from '../../src/modules/accountability/moment-schedule';
import { addDays, daysBetween } from '../../src/shared/dates';

const yearlyJuly = { recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleStart: '2023-01-01', activeFrom: '2023-01-01' };

describe('planning accountability moments from a schedule', () => {
  it('a new obligation gets every due date from its start up to the horizon', () => {
    expect(planMoments(yearlyJuly, [], '2023-01-01', '2026-11-23')).to.deep.equal({
      create: ['2023-07-01', '2024-07-01', '2025-07-01', '2026-07-01'],
      remove: [],
      plannedUntil: '2026-11-23',
    });
  });

  it('respects the active period and one-off due dates', () => {
    expect(dueDates({ ...yearlyJuly, activeFrom: '2024-01-01', activeUntil: '2025-12-31' }, '2023-01-01', '2030-01-01')).to.deep.equal(['2024-07-01', '2025-07-01']);
    expect(dueDates({ scheduleStart: '2026-01-01', dueOn: '2026-12-31', activeFrom: '2026-01-01' }, '2026-01-01', '2027-12-31')).to.deep.equal(['2026-12-31']);
    expect(dueDates({ scheduleStart: '2026-01-01', dueOn: '2026-12-31', activeFrom: '2026-01-01' }, '2026-01-01', '2026-06-30')).to.deep.equal([]);
  });

  it('keeps the horizon filled as time passes, adding only what is missing', () => {
    const existing: ExistingMoment[] = ['2023-07-01', '2024-07-01', '2025-07-01'].map((dueOn, i) => ({ id: `m${i}`, dueOn }));
    expect(planMoments(yearlyJuly, existing, '2023-01-01', '2027-07-01')).to.deep.equal({ create: ['2026-07-01', '2027-07-01'], remove: [], plannedUntil: '2027-07-01' });
  });

  it('the next due date follows the rule, not the day the last moment was held', () => {
    const existing: ExistingMoment[] = [{ id: 'late', dueOn: '2024-07-01', heldOn: '2024-09-10' }];
    expect(planMoments(yearlyJuly, existing, '2024-09-10', '2025-12-31').create).to.deep.equal(['2025-07-01']);
  });

  it('a changed schedule replaces only future moments that were not held', () => {
    const existing: ExistingMoment[] = [
      { id: 'past-held', dueOn: '2025-07-01', heldOn: '2025-06-20' },
      { id: 'past-open', dueOn: '2026-07-01' },
      { id: 'future-held-early', dueOn: '2027-07-01', heldOn: '2026-11-01' },
      { id: 'future-waived', dueOn: '2028-07-01', waivedOn: '2026-11-01' },
      { id: 'future-open', dueOn: '2029-07-01' },
    ];
    const quarterly = { ...yearlyJuly, recurrenceRule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', scheduleStart: '2027-01-01' };
    const plan = planMoments(quarterly, existing, '2026-11-23', '2027-12-31');
    // past moments, held and waived ones stay; the open one the new rule does not produce
    // goes, also when it lies beyond the horizon
    expect(plan.remove).to.deep.equal(['future-open']);
    expect(plan.create).to.deep.equal(['2027-01-31', '2027-04-30', '2027-07-31', '2027-10-31']);
  });

  it(`plans at most ${PLAN_CHUNK} due dates at once, and says up to which day; the next steps plan the rest`, () => {
    const daily = { recurrenceRule: 'FREQ=DAILY', scheduleStart: '2026-01-01', activeFrom: '2026-01-01' };
    const horizon = '2035-12-31';
    const first = planMoments(daily, [], '2026-01-01', horizon);
    expect(first.create).to.have.length(PLAN_CHUNK);
    expect(first.plannedUntil).to.equal(first.create.at(-1)).and.to.equal(addDays('2026-01-01', PLAN_CHUNK - 1));
    // Step by step from the day after, as extendPlanning does, every day comes, once.
    const all = [...first.create];
    for (let until = first.plannedUntil, steps = 1; until < horizon; steps++) {
      expect(steps, 'steps').to.be.lessThan(10);
      const next = planMoments(daily, [], addDays(until, 1), horizon);
      all.push(...next.create);
      until = next.plannedUntil;
    }
    expect(all).to.have.length(daysBetween('2026-01-01', horizon) + 1);
    expect(new Set(all).size).to.equal(all.length);
    expect(all.at(-1)).to.equal(horizon);
    // Exactly a chunk to go reaches the horizon in one step.
    expect(planMoments(daily, [], addDays(horizon, -(PLAN_CHUNK - 1)), horizon).plannedUntil).to.equal(horizon);
  });

  it('a step that stops short judges only the moments it covers; later ones wait for their step', () => {
    const everyOtherDay = { recurrenceRule: 'FREQ=DAILY;INTERVAL=2', scheduleStart: '2026-01-01', activeFrom: '2026-01-01' };
    // Daily moments planned by an earlier rule, a held one among them.
    const existing: ExistingMoment[] = Array.from({ length: 2000 }, (_, i) => ({ id: `d${i}`, dueOn: addDays('2026-01-01', i) }));
    existing[1501].heldOn = '2026-01-02';
    const plan = planMoments(everyOtherDay, existing, '2026-01-01', '2031-12-31', 100);
    expect(plan.plannedUntil).to.equal(addDays('2026-01-01', 198));
    expect(plan.create).to.deep.equal([]);
    expect(plan.remove).to.deep.equal(Array.from({ length: 99 }, (_, i) => `d${2 * i + 1}`));
    // The step that reaches the horizon judges every moment beyond the last step, held ones kept.
    const rest = planMoments(everyOtherDay, existing.slice(199), addDays(plan.plannedUntil, 1), '2031-12-31', 10_000);
    expect(rest.plannedUntil).to.equal('2031-12-31');
    expect(rest.remove).to.have.length(900).and.not.include('d1501');
    expect(rest.remove.every((id) => Number(id.slice(1)) % 2 === 1)).to.equal(true);
  });

  it('versions of the schedule each plan their own days: the first reaches back, each ends the day before the next', () => {
    const schedule = {
      ...yearlyJuly,
      activeUntil: '2030-12-31',
      segments: [
        { recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleStart: '2023-01-01', effectiveFrom: '2024-01-01' },
        { recurrenceRule: 'FREQ=MONTHLY;INTERVAL=6;BYMONTHDAY=1', scheduleStart: '2025-07-01', effectiveFrom: '2025-07-02' },
        { scheduleStart: '2028-01-01', dueOn: '2028-03-01', effectiveFrom: '2028-01-01' },
      ],
    };
    expect(dueDates(schedule, '2023-01-01', '2035-01-01')).to.deep.equal(['2023-07-01', '2024-07-01', '2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01', '2027-07-01', '2028-03-01']);
    expect(dueDates(schedule, '2025-07-02', '2027-01-01', 2)).to.deep.equal(['2026-01-01', '2026-07-01']);
    // A moment the old version planned after the new one took effect is no longer wanted, unless it was held.
    const existing: ExistingMoment[] = [
      { id: 'old', dueOn: '2026-07-01' },
      { id: 'gone', dueOn: '2028-07-01' },
      { id: 'held', dueOn: '2029-07-01', heldOn: '2029-07-02' },
    ];
    const plan = planMoments(schedule, existing, '2026-01-01', '2030-12-31');
    expect(plan).to.deep.equal({ create: ['2026-01-01', '2027-01-01', '2027-07-01', '2028-03-01'], remove: ['gone'], plannedUntil: '2030-12-31' });
  });
});
