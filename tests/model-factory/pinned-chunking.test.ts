// splitIntoChunks on its own (issue 16): how rows are packed under a parameter budget, at its edges. The
// suites over real databases (chunking.test.ts) show the same through the factory; these are what
// `npm run mutation -- model-factory/chunking.ts` measures it by, in seconds rather than minutes.
import { describe, expect, it } from 'vitest';
import { splitIntoChunks } from '../../model-factory/chunking.js';

const cost = (costs: Record<string, number>) => (row: string) => costs[row]!;

describe('splitIntoChunks', () => {
  it('fills a chunk exactly to the budget before starting the next', () => {
    expect(splitIntoChunks(['a', 'b', 'c', 'd'], 6, () => 2)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('starts a new chunk for the row that would go one parameter over', () => {
    expect(splitIntoChunks(['a', 'b', 'c'], 5, cost({ a: 2, b: 3, c: 1 }))).toEqual([['a', 'b'], ['c']]);
    expect(splitIntoChunks(['a', 'b', 'c'], 5, cost({ a: 2, b: 4, c: 1 }))).toEqual([['a'], ['b', 'c']]);
  });

  it('counts each chunk from zero: a small row after a full chunk joins the next one', () => {
    expect(splitIntoChunks(['a', 'b', 'c', 'd', 'e'], 4, cost({ a: 4, b: 1, c: 3, d: 4, e: 0 }))).toEqual([
      ['a'],
      ['b', 'c'],
      ['d', 'e'],
    ]);
  });

  it('puts a row costing more than the budget in a chunk of its own, never after an empty one', () => {
    expect(splitIntoChunks(['big', 'a'], 3, cost({ big: 5, a: 1 }))).toEqual([['big'], ['a']]);
    expect(splitIntoChunks(['a', 'big'], 3, cost({ big: 5, a: 1 }))).toEqual([['a'], ['big']]);
  });

  it('keeps input order and asks the cost of each row once, with its index', () => {
    const asked: [string, number][] = [];
    const rows = ['x', 'y', 'z'];
    const chunks = splitIntoChunks(rows, 2, (row, index) => {
      asked.push([row, index]);
      return 1;
    });
    expect(chunks).toEqual([['x', 'y'], ['z']]);
    expect(asked).toEqual([
      ['x', 0],
      ['y', 1],
      ['z', 2],
    ]);
  });

  it('returns no chunk for no rows, and one chunk for rows that all fit', () => {
    expect(splitIntoChunks([], 10, () => 1)).toEqual([]);
    expect(splitIntoChunks(['a', 'b'], 10, () => 1)).toEqual([['a', 'b']]);
  });
});
