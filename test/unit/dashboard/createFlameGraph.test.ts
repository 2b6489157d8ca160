import { describe, expect, it } from 'vitest';
import type { FlameNode } from '../../../src/protocol/queryApi.js';
import { createFlameGraph } from '../../../src/dashboard/createFlameGraph.js';

const node = (name: string, ms: number, children: FlameNode[] = []): FlameNode => ({ name, file: name === 'all' ? '' : 'app.js', line: 1, column: 1, ms, children });
const tree = () => node('all', 1000, [node('main', 800, [node('filter', 600), node('render', 100), node('sliver', 1)]), node('<img src=x onerror=alert(1)>', 200)]);
const frames = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.flame-frame')].map((frame) => [frame.textContent, frame.parentElement?.style.width]);

describe('flame graph', () => {
  it('nests callees under callers with widths in proportion to time, leaving out slivers, names as text', () => {
    const container = document.createElement('div');
    createFlameGraph(container).show(tree());
    expect(frames(container)).toEqual([
      ['all', '100%'],
      ['main', '80%'],
      ['filter', '75%'],
      ['render', '12.5%'],
      ['<img src=x onerror=alert(1)>', '20%'],
    ]);
    expect(container.querySelector('img')).toBeNull();
  });

  it('zooms into a clicked frame, keeps the zoom over a refresh with new data, and zooms out from the crumbs', () => {
    const container = document.createElement('div');
    const graph = createFlameGraph(container);
    graph.show(tree());
    container.querySelectorAll<HTMLElement>('.flame-frame')[1]?.click();
    expect(frames(container)).toEqual([['main', '100%'], ['filter', '75%'], ['render', '12.5%']]);
    const grown = tree();
    grown.ms = 2000;
    (grown.children[0] as FlameNode).ms = 1600;
    graph.show(grown);
    expect(frames(container)[0]).toEqual(['main', '100%']);
    expect(container.querySelector('.flame-crumbs')?.textContent).toBe('all › main — 1.60 s');
    container.querySelector<HTMLElement>('.flame-crumbs button')?.click();
    expect(frames(container)[0]).toEqual(['all', '100%']);
    // And from the keyboard.
    container.querySelectorAll<HTMLElement>('.flame-frame')[2]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(frames(container)).toEqual([['filter', '100%']]);
    // Another target (its root names it) starts unzoomed.
    graph.show({ ...tree(), name: 'demo window' });
    expect(frames(container)[0]).toEqual(['demo window', '100%']);
  });

  it('says so when the target has no profiled time', () => {
    const container = document.createElement('div');
    createFlameGraph(container).show(node('all', 0));
    expect(container.textContent).toBe('No profiled time for this target yet.');
  });
});
