import { expect } from 'chai';
import { elapsedShare, goalHealth, latestMeasurement, progress } from '../../src/modules/strategic-goal/goal-progress';
import { GoalHealth } from '../../src/modules/strategic-goal/strategic-goal.enums';

describe('goal progress rules', () => {
  it('measures progress from baseline to target, also for goals that reduce a value', () => {
    expect(progress(0, 100, 50)).to.equal(0.5);
    expect(progress(40, 20, 30)).to.equal(0.5);
    expect(progress(10, 10, 12)).to.equal(null);
    expect(progress(0, 100, 120)).to.equal(1.2);
  });

  it('computes the elapsed share of a period, clamped to 0..1', () => {
    expect(elapsedShare('2024-01-01', '2024-12-31', '2023-06-01')).to.equal(0);
    expect(elapsedShare('2024-01-01', '2024-12-31', '2025-06-01')).to.equal(1);
    expect(elapsedShare('2024-01-01', '2025-01-01', '2024-07-02')).to.be.closeTo(0.5, 0.01);
    expect(elapsedShare('2024-01-01', null, '2024-03-01')).to.equal(1);
  });

  it('judges health against the elapsed share of the period', () => {
    expect(goalHealth(null, 0.5)).to.equal(GoalHealth.NO_DATA);
    expect(goalHealth(1, 0.2)).to.equal(GoalHealth.ACHIEVED);
    expect(goalHealth(0.45, 0.5)).to.equal(GoalHealth.ON_TRACK);
    expect(goalHealth(0.3, 0.5)).to.equal(GoalHealth.AT_RISK);
    expect(goalHealth(0.1, 0.5)).to.equal(GoalHealth.OFF_TRACK);
  });

  it('uses the latest measurement on or before the as-of date', () => {
    const m = (measuredOn: string, value: number, archived = false) => ({ measuredOn, value, createdAt: new Date(), archivedAt: archived ? new Date() : null });
    const list = [m('2024-03-31', 10), m('2024-06-30', 20), m('2024-09-30', 30, true)];
    expect(latestMeasurement(list, '2024-12-31')?.value).to.equal(20);
    expect(latestMeasurement(list, '2024-04-01')?.value).to.equal(10);
    expect(latestMeasurement(list, '2024-01-01')).to.equal(null);
  });
});
