import { expect } from 'chai';
import { compareSiblings, inTreeOrder, wouldCreateCycle, type TreeNode } from '../../src/modules/governance/provision-tree';

function node(id: string, reference: string, position: number, parent: string | null = null): TreeNode {
  return { id, reference, position, parent: parent ? { id: parent } : null };
}

describe('provision tree rules', () => {
  it('orders siblings by position, then reference with numbers compared as numbers, then id', () => {
    const nodes = [node('d', '3.10', 1), node('c', '3.2', 1), node('b', 'b', 0), node('a', 'a', 2), node('e', '3.2', 1)];
    expect([...nodes].sort(compareSiblings).map((n) => n.id)).to.deep.equal(['b', 'c', 'e', 'd', 'a']);
  });

  it('lists a tree depth first, each provision followed by its children', () => {
    const nodes = [
      node('p2', '2', 1),
      node('p1-b', '1.2', 1, 'p1'),
      node('p1', '1', 0),
      node('p1-a-i', '1.1 (i)', 0, 'p1-a'),
      node('p1-a', '1.1', 0, 'p1'),
      node('p2-a', '2.1', 0, 'p2'),
    ];
    expect(inTreeOrder(nodes).map((n) => n.reference)).to.deep.equal(['1', '1.1', '1.1 (i)', '1.2', '2', '2.1']);
  });

  it('loses no provision: a parent outside the list makes a root, a cycle is appended', () => {
    const orphan = [node('x', '9', 0, 'elsewhere'), node('y', '1', 5)];
    expect(inTreeOrder(orphan).map((n) => n.id)).to.deep.equal(['x', 'y']);
    const cyclic = [node('r', '1', 0), node('a', '2', 0, 'b'), node('b', '3', 1, 'a')];
    expect(inTreeOrder(cyclic).map((n) => n.id)).to.deep.equal(['r', 'a', 'b']);
  });

  it('refuses a new parent that is the provision itself or one of its descendants', () => {
    const parentOf = new Map<string, string | null>([
      ['root', null],
      ['child', 'root'],
      ['grandchild', 'child'],
      ['other', null],
    ]);
    expect(wouldCreateCycle('root', 'root', parentOf)).to.equal(true);
    expect(wouldCreateCycle('root', 'child', parentOf)).to.equal(true);
    expect(wouldCreateCycle('root', 'grandchild', parentOf)).to.equal(true);
    expect(wouldCreateCycle('child', 'other', parentOf)).to.equal(false);
    expect(wouldCreateCycle('grandchild', 'root', parentOf)).to.equal(false);
    expect(wouldCreateCycle('other', 'grandchild', parentOf)).to.equal(false);
  });
});
