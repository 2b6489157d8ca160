import { describe, expect, it } from 'vitest';
import type { FlameNode } from '../../../src/protocol/queryApi.js';
import { baseTimesOf } from '../../../src/dashboard/flame/baseTimesOf.js';
import { createFlameGraph } from '../../../src/dashboard/flame/createFlameGraph.js';
import { divergingColour } from '../../../src/dashboard/flame/divergingColour.js';
import { frameKey, selfMs } from '../../../src/dashboard/flame/frameKey.js';
import { layoutFlame, rectAt } from '../../../src/dashboard/flame/layoutFlame.js';
import { sandwichOf } from '../../../src/dashboard/flame/sandwichOf.js';
import { searchFlame } from '../../../src/dashboard/flame/searchFlame.js';

const node = (name: string, ms: number, children: FlameNode[] = []): FlameNode => ({
  name,
  file: name === 'all' ? '' : 'app.js',
  line: 1,
  column: 1,
  ms,
  children,
});
/** main calls filter (which recurses once) and render; a handler calls filter too. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const tree = () =>
  node('all', 1000, [
    node('main', 800, [node('filter', 600, [node('filter', 200)]), node('render', 100), node('sliver', 0.1)]),
    node('handler', 200, [node('filter', 150)]),
  ]);

describe('flame graph: layout, search, sandwich and differential mode', () => {
  it('lays out the zoom path full width and the focus’s callees by their share, leaving out what is under half a pixel', () => {
    const root = tree();
    const rows = layoutFlame([root], 0.5 / 1000);
    expect(rows.map((row) => row.map((rect) => [rect.node.name, round(rect.x0), round(rect.x1)]))).toEqual([
      [['all', 0, 1]],
      [
        ['main', 0, 0.8],
        ['handler', 0.8, 1],
      ],
      [
        ['filter', 0, 0.6],
        ['render', 0.6, 0.7],
        ['filter', 0.8, 0.95],
      ],
      [['filter', 0, 0.2]],
    ]);
    expect(rectAt(rows[2], 0.65)?.node.name).toBe('render');
    expect(rectAt(rows[2], 0.75)).toBeUndefined();
    // Zoomed into main: the root stays above as a full-width row, main's callees fill the width.
    const main = root.children[0] as FlameNode;
    const zoomed = layoutFlame([root, main], 0);
    expect(zoomed[2]?.map((rect) => [rect.node.name, round(rect.x0), round(rect.x1)])).toEqual([
      ['filter', 0, 0.75],
      ['render', 0.75, 0.875],
      ['sliver', 0.875, 0.875125],
    ]);
    expect(selfMs(main)).toBeCloseTo(99.9, 6);
  });

  it('finds frames by name or file and sums their time, a recursive call counted once', () => {
    const found = searchFlame(tree(), 'FILTER');
    expect(found.matches.size).toBe(3);
    expect(found.ms).toBe(750);
    expect(found.heaviest.map((match) => match.ms)).toEqual([600, 200, 150]);
    expect(searchFlame(tree(), '  ').matches.size).toBe(0);
  });

  it('merges every call of a function into its callers and callees (sandwich)', () => {
    const sandwich = sandwichOf(tree(), frameKey(node('filter', 0)));
    expect(sandwich?.callers).toMatchObject({
      name: 'filter',
      ms: 750,
      children: [
        { name: 'main', ms: 600, children: [] },
        { name: 'handler', ms: 150, children: [] },
      ],
    });
    expect(sandwich?.callees).toMatchObject({ name: 'filter', ms: 750, children: [{ name: 'filter', ms: 200 }] });
    expect(sandwichOf(tree(), 'nothing')).toBeUndefined();
  });

  it('pairs each frame with the same call path in a base tree, and colours change on a diverging scale', () => {
    const before = node('base', 500, [node('main', 500, [node('render', 400)])]);
    const now = tree();
    const times = baseTimesOf(now, before);
    const main = now.children[0] as FlameNode;
    expect([times.get(now), times.get(main), times.get(main.children[1] as FlameNode), times.get(main.children[0] as FlameNode)]).toEqual([500, 500, 400, 0]);
    expect(divergingColour(0)).toBe('rgb(247 247 247)');
    expect(divergingColour(-1)).toBe('rgb(84 39 136)');
    expect(divergingColour(5)).toBe('rgb(179 88 6)');
  });

  it('draws on a canvas with a search box, breadcrumbs and an accessible name, names never as markup', () => {
    const container = document.createElement('div');
    document.body.append(container);
    const graph = createFlameGraph(container);
    graph.show(node('all', 10, [node('<img src=x onerror=alert(1)>', 10)]));
    expect(container.querySelector('canvas')?.getAttribute('aria-label')).toContain('Arrow keys');
    expect(container.querySelector('.flame-crumbs')?.textContent).toBe('all — 10 ms');
    const search = container.querySelector('input');
    if (search) {
      search.value = 'onerror';
      search.dispatchEvent(new Event('input'));
    }
    expect(container.querySelector('.flame-found')?.textContent).toBe('1 frame match · 10 ms · 100% of all');
    expect(container.querySelector('img')).toBeNull();
    graph.show(node('other', 0));
    expect(container.querySelector('.empty')?.textContent).toBe('No profiled time for this target yet.');
    container.remove();
  });
});
