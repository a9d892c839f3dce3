import { expect } from 'chai';
import { clock } from '../../src/shared/clock';
import { startTestApp, type TestApp } from '../helpers/test-app';

// "Today" in the API is the organisation's day: at 00:30 in Amsterdam an action due yesterday
// is overdue, although it is still yesterday in UTC.

describe('today is the organisation\'s day (TIME_ZONE)', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    clock.setFixed(null);
    clock.useTimeZone('Europe/Amsterdam');
    await app?.close();
  });

  it('judges overdue by the day in Europe/Amsterdam, not by the server\'s UTC day', async () => {
    const c = (await app.ok(`{ stakeholderCategories { id } }`)).stakeholderCategories[0].id;
    const s = (await app.ok(`mutation ($c: ID!) { createStakeholder(input: { name: "Huurders", categoryId: $c }) { id } }`, { c })).createStakeholder.id;
    const i = await app.ok(
      `mutation ($s: ID!) { createInteraction(input: { occurredOn: "2026-03-01", subject: "Overleg", stakeholderIds: [$s], followUpActions: [{ description: "Verslag", dueOn: "2026-03-31" }] }) { followUpActions { id } } }`,
      { s },
    );
    const id = i.createInteraction.followUpActions[0].id;
    const overdue = async () => (await app.ok(`query ($id: ID!) { followUpAction(id: $id) { overdue } }`, { id })).followUpAction.overdue;
    clock.setFixed('2026-03-31T22:30:00Z');
    expect(clock.today()).to.equal('2026-04-01');
    expect(await overdue()).to.equal(true);
    clock.useTimeZone('UTC');
    expect(await overdue()).to.equal(false);
  });
});
