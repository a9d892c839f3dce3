import { expect } from 'chai';
import { isActionOverdue } from '../../src/modules/interaction/follow-up';
import { ActionStatus } from '../../src/modules/interaction/interaction.enums';

describe('follow-up action overdue rule', () => {
  const open = { status: ActionStatus.OPEN, dueOn: '2026-03-31' };

  it('is not overdue on its due date, and overdue the day after', () => {
    expect(isActionOverdue(open, '2026-03-31')).to.equal(false);
    expect(isActionOverdue(open, '2026-04-01')).to.equal(true);
  });

  it('is never overdue without a due date or when cancelled', () => {
    expect(isActionOverdue({ status: ActionStatus.OPEN, dueOn: null }, '2030-01-01')).to.equal(false);
    expect(isActionOverdue({ status: ActionStatus.CANCELLED, dueOn: '2026-01-01' }, '2030-01-01')).to.equal(false);
  });

  it('answers for the as-of date: done later means it was overdue before completion', () => {
    const doneLate = { status: ActionStatus.DONE, dueOn: '2026-03-31', completedOn: '2026-05-15' };
    expect(isActionOverdue(doneLate, '2026-04-15')).to.equal(true);
    expect(isActionOverdue(doneLate, '2026-05-15')).to.equal(false);
  });
});
