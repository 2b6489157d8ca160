import { replaceIfChanged } from './replaceIfChanged.js';

/** The table controls of each table, by table: a redrawn body is sorted, filtered and labelled again. */
export const tableControls = new Map<HTMLTableElement, { apply(): void }>();

/**
 * Draws one section from its answer as soon as that answer is there, and only if the part of it
 * the section shows changed; the rows of a table are then sorted, searched and labelled as the
 * reader left them (createTableControls).
 */
export async function showSection<T>(selector: string, answer: Promise<T>, data: (answer: T) => unknown, render: (answer: T) => Node[]): Promise<void> {
  const value = await answer;
  const container = document.querySelector(selector);
  if (!container) return;
  replaceIfChanged(container, data(value), () => render(value));
  const table = container.closest('table');
  if (table) tableControls.get(table)?.apply();
}
