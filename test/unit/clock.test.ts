import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config';
import { Clock, dayIn } from '../../src/shared/clock';

// One clock: "today" is the organisation's day in TIME_ZONE, and nothing else reads the system date.

describe('the clock', () => {
  it('tells the day in the organisation\'s time zone, not the server\'s', () => {
    // 00:30 on 1 April in Amsterdam (summer time) is still 31 March in UTC.
    const instant = new Date('2026-03-31T22:30:00Z');
    expect(dayIn('Europe/Amsterdam', instant)).to.equal('2026-04-01');
    expect(dayIn('UTC', instant)).to.equal('2026-03-31');
    // Winter time: 00:30 on 1 December is 23:30 on 30 November in UTC.
    expect(dayIn('Europe/Amsterdam', new Date('2026-11-30T23:30:00Z'))).to.equal('2026-12-01');
    const clock = new Clock('Europe/Amsterdam');
    clock.setFixed(instant);
    expect(clock.today()).to.equal('2026-04-01');
    expect(clock.now().toISOString()).to.equal('2026-03-31T22:30:00.000Z');
    clock.useTimeZone('America/New_York');
    expect(clock.today()).to.equal('2026-03-31');
    clock.setFixed(null);
    expect(Math.abs(clock.millis() - Date.now())).to.be.below(1000);
  });

  it('takes TIME_ZONE from the configuration, Europe/Amsterdam by default, and refuses an unknown one', () => {
    expect(loadConfig({}).timeZone).to.equal('Europe/Amsterdam');
    expect(loadConfig({ TIME_ZONE: 'Europe/London' }).timeZone).to.equal('Europe/London');
    expect(() => loadConfig({ TIME_ZONE: 'Mars/Olympus' })).to.throw(ConfigError, /TIME_ZONE must be an IANA time zone/);
  });

  it('is the only reader of the system date in the code', () => {
    const root = join(__dirname, '..', '..', '..');
    const files = execFileSync('git', ['ls-files', 'src', 'seeds', 'scripts'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => f.endsWith('.ts') && f !== 'src/shared/clock.ts' && !f.startsWith('src/migrations/'));
    const readers: string[] = [];
    for (const file of files) {
      readFileSync(join(root, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/new Date\(\)|Date\.now\(\)|getTimezoneOffset/.test(line)) readers.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(readers).to.deep.equal([]);
  });
});
