import { expect } from 'chai';
import { RecurrenceError } from '../../src/modules/accountability/recurrence';
import { scheduleWarnings } from '../../src/modules/accountability/schedule-warnings';

const codes = (rule: string, start: string, horizon?: string) => scheduleWarnings(rule, start, horizon).map((w) => w.code);

describe('warnings about what a recurrence rule means', () => {
  it('names the months RFC 5545 skips for want of the day, with the numbers and the way out', () => {
    const [warning, ...more] = scheduleWarnings('FREQ=MONTHLY;INTERVAL=3', '2026-03-31');
    expect(more).to.deep.equal([]);
    expect(warning.code).to.equal('MONTHS_SKIPPED');
    expect(warning.message).to.equal(
      'the rule asks for day 31 of the month, and RFC 5545 skips a month without that day instead of taking its last day: no date in June 2026, September 2026, June 2027, … (June and September), so only 8 of the 16 months it visits in 4 years from 2026-06-01 get a date. For the last day of the month use BYMONTHDAY=-1.',
    );
    expect(scheduleWarnings('FREQ=MONTHLY', '2026-01-30')[0].message).to.contain('(February)').and.contain('44 of the 48 months');
    expect(scheduleWarnings('FREQ=YEARLY', '2024-02-29')[0].message).to.contain('1 of the 4 months');
    expect(codes('FREQ=YEARLY;BYMONTH=1,2,3;BYMONTHDAY=30', '2026-01-01')).to.deep.equal(['MONTHS_SKIPPED']);
  });

  it('says when the frequency visits periods that get no date for another reason', () => {
    expect(scheduleWarnings('FREQ=MONTHLY;BYDAY=5MO', '2026-01-01')[0]).to.include({ code: 'FEWER_THAN_FREQUENCY' });
  });

  it('says when COUNT or UNTIL ends the rule before the horizon, and only then', () => {
    expect(codes('FREQ=YEARLY;COUNT=2', '2026-07-01', '2028-12-01')).to.deep.equal(['ENDS_BEFORE_HORIZON']);
    expect(codes('FREQ=YEARLY;UNTIL=20270701', '2026-07-01', '2028-12-01')).to.deep.equal(['ENDS_BEFORE_HORIZON']);
    expect(codes('FREQ=YEARLY;COUNT=5', '2026-07-01', '2028-12-01')).to.deep.equal([]);
    expect(codes('FREQ=YEARLY;COUNT=2', '2026-07-01')).to.deep.equal([]);
    // A rule that ends is not also short of dates after its end.
    expect(codes('FREQ=MONTHLY;COUNT=3;BYMONTHDAY=1', '2026-01-01', '2026-12-01')).to.deep.equal(['ENDS_BEFORE_HORIZON']);
  });

  it('is quiet about rules that do what their frequency says', () => {
    for (const [rule, start] of [
      ['FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1', '2026-01-01'],
      ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-31'],
      ['FREQ=MONTHLY;BYMONTHDAY=1', '2026-03-15'],
      ['FREQ=MONTHLY;INTERVAL=3', '2026-01-28'],
      ['FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15', '2026-01-01'],
      ['FREQ=WEEKLY;BYDAY=MO,TH', '2026-01-01'],
      ['FREQ=DAILY;INTERVAL=2', '2026-01-01'],
      ['FREQ=MONTHLY;BYDAY=-1FR', '2026-01-01'],
    ]) {
      expect(codes(rule, start, '2030-01-01'), rule).to.deep.equal([]);
    }
  });

  it('refuses an invalid rule as parseRule does', () => {
    expect(() => scheduleWarnings('FREQ=SOMETIMES', '2026-01-01')).to.throw(RecurrenceError);
  });
});
