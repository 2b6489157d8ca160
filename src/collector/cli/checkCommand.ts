import { writeFileSync } from 'node:fs';
import { budgetFigure, budgetState, MEASURE_PREFIX, type Budget } from '../../protocol/budgets.js';
import type { MeasureDistribution, VitalSummary } from '../../protocol/queryApi.js';
import { budgetMarkdown, budgetTable, type CheckedBudget } from '../budgets/budgetReport.js';
import { readBudgets } from './readBudgets.js';
import { parseFlags, UsageError, usersMistake } from './parseFlags.js';

const usage = `usage: pageprof check --site S --release R --token READ_TOKEN [--budgets budgets.json]
                     [--endpoint http://127.0.0.1:8080] [--summary summary.md]
Checks a release against budgets ({ "budgets": [{ "metric": "LCP", "p75": 2500, "page": "https://shop.example/" }] },
metric a vital or measure:<name>, page or route optional): prints each budget's p75, writes a Markdown
summary with --summary, and exits 1 when a budget is over (0 when all are within or have no data).`;

/** `pageprof check`: a release's p75s against budgets, through the query API. Returns the exit code. */
export async function checkCommand(args: string[]): Promise<number> {
  const { values } = parseFlags('check', args, {
    site: { type: 'string', default: process.env.PAGEPROF_SITE },
    release: { type: 'string' },
    token: { type: 'string', default: process.env.PAGEPROF_READ_TOKEN },
    endpoint: { type: 'string', default: process.env.PAGEPROF_ENDPOINT ?? 'http://127.0.0.1:8080' },
    budgets: { type: 'string', default: 'pageprof-budgets.json' },
    summary: { type: 'string' },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.site) throw new UsageError('pageprof check: --site is required');
  if (!values.release) throw new UsageError('pageprof check: --release is required (the release to check)');
  if (!values.token) throw new UsageError("pageprof check: --token is required (a site's read token, or PAGEPROF_READ_TOKEN)");
  const budgets = readBudgets(values.budgets);
  const endpoint = usersMistake(() => new URL(values.endpoint));
  const { site, release, token } = values;

  const ask = async <T>(path: string, budget: Budget): Promise<T> => {
    const url = new URL(`/v1/sites/${encodeURIComponent(site)}/${path}`, endpoint);
    url.search = new URLSearchParams(
      Object.entries({ release, page: budget.page, route: budget.route }).filter((entry): entry is [string, string] => entry[1] !== undefined),
    ).toString();
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`pageprof check: ${url.pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const checked: CheckedBudget[] = [];
  for (const budget of budgets) {
    const measured = budget.metric.startsWith(MEASURE_PREFIX);
    const found = budgetFigure(
      budget,
      measured ? [] : (await ask<{ vitals: VitalSummary[] }>('vitals', budget)).vitals,
      measured ? (await ask<{ measures: MeasureDistribution[] }>('measures', budget)).measures : [],
    );
    checked.push({ budget, p75: found?.p75, count: found?.count ?? 0, state: budgetState(budget, found?.p75) });
  }
  console.log(budgetTable(checked));
  if (values.summary) writeFileSync(values.summary, budgetMarkdown(checked, site, release));
  return checked.some((one) => one.state === 'over') ? 1 : 0;
}
