import { expect } from 'chai';
import { byCreatedAsc, byCreatedDesc, byDateDesc, byName, byText, byTitle } from '../../src/shared/order';

const ids = (list: { id: string }[]) => list.map((x) => x.id);

describe('list orders', () => {
  it('puts the latest day first and breaks a tie by id, ascending', () => {
    const list = [
      { id: 'b', on: '2024-03-01' },
      { id: 'c', on: '2024-12-31' },
      { id: 'a', on: '2024-03-01' },
    ];
    expect(ids([...list].sort(byDateDesc((x) => x.on)))).to.deep.equal(['c', 'a', 'b']);
  });

  it('sorts names and titles by collation, so an accented letter sorts with its base letter', () => {
    const names = [
      { id: '1', name: 'Zorg', title: 'Zorg' },
      { id: '2', name: 'Émancipatie', title: 'Émancipatie' },
      { id: '3', name: 'Fonds', title: 'Fonds' },
    ];
    expect(ids([...names].sort(byName))).to.deep.equal(['2', '3', '1']);
    expect(ids([...names].sort(byTitle))).to.deep.equal(['2', '3', '1']);
    expect(ids([...names].sort(byText((x) => x.name)))).to.deep.equal(['2', '3', '1']);
  });

  it('breaks a tie on the text by id', () => {
    const same = [
      { id: 'y', name: 'Gemeente' },
      { id: 'x', name: 'Gemeente' },
    ];
    expect(ids([...same].sort(byName))).to.deep.equal(['x', 'y']);
  });

  it('orders by registration time either way, ties by id ascending', () => {
    const t = (ms: number) => new Date(Date.UTC(2024, 0, 1) + ms);
    const list = [
      { id: 'b', createdAt: t(5) },
      { id: 'a', createdAt: t(5) },
      { id: 'c', createdAt: t(1) },
    ];
    expect(ids([...list].sort(byCreatedAsc))).to.deep.equal(['c', 'a', 'b']);
    expect(ids([...list].sort(byCreatedDesc))).to.deep.equal(['a', 'b', 'c']);
  });
});
