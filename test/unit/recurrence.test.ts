import { expect } from 'chai';
import { describeRule, nextOccurrence, occurrences, parseRule, RecurrenceError } from '../../src/modules/accountability/recurrence';

describe('recurrence rules (RFC 5545 through rrule)', () => {
  it('yearly on 1 July', () => {
    expect(occurrences('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2023-01-01', '2023-01-01', '2026-12-31')).to.deep.equal([
      '2023-07-01', '2024-07-01', '2025-07-01', '2026-07-01',
    ]);
    expect(describeRule('RRULE:FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2023-01-01')).to.equal('every July on the 1st');
  });

  it('quarterly on the last day of the quarter, month ends included', () => {
    expect(occurrences('FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1', '2024-01-01', '2024-01-01', '2024-12-31')).to.deep.equal([
      '2024-01-31', '2024-04-30', '2024-07-31', '2024-10-31',
    ]);
    expect(occurrences('FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1', '2024-01-01', '2024-01-01', '2024-12-31')).to.deep.equal([
      '2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31',
    ]);
  });

  it('every four years, from the start date', () => {
    expect(occurrences('FREQ=YEARLY;INTERVAL=4;BYMONTH=12;BYMONTHDAY=31', '2022-01-01', '2022-01-01', '2034-12-31')).to.deep.equal([
      '2022-12-31', '2026-12-31', '2030-12-31', '2034-12-31',
    ]);
  });

  it('29 February only in leap years, as RFC 5545 says', () => {
    expect(occurrences('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2024-01-01', '2024-01-01', '2033-01-01')).to.deep.equal(['2024-02-29', '2028-02-29', '2032-02-29']);
    expect(occurrences('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1', '2024-01-01', '2024-01-01', '2026-12-31')).to.deep.equal(['2024-02-29', '2025-02-28', '2026-02-28']);
  });

  it('the next date follows the rule, whatever day a moment was held', () => {
    expect(nextOccurrence('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2023-01-01', '2024-07-02')).to.equal('2025-07-01');
    expect(nextOccurrence('FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2023-01-01', '2024-07-01')).to.equal('2024-07-01');
    expect(nextOccurrence('FREQ=YEARLY;COUNT=2;BYMONTH=7;BYMONTHDAY=1', '2023-01-01', '2025-01-01')).to.equal(null);
  });

  it('refuses what rrule would accept too easily, with a message that says what is wrong', () => {
    const bad: [string, RegExp][] = [
      ['FREQ=SOMETIMES', /FREQ/],
      ['FREQ=HOURLY', /FREQ/],
      ['FREQ=YEARLY;BYMONTH=13', /BYMONTH/],
      ['FREQ=MONTHLY;BYMONTHDAY=32', /BYMONTHDAY/],
      ['FREQ=YEARLY;INTERVAL=0', /INTERVAL/],
      ['FREQ=YEARLY;FOO=1', /not a valid RRULE/],
      ['FREQ=WEEKLY;BYDAY=MO,XX', /BYDAY/],
      ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /no date/],
      ['FREQ=YEARLY;UNTIL=20200101', /UNTIL/],
      ['DTSTART:20200101T000000Z\nRRULE:FREQ=YEARLY', /DTSTART/],
      ['', /RRULE/],
    ];
    for (const [rule, message] of bad) {
      expect(() => parseRule(rule, '2023-01-01'), rule).to.throw(RecurrenceError, message);
    }
  });
});
