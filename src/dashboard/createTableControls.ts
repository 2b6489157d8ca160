/** A cell's value to sort by: its `data-sort` (numbers, set by the renderer) or its text. */
const sortValueOf = (cell: Element | undefined) => {
  const value = cell instanceof HTMLElement ? cell.dataset.sort : undefined;
  return value !== undefined && value !== '' ? Number(value) : (cell?.textContent ?? '').toLowerCase();
};

/**
 * Makes a table's rows sortable by any column (a button in each header, `aria-sort` saying how) and,
 * with a search box, filterable by their text; and labels every cell with its column's header, which
 * the narrow layout shows beside the value when rows reflow into cards. `apply()` after each redraw.
 */
export function createTableControls(table: HTMLTableElement, search?: HTMLInputElement): { apply(): void } {
  const headers = [...(table.querySelector('thead tr')?.children ?? [])].filter(
    (header): header is HTMLTableCellElement => header instanceof HTMLTableCellElement,
  );
  const labels = headers.map((header) => header.textContent?.trim() ?? '');
  let sortBy = -1;
  let descending = false;

  function apply(): void {
    const body = table.querySelector('tbody');
    if (!body) return;
    const rows = [...body.children].filter((row): row is HTMLTableRowElement => row instanceof HTMLTableRowElement);
    for (const row of rows) [...row.cells].forEach((cell, index) => (cell.dataset.label = labels[index] ?? ''));
    if (sortBy >= 0) {
      const sorted = rows
        .filter((row) => row.cells.length === labels.length)
        .sort((a, b) => {
          const [x, y] = [sortValueOf(a.cells[sortBy]), sortValueOf(b.cells[sortBy])];
          const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
          return descending ? -order : order;
        });
      body.append(...sorted);
    }
    const needle = search?.value.trim().toLowerCase() ?? '';
    for (const row of rows) row.hidden = needle !== '' && row.cells.length === labels.length && !(row.textContent ?? '').toLowerCase().includes(needle);
  }

  headers.forEach((header, index) => {
    if (!labels[index]) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.textContent = labels[index] ?? '';
    button.title = `Sort by ${labels[index]}`;
    button.addEventListener('click', () => {
      // Numbers start with the largest, text from A.
      descending = sortBy === index ? !descending : header.classList.contains('num');
      sortBy = index;
      headers.forEach((other, i) =>
        i === index ? other.setAttribute('aria-sort', descending ? 'descending' : 'ascending') : other.removeAttribute('aria-sort'),
      );
      apply();
    });
    header.replaceChildren(button);
  });
  search?.addEventListener('input', apply);
  return { apply };
}
