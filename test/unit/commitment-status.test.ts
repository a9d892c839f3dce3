import { expect } from 'chai';
import { COMMITMENT_DUE_SOON_DAYS, commitmentStatus, CommitmentStatus } from '../../src/modules/commitment/commitment-status';

const made = { madeOn: '2026-03-10', dueOn: '2026-07-01' };

describe('commitment (toezegging) status at a date', () => {
  it('has no status before it was made, and is open from the day it was made', () => {
    expect(commitmentStatus(made, '2026-03-09')).to.equal(null);
    expect(commitmentStatus(made, '2026-03-10')).to.equal(CommitmentStatus.OPEN);
  });

  it(`is due soon from ${COMMITMENT_DUE_SOON_DAYS} days before its due day, the due day included; overdue the day after`, () => {
    expect(COMMITMENT_DUE_SOON_DAYS).to.equal(14);
    expect(commitmentStatus(made, '2026-06-16')).to.equal(CommitmentStatus.OPEN);
    expect(commitmentStatus(made, '2026-06-17')).to.equal(CommitmentStatus.DUE_SOON);
    expect(commitmentStatus(made, '2026-07-01')).to.equal(CommitmentStatus.DUE_SOON);
    expect(commitmentStatus(made, '2026-07-02')).to.equal(CommitmentStatus.OVERDUE);
  });

  it('delivered on the due day is on time, the day after is late', () => {
    expect(commitmentStatus({ ...made, deliveredOn: '2026-07-01' }, '2026-12-31')).to.equal(CommitmentStatus.DELIVERED_ON_TIME);
    expect(commitmentStatus({ ...made, deliveredOn: '2026-07-02' }, '2026-12-31')).to.equal(CommitmentStatus.DELIVERED_LATE);
  });

  it('answers as things stood on asOf: a delivery or withdrawal dated later does not count yet', () => {
    const late = { ...made, deliveredOn: '2026-08-15' };
    expect(commitmentStatus(late, '2026-06-01')).to.equal(CommitmentStatus.OPEN);
    expect(commitmentStatus(late, '2026-08-14')).to.equal(CommitmentStatus.OVERDUE);
    expect(commitmentStatus(late, '2026-08-15')).to.equal(CommitmentStatus.DELIVERED_LATE);
    const withdrawn = { ...made, withdrawnOn: '2026-05-01' };
    expect(commitmentStatus(withdrawn, '2026-04-30')).to.equal(CommitmentStatus.OPEN);
    expect(commitmentStatus(withdrawn, '2026-05-01')).to.equal(CommitmentStatus.WITHDRAWN);
    expect(commitmentStatus(withdrawn, '2027-01-01'), 'withdrawn stays withdrawn, never overdue').to.equal(CommitmentStatus.WITHDRAWN);
  });
});
