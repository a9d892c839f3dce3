import { expect } from 'chai';
import { currentOf, powerInterestQuadrant, salienceClass } from '../../src/modules/stakeholder/salience';
import { PowerInterestQuadrant, SalienceClass } from '../../src/modules/stakeholder/stakeholder.enums';

describe('salience rules', () => {
  it('puts power and interest of 3 or more in the high half of the grid', () => {
    expect(powerInterestQuadrant(3, 3)).to.equal(PowerInterestQuadrant.MANAGE_CLOSELY);
    expect(powerInterestQuadrant(5, 2)).to.equal(PowerInterestQuadrant.KEEP_SATISFIED);
    expect(powerInterestQuadrant(2, 5)).to.equal(PowerInterestQuadrant.KEEP_INFORMED);
    expect(powerInterestQuadrant(1, 2)).to.equal(PowerInterestQuadrant.MONITOR);
  });

  it('derives every Mitchell class from the three attributes', () => {
    expect(salienceClass(false, false, false)).to.equal(SalienceClass.NON_STAKEHOLDER);
    expect(salienceClass(true, false, false)).to.equal(SalienceClass.DORMANT);
    expect(salienceClass(false, true, false)).to.equal(SalienceClass.DISCRETIONARY);
    expect(salienceClass(false, false, true)).to.equal(SalienceClass.DEMANDING);
    expect(salienceClass(true, true, false)).to.equal(SalienceClass.DOMINANT);
    expect(salienceClass(true, false, true)).to.equal(SalienceClass.DANGEROUS);
    expect(salienceClass(false, true, true)).to.equal(SalienceClass.DEPENDENT);
    expect(salienceClass(true, true, true)).to.equal(SalienceClass.DEFINITIVE);
  });

  it('takes the latest assessment that is not archived as current, as of a date', () => {
    const a = { id: 'a', assessedOn: '2025-01-10', createdAt: new Date(1), archivedAt: null };
    const b = { id: 'b', assessedOn: '2025-06-01', createdAt: new Date(2), archivedAt: null };
    const c = { id: 'c', assessedOn: '2025-06-01', createdAt: new Date(3), archivedAt: null };
    const d = { id: 'd', assessedOn: '2026-01-01', createdAt: new Date(4), archivedAt: new Date(5) };
    expect(currentOf([a, b, c, d])?.id).to.equal('c');
    expect(currentOf([a, b, c, d], '2025-05-31')?.id).to.equal('a');
    expect(currentOf([a], '2024-12-31')).to.equal(null);
    expect(currentOf([])).to.equal(null);
  });
});
