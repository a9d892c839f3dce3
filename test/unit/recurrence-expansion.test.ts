import { expect } from 'chai';
import fc from 'fast-check';
import { RRule } from 'rrule';
import { parseRule, Recurrence, RecurrenceError, SEARCH_YEARS } from '../../src/modules/accountability/recurrence';
import { addDays, addMonths } from '../../src/shared/dates';

// recurrence-expansion.ts finds a rule's dates itself, so that no search is unbounded; these
// properties hold it to rrule 2.8.1, whose dates the register has always planned, on odd
// combinations of every part a schedule may use. RECURRENCE_RUNS and RECURRENCE_SEED repeat
// or widen a run.

const RUNS = Number(process.env.RECURRENCE_RUNS ?? 300);
const SEED = Number(process.env.RECURRENCE_SEED ?? 20260101);

const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU');
const nonZero = (max: number) => fc.integer({ min: -max, max }).filter((n) => n !== 0);
const list = <T>(arb: fc.Arbitrary<T>, maxLength = 3) => fc.uniqueArray(arb, { minLength: 1, maxLength }).map((v) => v.join(','));
/** A part that is left out more often than not: rules with every part never match. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 2 });

const day = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const schedule = fc
  .record({
    start: day,
    freq: fc.constantFrom('YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'),
    interval: sometimes(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 }))),
    bymonth: sometimes(list(fc.integer({ min: 1, max: 12 }))),
    bymonthday: sometimes(list(nonZero(31))),
    byyearday: sometimes(list(nonZero(366))),
    byweekno: sometimes(list(nonZero(53))),
    byday: sometimes(list(fc.tuple(fc.option(fc.oneof(nonZero(5), nonZero(53)), { nil: undefined }), weekday).map(([n, d]) => `${n ?? ''}${d}`))),
    bysetpos: sometimes(list(fc.oneof(nonZero(7), nonZero(366)))),
    count: sometimes(fc.integer({ min: 1, max: 60 })),
    untilMonths: sometimes(fc.integer({ min: 1, max: 120 })),
    wkst: sometimes(weekday),
    fromMonths: fc.integer({ min: 0, max: 60 }),
    months: fc.integer({ min: 1, max: 36 }),
  })
  .map((s) => {
    const parts = [
      `FREQ=${s.freq}`,
      s.interval && `INTERVAL=${s.interval}`,
      s.bymonth && `BYMONTH=${s.bymonth}`,
      s.bymonthday && `BYMONTHDAY=${s.bymonthday}`,
      s.byyearday && `BYYEARDAY=${s.byyearday}`,
      s.byweekno && `BYWEEKNO=${s.byweekno}`,
      s.byday && `BYDAY=${s.byday}`,
      s.bysetpos && `BYSETPOS=${s.bysetpos}`,
      s.wkst && `WKST=${s.wkst}`,
    ].filter(Boolean);
    const bounded = [...parts, s.count && `COUNT=${s.count}`, s.untilMonths && `UNTIL=${addMonths(s.start, s.untilMonths).replaceAll('-', '')}`].filter(Boolean);
    const from = addMonths(s.start, s.fromMonths);
    return { rule: bounded.join(';'), unbounded: parts.join(';'), start: s.start, from, to: addMonths(from, s.months) };
  });

const utc = (d: string) => new Date(`${d}T00:00:00Z`);

function accepted(rule: string, start: string): Recurrence | null {
  try {
    return parseRule(rule, start);
  } catch (error) {
    if (error instanceof RecurrenceError) return null;
    throw error;
  }
}

describe('recurrence expansion: the same dates as rrule, found without unbounded searches', function () {
  this.timeout(120_000);

  it('gives the dates rrule gives, for any window of any accepted rule', () => {
    let compared = 0;
    fc.assert(
      fc.property(schedule, ({ rule, unbounded, start, from, to }) => {
        const ours = accepted(rule, start);
        if (!ours) return;
        // rrule stops at its first date after the window; ask it only when there is one not
        // too far (else it walks to the year 9999, which is what this module avoids).
        if (!accepted(unbounded, start)?.next(addDays(to, 1))) return;
        const rrule = new RRule({ ...RRule.parseString(rule), dtstart: utc(start) });
        const theirs = [...new Set(rrule.between(utc(from), utc(to), true).map((d) => d.toISOString().slice(0, 10)))].sort();
        expect(ours.between(from, to), `${rule} from ${start}, ${from}..${to}`).to.deep.equal(theirs);
        compared++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // Most odd rules are refused; enough must be left to compare.
    expect(compared).to.be.greaterThan(RUNS / 5);
  });

  it('the first `max` dates are the first dates, also where rrule gives a period’s dates out of order', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: 1, max: 40 }), ({ rule, start, from, to }, max) => {
        const ours = accepted(rule, start);
        if (!ours) return;
        expect(ours.between(from, to, max)).to.deep.equal(ours.between(from, to).slice(0, max));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('refuses a rule for never matching only when no date exists within the search', () => {
    fc.assert(
      fc.property(schedule, ({ rule, start }) => {
        try {
          parseRule(rule, start);
        } catch (error) {
          if (!(error instanceof RecurrenceError) || !/never produces a date|no date within/.test(error.message)) return;
          // The same rule, expanded without the cheap checks, has no date in the search window.
          const unchecked = new Recurrence(new RRule({ ...RRule.parseString(rule), dtstart: utc(start) }), start);
          expect(unchecked.between(start, addMonths(start, 12 * SEARCH_YEARS)), `${rule} from ${start}`).to.deep.equal([]);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
