import { describe, expect, it } from '@jest/globals';
import { applyOrder, closeGap, placeAt } from './ordering.js';

const children = (...ids: string[]) => ids.map((id, i) => ({ id, order: i + 1 }));
const nth = <T>(list: T[], i: number): T => {
  const item = list[i];
  if (item === undefined) throw new Error(`no item ${i}`);
  return item;
};
const sequence = (items: { id: string; order: number }[]) =>
  [...items].sort((a, b) => a.order - b.order).map((s) => `${s.id}${s.order}`);

describe('ordering', () => {
  it('inserts a new child at a position: the ones from there on move down', () => {
    const siblings = children('a', 'b', 'c');
    const item = { id: 'x', order: 4 };
    placeAt(siblings, item, 2);
    expect(sequence([...siblings, item])).toEqual(['a1', 'x2', 'b3', 'c4']);
  });

  it('puts a child last without a position, and clamps positions beyond either end', () => {
    for (const [position, expected] of [
      [undefined, ['a1', 'b2', 'x3']],
      [99, ['a1', 'b2', 'x3']],
      [0, ['x1', 'a2', 'b3']],
    ] as const) {
      const siblings = children('a', 'b');
      const item = { id: 'x', order: 7 };
      placeAt(siblings, item, position);
      expect(sequence([...siblings, item])).toEqual(expected);
    }
  });

  it('moves a child that is already among the siblings, both ways', () => {
    const down = children('a', 'b', 'c', 'd');
    placeAt(down, nth(down, 0), 3);
    expect(sequence(down)).toEqual(['b1', 'c2', 'a3', 'd4']);
    const up = children('a', 'b', 'c', 'd');
    placeAt(up, nth(up, 3), 1);
    expect(sequence(up)).toEqual(['d1', 'a2', 'b3', 'c4']);
  });

  it('repairs duplicates and gaps it finds (ties by id) while placing', () => {
    const siblings = [
      { id: 'b', order: 2 },
      { id: 'a', order: 2 },
      { id: 'c', order: 9 },
    ];
    const item = { id: 'x', order: 0 };
    placeAt(siblings, item, 1);
    expect(sequence([...siblings, item])).toEqual(['x1', 'a2', 'b3', 'c4']);
  });

  it('closes the gap a leaving child leaves', () => {
    const siblings = children('a', 'b', 'c');
    closeGap(siblings, nth(siblings, 0));
    expect(sequence(siblings.slice(1))).toEqual(['b1', 'c2']);
  });

  it('applies a complete new order, and refuses anything else without changing a position', () => {
    const siblings = children('a', 'b', 'c');
    applyOrder(siblings, ['c', 'a', 'b']);
    expect(sequence(siblings)).toEqual(['c1', 'a2', 'b3']);
    for (const ids of [
      ['a', 'b'],
      ['a', 'b', 'x'],
      ['a', 'a', 'b'],
    ]) {
      expect(() => applyOrder(siblings, ids)).toThrow(/exactly the 3 current children/);
      expect(sequence(siblings)).toEqual(['c1', 'a2', 'b3']);
    }
  });
});
