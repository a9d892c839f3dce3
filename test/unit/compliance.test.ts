import { expect } from 'chai';
import { addCounts, ComplianceStatus, emptyCounts, rollUp } from '../../src/modules/reporting/compliance';
import { addMonths } from '../../src/shared/dates';

describe('compliance roll-up', () => {
  const with_ = (entries: Record<string, number>) => Object.entries(entries).reduce((c, [s, n]) => addCounts(c, s, n), emptyCounts());

  it('overdue beats late beats explained beats met', () => {
    expect(rollUp(with_({ MET: 5, MET_LATE: 1, EXPLAINED: 1, OVERDUE: 1 }))).to.equal(ComplianceStatus.NON_COMPLIANT);
    expect(rollUp(with_({ MET: 5, MET_LATE: 1, EXPLAINED: 1 }))).to.equal(ComplianceStatus.COMPLIANT_LATE);
    expect(rollUp(with_({ MET: 5, EXPLAINED: 1 }))).to.equal(ComplianceStatus.EXPLAINED);
    expect(rollUp(with_({ MET: 5, WAIVED: 2 }))).to.equal(ComplianceStatus.COMPLIANT);
    expect(rollUp(with_({ WAIVED: 1 }))).to.equal(ComplianceStatus.COMPLIANT);
  });

  it('nothing due while only upcoming or due-soon moments, or none', () => {
    expect(rollUp(emptyCounts())).to.equal(ComplianceStatus.NOTHING_DUE);
    expect(rollUp(with_({ UPCOMING: 3, DUE_SOON: 1 }))).to.equal(ComplianceStatus.NOTHING_DUE);
    expect(rollUp(with_({ UPCOMING: 3, MET: 1 }))).to.equal(ComplianceStatus.COMPLIANT);
  });

  it('refuses a status it does not know', () => {
    expect(() => addCounts(emptyCounts(), 'DONE', 1)).to.throw(/unknown/);
  });
});

describe('adding months to a day (planning horizon)', () => {
  it('keeps the day, or takes the last day of a shorter month', () => {
    expect(addMonths('2026-11-23', 24)).to.equal('2028-11-23');
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2028-01-31', 1)).to.equal('2028-02-29');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
    expect(addMonths('2024-02-29', 12)).to.equal('2025-02-28');
  });
});
