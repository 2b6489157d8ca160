import { describe, expect, it } from 'vitest';
import { renderFunctions } from '../../../src/dashboard/renderFunctions.js';
import { renderInteractions } from '../../../src/dashboard/renderInteractions.js';
import { renderPages } from '../../../src/dashboard/renderPages.js';
import { replaceIfChanged } from '../../../src/dashboard/replaceIfChanged.js';

const noLinks = { showProfile: () => undefined, openView: () => undefined };
const interaction = (target: unknown) => ({
  viewId: 'v1',
  name: 'click',
  url: 'https://shop.example/products',
  release: 'web-2',
  route: null,
  at: 0,
  duration: 400,
  attribution: {
    target,
    interactionId: 7,
    inputDelay: 100,
    processing: 200,
    presentation: 100,
    scripts: [
      {
        url: 'https://shop.example/app.js',
        fn: '',
        invoker: 'BUTTON#buy.onclick',
        invokerType: 'event-listener',
        char: 1,
        start: 0,
        duration: 180,
        forcedLayout: 0,
        pause: 0,
      },
    ],
  },
});

describe('dashboard tables', () => {
  it('redraws a section only when its data changed, so a refresh keeps the same nodes', () => {
    const body = document.createElement('tbody');
    let renders = 0;
    const render = () => {
      renders++;
      return renderInteractions([interaction('button#buy')], noLinks);
    };
    replaceIfChanged(body, [1], render);
    const first = body.firstChild;
    replaceIfChanged(body, [1], render);
    expect(body.firstChild).toBe(first);
    replaceIfChanged(body, [2], render);
    expect(body.firstChild).not.toBe(first);
    expect(renders).toBe(2);
  });

  it("shows an interaction's target, phases in proportion and its scripts, naming what the browser did not say", () => {
    const opened: unknown[][] = [];
    const [row] = renderInteractions([interaction('<b>button#buy</b>')], {
      showProfile: (...args) => void opened.push(['profile', ...args]),
      openView: (id) => void opened.push(['view', id]),
    });
    const cells = [...(row?.cells ?? [])];
    expect(cells[0]?.textContent).toBe('400 ms');
    expect(cells[1]?.textContent).toBe('<b>button#buy</b>');
    expect(cells[1]?.querySelector('b')).toBeNull();
    expect([...(cells[2]?.querySelectorAll<HTMLElement>('.phases span') ?? [])].map((bar) => bar.style.width)).toEqual(['25%', '50%', '25%']);
    expect(cells[3]?.textContent).toBe('(anonymous) 180 ms · BUTTON#buy.onclickhttps://shop.example/app.js');
    expect(renderInteractions([interaction(42)], noLinks)[0]?.cells[1]?.textContent).toBe('(unknown target)');
    // The profile of this very interaction (its interactionId), and its page view.
    for (const button of cells[4]?.querySelectorAll('button') ?? []) button.click();
    expect(opened).toEqual([
      ['profile', 'click', 'https://shop.example/products', 7, 'v1'],
      ['view', 'v1'],
    ]);
  });

  it("says when there is no data, and a page's URL filters by that page", () => {
    expect(renderPages([], () => undefined)[0]?.textContent).toBe('No data yet.');
    const picked: string[] = [];
    const [row] = renderPages([{ url: 'https://shop.example/cart', views: 3, weightedViews: 3, LCP: 4100, INP: null, CLS: 0.02 }], (url) => picked.push(url));
    row?.querySelector('button')?.click();
    expect(picked).toEqual(['https://shop.example/cart']);
    expect([...(row?.cells ?? [])].slice(2).map((cell) => [cell.textContent, cell.className])).toEqual([
      ['✕ 4.10 s', 'num poor'],
      ['–', 'num'],
      ['✓ 0.020', 'num good'],
    ]);
  });

  it('marks profile times estimated from sample counts (SDKs of protocol 1) with ≈', () => {
    const fn = { name: 'filterProducts', file: 'src/products.js', line: 7, column: 1, selfMs: 452, totalMs: 460, selfSamples: 45, totalSamples: 46 };
    const [measured, estimated] = renderFunctions([
      { ...fn, estimated: false },
      { ...fn, name: 'sortRows', estimated: true },
    ]);
    expect([...(measured?.cells ?? [])].map((cell) => cell.textContent).slice(2, 4)).toEqual(['452 ms', '460 ms']);
    expect([...(estimated?.cells ?? [])].map((cell) => cell.textContent).slice(2, 4)).toEqual(['≈ 452 ms', '≈ 460 ms']);
  });
});
