import { expect } from 'chai';
import { Application, momentStatus, MomentStatus } from '../../src/modules/accountability/moment-status';

const apply = { warningDays: 30, application: Application.APPLY };

describe('accountability moment status at a date', () => {
  it('a moment due today is due soon, not overdue; the day after it is overdue', () => {
    const m = { dueOn: '2026-07-01' };
    expect(momentStatus(m, apply, '2026-07-01')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus(m, apply, '2026-07-02')).to.equal(MomentStatus.OVERDUE);
  });

  it('upcoming until the warning window opens, counted in days', () => {
    const m = { dueOn: '2026-07-01' };
    expect(momentStatus(m, apply, '2026-05-31')).to.equal(MomentStatus.UPCOMING);
    expect(momentStatus(m, apply, '2026-06-01')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus(m, { ...apply, warningDays: 0 }, '2026-06-30')).to.equal(MomentStatus.UPCOMING);
    expect(momentStatus(m, { ...apply, warningDays: 0 }, '2026-07-01')).to.equal(MomentStatus.DUE_SOON);
  });

  it('held on the due date is met; held the day after is met late', () => {
    expect(momentStatus({ dueOn: '2026-03-31', heldOn: '2026-03-31' }, apply, '2026-12-31')).to.equal(MomentStatus.MET);
    expect(momentStatus({ dueOn: '2026-03-31', heldOn: '2026-04-01' }, apply, '2026-12-31')).to.equal(MomentStatus.MET_LATE);
  });

  it('answers as things stood at the as-of date: held later means overdue before', () => {
    const lateMoment = { dueOn: '2026-03-31', heldOn: '2026-05-15' };
    expect(momentStatus(lateMoment, apply, '2026-04-30')).to.equal(MomentStatus.OVERDUE);
    expect(momentStatus(lateMoment, apply, '2026-05-15')).to.equal(MomentStatus.MET_LATE);
    expect(momentStatus({ dueOn: '2026-03-31', heldOn: '2026-02-01' }, apply, '2026-01-15')).to.equal(MomentStatus.UPCOMING);
  });

  it('month ends and 29 February', () => {
    expect(momentStatus({ dueOn: '2024-02-29' }, apply, '2024-02-29')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus({ dueOn: '2024-02-29' }, apply, '2024-03-01')).to.equal(MomentStatus.OVERDUE);
    expect(momentStatus({ dueOn: '2024-02-29' }, { ...apply, warningDays: 29 }, '2024-01-31')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus({ dueOn: '2024-02-29' }, { ...apply, warningDays: 28 }, '2024-01-31')).to.equal(MomentStatus.UPCOMING);
    expect(momentStatus({ dueOn: '2025-02-28', heldOn: '2025-03-01' }, apply, '2025-03-01')).to.equal(MomentStatus.MET_LATE);
  });

  it('an every-four-years visitation far ahead is upcoming, and overdue a day after', () => {
    const visitation = { dueOn: '2026-12-31' };
    const rule = { warningDays: 180, application: Application.APPLY };
    expect(momentStatus(visitation, rule, '2023-01-01')).to.equal(MomentStatus.UPCOMING);
    expect(momentStatus(visitation, rule, '2026-07-04')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus(visitation, rule, '2027-01-01')).to.equal(MomentStatus.OVERDUE);
  });

  it('explained after being overdue: overdue before the explanation, explained from its day', () => {
    const explained = { warningDays: 30, application: Application.EXPLAIN, explainedOn: '2026-02-15' };
    const m = { dueOn: '2026-01-31' };
    expect(momentStatus(m, explained, '2026-02-14')).to.equal(MomentStatus.OVERDUE);
    expect(momentStatus(m, explained, '2026-02-15')).to.equal(MomentStatus.EXPLAINED);
    expect(momentStatus({ dueOn: '2026-12-31' }, explained, '2026-06-01')).to.equal(MomentStatus.EXPLAINED);
    // holding it anyway still counts as met
    expect(momentStatus({ dueOn: '2026-01-31', heldOn: '2026-01-20' }, explained, '2026-06-01')).to.equal(MomentStatus.MET);
  });

  it('waived from the day it was waived', () => {
    const m = { dueOn: '2026-01-31', waivedOn: '2026-02-10' };
    expect(momentStatus(m, apply, '2026-02-05')).to.equal(MomentStatus.OVERDUE);
    expect(momentStatus(m, apply, '2026-02-10')).to.equal(MomentStatus.WAIVED);
  });
});
