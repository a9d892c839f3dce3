import { expect } from 'chai';
import { Application, applicationInForce, momentStatus, MomentStatus } from '../../src/modules/accountability/moment-status';

const apply = { warningDays: 30, applications: [] };

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
    const rule = { warningDays: 180, applications: [] };
    expect(momentStatus(visitation, rule, '2023-01-01')).to.equal(MomentStatus.UPCOMING);
    expect(momentStatus(visitation, rule, '2026-07-04')).to.equal(MomentStatus.DUE_SOON);
    expect(momentStatus(visitation, rule, '2027-01-01')).to.equal(MomentStatus.OVERDUE);
  });

  it('explained after being overdue: overdue before the explanation, explained from its day', () => {
    const explained = { warningDays: 30, applications: [{ effectiveFrom: '2020-01-01', application: Application.EXPLAIN, decidedOn: '2026-02-15' }] };
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

  it('explained per period: EXPLAIN from 2025, APPLY again from 2027, each counting from the day it was decided', () => {
    const explain2025 = { effectiveFrom: '2025-01-01', application: Application.EXPLAIN, decidedOn: '2025-03-01' };
    const apply2027 = { effectiveFrom: '2027-01-01', application: Application.APPLY, decidedOn: '2026-11-20' };
    const o = { warningDays: 30, applications: [apply2027, explain2025] };
    expect(momentStatus({ dueOn: '2024-10-01' }, o, '2026-12-01'), 'before the explained period').to.equal(MomentStatus.OVERDUE);
    expect(momentStatus({ dueOn: '2025-10-01' }, o, '2026-12-01')).to.equal(MomentStatus.EXPLAINED);
    expect(momentStatus({ dueOn: '2026-10-01' }, o, '2026-12-01')).to.equal(MomentStatus.EXPLAINED);
    expect(momentStatus({ dueOn: '2027-10-01' }, o, '2026-12-01'), 'applied again').to.equal(MomentStatus.UPCOMING);
    // Before APPLY was decided (20 November 2026), 2027 was still to be explained.
    expect(momentStatus({ dueOn: '2027-10-01' }, o, '2026-11-19')).to.equal(MomentStatus.EXPLAINED);
    // Before the explanation was given, 2025 was overdue.
    expect(momentStatus({ dueOn: '2025-01-31' }, o, '2025-02-28')).to.equal(MomentStatus.OVERDUE);
  });

  it('the decision in force: the latest-effective one decided by then; on the same day, the one decided later', () => {
    const a = { effectiveFrom: '2025-01-01', application: Application.EXPLAIN, decidedOn: '2025-01-10', id: 'a' };
    const b = { effectiveFrom: '2025-01-01', application: Application.APPLY, decidedOn: '2025-02-10', id: 'b' };
    const c = { effectiveFrom: '2025-01-01', application: Application.EXPLAIN, decidedOn: '2025-02-10', id: 'c', createdAt: new Date('2025-02-10T09:00:00Z') };
    const d = { ...c, id: 'd', createdAt: new Date('2025-02-10T08:00:00Z') };
    expect(applicationInForce([a, b], '2025-06-01', '2025-01-31')).to.equal(a);
    expect(applicationInForce([a, b], '2025-06-01', '2025-02-10')).to.equal(b);
    expect(applicationInForce([a, b], '2024-12-31', '2025-12-31')).to.equal(null);
    expect(applicationInForce([d, c], '2025-06-01', '2025-12-31')).to.equal(c);
  });
});
