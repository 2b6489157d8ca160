import { budgetLabel, type Budget, type BudgetState } from '../../protocol/budgets.js';

export interface CheckedBudget {
  budget: Budget;
  p75: number | undefined;
  count: number;
  state: BudgetState;
}

const shown = (value: number | undefined, metric: string) => (value === undefined ? '–' : metric === 'CLS' ? value.toFixed(3) : `${Math.round(value)} ms`);
const rowsOf = (checked: CheckedBudget[]) =>
  checked.map(({ budget, p75, count, state }) => [budgetLabel(budget), shown(p75, budget.metric), shown(budget.p75, budget.metric), String(count), state]);
const HEADER = ['budget', 'p75', 'limit', 'samples', 'state'];

/** The budgets as a plain-text table for a terminal, columns padded. */
export function budgetTable(checked: CheckedBudget[]): string {
  const rows = [HEADER, ...rowsOf(checked)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The same as Markdown, headed by the verdict, for a CI job to post on a pull request. Cells are escaped: a page URL may hold a `|`. */
export function budgetMarkdown(checked: CheckedBudget[], site: string, release: string): string {
  const over = checked.filter((one) => one.state === 'over').length;
  const escapeCell = (cell: string) => cell.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [
    `### pageprof budgets: ${escapeCell(site)} ${escapeCell(release)}`,
    '',
    over ? `**${over} of ${checked.length} budgets over.**` : `All ${checked.length} budgets within.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    `|${HEADER.map(() => ' --- ').join('|')}|`,
    ...rowsOf(checked).map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}
