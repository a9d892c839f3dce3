import { expect } from 'chai';
import { LABELLED_ENUMS, STATUS_LABELS } from '../../src/modules/reporting/status-labels';
import { resolveRelativeDates } from '../../src/graphiql/relative-dates';
import { percent, shareOf } from '../../src/shared/percent';

describe('numbers and statuses as people read them', () => {
  it('shows a fraction as a whole percentage, half away from zero, and keeps null', () => {
    expect(percent(0.7000000000000011)).to.equal(70);
    expect(percent(0.6999999999999998)).to.equal(70);
    expect(percent(0.145)).to.equal(15);
    expect(percent(0.125)).to.equal(13);
    expect(percent(1.5)).to.equal(150);
    expect(percent(-0.125)).to.equal(-13);
    expect(percent(-0.001)).to.equal(0);
    expect(percent(0)).to.equal(0);
    expect(percent(null)).to.equal(null);
    expect(percent(Number.NaN)).to.equal(null);
    expect(shareOf(2, 3)).to.equal(67);
    expect(shareOf(0, 0)).to.equal(null);
  });

  it('has a Dutch and an English label for every value of every status enum, and none for a value that is gone', () => {
    for (const [type, values] of Object.entries(LABELLED_ENUMS)) {
      expect(Object.keys(STATUS_LABELS[type]).sort(), type).to.deep.equal(Object.values(values).sort());
      for (const [value, label] of Object.entries(STATUS_LABELS[type])) {
        expect(label.nl.trim(), `${type}.${value} nl`).not.to.equal('');
        expect(label.en.trim(), `${type}.${value} en`).not.to.equal('');
      }
    }
    expect(Object.keys(STATUS_LABELS).sort()).to.deep.equal(Object.keys(LABELLED_ENUMS).sort());
  });

  it('fills relative dates in default variables with the day asked for, and leaves other values alone', () => {
    expect(
      resolveRelativeDates({ asOf: '$today', year: '$year', last: '$lastYear', period: { from: '$yearStart', to: '$yearEnd' }, list: ['$today', 3], text: 'today $today' }, '2026-12-04'),
    ).to.deep.equal({ asOf: '2026-12-04', year: 2026, last: 2025, period: { from: '2026-01-01', to: '2026-12-31' }, list: ['2026-12-04', 3], text: 'today $today' });
    expect(resolveRelativeDates(undefined, '2026-12-04')).to.equal(undefined);
  });
});
