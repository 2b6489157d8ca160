import { describe, expect, it } from 'vitest';
import { toFlameTree } from '../../src/collector/profiles/toFlameTree.js';

const frame = (name: string, file = 'app.js', line = 1) => ({ name, file, line, column: 1 });

describe('toFlameTree', () => {
  it('merges the same function under the same caller, sums time up the tree and sorts heaviest first', () => {
    const tree = toFlameTree(
      [
        { frames: [frame('main'), frame('render')], ms: 30 },
        { frames: [frame('main'), frame('filter')], ms: 50 },
        // A second minified copy that resolved to the same original function merges with the first.
        { frames: [frame('main'), frame('filter')], ms: 20 },
        { frames: [], ms: 10 },
      ],
      'all',
    );
    expect(tree.ms).toBe(110);
    expect(tree.children.map((child) => [child.name, child.ms])).toEqual([
      ['main', 100],
      ['(other stacks)', 10],
    ]);
    expect(tree.children[0]?.children.map((child) => [child.name, child.ms])).toEqual([
      ['filter', 70],
      ['render', 30],
    ]);
  });

  it('keeps apart functions of one name in different places, and leaves out nodes too narrow to draw', () => {
    const tree = toFlameTree(
      [
        { frames: [frame('handler', 'a.js', 3)], ms: 600 },
        { frames: [frame('handler', 'b.js', 3)], ms: 400 },
        { frames: [frame('handler', 'a.js', 3), frame('tiny')], ms: 0.5 },
      ],
      'all',
    );
    expect(tree.children.map((child) => child.file)).toEqual(['a.js', 'b.js']);
    // 0.5 ms of 1000.5 is under the 0.1% a flame graph can show: it stays in its caller's time.
    expect(tree.children[0]).toMatchObject({ ms: 600.5, children: [] });
  });
});
