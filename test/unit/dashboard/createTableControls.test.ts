import { describe, expect, it } from 'vitest';
import { createTableControls } from '../../../src/dashboard/createTableControls.js';
import { createTabs } from '../../../src/dashboard/createTabs.js';
import { cell, numberCell, tableRows } from '../../../src/dashboard/tableRows.js';

function table(): HTMLTableElement {
  const node = document.createElement('table');
  node.innerHTML = '<thead><tr><th>page</th><th class="num">views</th></tr></thead><tbody></tbody>';
  return node;
}

const rows = (body: HTMLTableSectionElement) =>
  [...body.querySelectorAll('tr')].filter((row) => !row.hidden).map((row) => row.querySelector('td')?.textContent);

describe('table controls and tabs', () => {
  it('sorts by a column (numbers by their value, largest first), filters by a search, and labels every cell for the narrow layout', () => {
    const node = table();
    const search = document.createElement('input');
    const controls = createTableControls(node, search);
    const body = node.querySelector('tbody') as HTMLTableSectionElement;
    body.replaceChildren(
      ...tableRows(
        [
          ['/cart', 9],
          ['/products', 120],
          ['/about', 30],
        ].map(([url, views]) => [cell(String(url)), numberCell(`${views} views`, Number(views))]),
        2,
      ),
    );
    controls.apply();
    expect(rows(body)).toEqual(['/cart', '/products', '/about']);
    expect(body.querySelectorAll('td')[1]?.dataset.label).toBe('views');
    const [byPage, byViews] = [...node.querySelectorAll<HTMLButtonElement>('th button')];
    byViews?.click();
    expect(rows(body)).toEqual(['/products', '/about', '/cart']);
    expect(node.querySelectorAll('th')[1]?.getAttribute('aria-sort')).toBe('descending');
    byPage?.click();
    expect(rows(body)).toEqual(['/about', '/cart', '/products']);
    search.value = 'CAR';
    search.dispatchEvent(new Event('input'));
    expect(rows(body)).toEqual(['/cart']);
  });

  it('moves between tabs with the arrow keys, Home and End, one tab in the Tab order', () => {
    document.body.innerHTML = `<div id="tabs" role="tablist">${['a', 'b', 'c'].map((name) => `<button id="tab-${name}" role="tab"></button>`).join('')}</div>${['a', 'b', 'c'].map((name) => `<section id="${name}"></section>`).join('')}`;
    const chosen: string[] = [];
    const tabs = createTabs(document.getElementById('tabs') as HTMLElement, ['a', 'b', 'c'] as const, (name) => chosen.push(name));
    tabs.select('a');
    const press = (key: string) => document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    document.getElementById('tab-a')?.focus();
    press('ArrowRight');
    press('ArrowRight');
    press('ArrowRight');
    press('End');
    press('Home');
    press('ArrowLeft');
    expect(chosen).toEqual(['b', 'c', 'a', 'c', 'a', 'c']);
    expect(['a', 'b', 'c'].map((name) => [document.getElementById(`tab-${name}`)?.getAttribute('tabindex'), document.getElementById(name)?.hidden])).toEqual([
      ['-1', true],
      ['-1', true],
      ['0', false],
    ]);
  });
});
