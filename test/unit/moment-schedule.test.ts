import { expect } from 'chai';
import { dueDates, planMoments, type ExistingMoment } from '../../src/modules/accountability/moment-schedule';

const yearlyJuly = { recurrenceRule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', scheduleStart: '2023-01-01', activeFrom: '2023-01-01' };

describe('planning accountability moments from a schedule', () => {
  it('a new obligation gets every due date from its start up to the horizon', () => {
    expect(planMoments(yearlyJuly, [], '2023-01-01', '2026-11-23')).to.deep.equal({
      create: ['2023-07-01', '2024-07-01', '2025-07-01', '2026-07-01'],
      remove: [],
    });
  });

  it('respects the active period and one-off due dates', () => {
    expect(dueDates({ ...yearlyJuly, activeFrom: '2024-01-01', activeUntil: '2025-12-31' }, '2023-01-01', '2030-01-01')).to.deep.equal(['2024-07-01', '2025-07-01']);
    expect(dueDates({ scheduleStart: '2026-01-01', dueOn: '2026-12-31', activeFrom: '2026-01-01' }, '2026-01-01', '2027-12-31')).to.deep.equal(['2026-12-31']);
    expect(dueDates({ scheduleStart: '2026-01-01', dueOn: '2026-12-31', activeFrom: '2026-01-01' }, '2026-01-01', '2026-06-30')).to.deep.equal([]);
  });

  it('keeps the horizon filled as time passes, adding only what is missing', () => {
    const existing: ExistingMoment[] = ['2023-07-01', '2024-07-01', '2025-07-01'].map((dueOn, i) => ({ id: `m${i}`, dueOn }));
    expect(planMoments(yearlyJuly, existing, '2023-01-01', '2027-07-01')).to.deep.equal({ create: ['2026-07-01', '2027-07-01'], remove: [] });
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
});
