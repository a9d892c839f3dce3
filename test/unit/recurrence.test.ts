import { expect } from 'chai';
import { describeRule, nextOccurrence, occurrences, parseRule, RecurrenceError, SEARCH_YEARS } from '../../src/modules/accountability/recurrence';

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
      ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', /BYMONTHDAY=30 falls in none of the months of BYMONTH=2 .*never/],
      ['FREQ=YEARLY;UNTIL=20200101', /UNTIL/],
      ['DTSTART:20200101T000000Z\nRRULE:FREQ=YEARLY', /DTSTART/],
      ['', /RRULE/],
    ];
    for (const [rule, message] of bad) {
      expect(() => parseRule(rule, '2023-01-01'), rule).to.throw(RecurrenceError, message);
    }
  });

  it('refuses the rules that used to block the process for seconds, saying why or naming the bound', () => {
    const never: [string, RegExp][] = [
      ['FREQ=DAILY;BYSETPOS=366', /BYSETPOS=366 picks from the dates of a day \(FREQ=DAILY\), which are never more than 1/],
      ['FREQ=WEEKLY;BYSETPOS=8,9', /BYSETPOS=8,9 .* a week .* never more than 7/],
      ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=32', /never more than 31/],
      ['FREQ=DAILY;BYYEARDAY=366;BYMONTH=1', /no day of BYYEARDAY=366 is in BYMONTH=1, in a leap year or any other/],
      ['FREQ=YEARLY;BYYEARDAY=366;BYMONTH=1', /no day of BYYEARDAY=366 is in BYMONTH=1/],
      ['FREQ=YEARLY;BYYEARDAY=-1;BYMONTHDAY=30', /no day of BYYEARDAY=-1 is in BYMONTHDAY=30/],
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', /BYMONTHDAY=30 falls in none of the months of BYMONTH=2 \(February: at most 29 days\)/],
      ['FREQ=WEEKLY;BYMONTH=2,4;BYMONTHDAY=-31', /falls in none of the months of BYMONTH=2,4/],
      ['FREQ=MONTHLY;BYDAY=+6MO', /beyond the 5th of a month/],
      ['FREQ=YEARLY;BYDAY=54FR', /beyond the 53rd of a year/],
    ];
    for (const [rule, message] of never) {
      expect(() => parseRule(rule, '2026-01-01'), rule).to.throw(RecurrenceError, message);
    }
    // What the cheap checks do not catch, the bounded search does.
    const within = new RegExp(`no date within ${SEARCH_YEARS} years of the start date \\(2026-01-01\\); the search for a first date stops there`);
    for (const rule of [
      'FREQ=DAILY;INTERVAL=7;BYDAY=TU', // every 7th day from a Thursday is never a Tuesday
      'FREQ=YEARLY;BYWEEKNO=1;BYMONTH=6',
      'FREQ=MONTHLY;BYDAY=MO,1TU', // rrule wants a day that is both
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO;UNTIL=20430101',
    ]) {
      expect(() => parseRule(rule, '2026-01-01'), rule).to.throw(RecurrenceError, within);
    }
  });

  it(`accepts a rule whose first date lies within ${SEARCH_YEARS} years of the start, and not one day further`, () => {
    // 29 February on a Monday: 2044, 2072, then 2112 (2100 is no leap year).
    const rule = 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO';
    expect(parseRule(rule, '2082-03-01').next('2082-03-01')).to.equal('2112-02-29');
    expect(() => parseRule(rule, '2082-02-28')).to.throw(RecurrenceError, /no date within 30 years of the start date \(2082-02-28\)/);
    // The next date is searched as far, no further.
    expect(nextOccurrence(rule, '2016-01-01', '2082-03-01')).to.equal('2112-02-29');
    expect(nextOccurrence(rule, '2016-01-01', '2072-03-01')).to.equal(null);
  });

  it('gives every date of a window, however many; fewer only when the caller asks', () => {
    const all = occurrences('FREQ=DAILY', '2026-01-01', '2026-01-01', '2035-12-31');
    expect(all).to.have.length(3652);
    expect([all[0], all.at(-1)]).to.deep.equal(['2026-01-01', '2035-12-31']);
    expect(occurrences('FREQ=DAILY', '2026-01-01', '2026-01-01', '2035-12-31', 500)).to.deep.equal(all.slice(0, 500));
    // From a start long ago, without COUNT, the walk starts near the window.
    expect(occurrences('FREQ=WEEKLY;INTERVAL=2;BYDAY=TH', '1901-01-03', '2026-01-01', '2026-01-31')).to.deep.equal(['2026-01-01', '2026-01-15', '2026-01-29']);
    // COUNT counts from the start.
    expect(occurrences('FREQ=MONTHLY;COUNT=3', '2026-01-31', '2026-01-01', '2027-12-31')).to.deep.equal(['2026-01-31', '2026-03-31', '2026-05-31']);
  });
});
