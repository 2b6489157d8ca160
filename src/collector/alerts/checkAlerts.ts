import { budgetFigure, budgetLabel, budgetState, type Budget } from '../../protocol/budgets.js';
import type { VerdictRule } from '../../protocol/queryRoutes.js';
import { findRegressions } from '../compare/findRegressions.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import type { Storage } from '../storage/Storage.js';

/** An alert's state now, with what a webhook says of it. */
export interface AlertNow {
  key: string;
  state: string;
  text: string;
  details: Record<string, unknown>;
}

/** The state an alert has before anything was seen: a change to it is no news. */
export const QUIET_STATES = new Set(['within', 'unchanged']);

/**
 * What the site's alerts say now: each budget over or within for the latest release (by first
 * page view; budgets with fewer than the rule's minimum samples say nothing), and whether the latest release regressed
 * against the one before it (findRegressions).
 */
export async function checkAlerts(
  storage: Storage,
  profiles: ProfileReader,
  site: string,
  { budgets, rule, minViews }: { budgets: readonly Budget[]; rule: VerdictRule; minViews: number },
): Promise<AlertNow[]> {
  const latest = (await storage.releases(site, 100)).sort((a, b) => b.firstSeen - a.firstSeen)[0];
  if (!latest) return [];
  const release = latest.release;
  const budgetAlerts = await Promise.all(
    budgets.map(async (budget): Promise<AlertNow[]> => {
      const filters = { release, page: budget.page, route: budget.route };
      const [vitals, measures] = await Promise.all([storage.vitals(site, filters), storage.measureDistributions(site, filters)]);
      const figure = budgetFigure(budget, vitals, measures);
      const state = budgetState(budget, figure?.p75);
      // Too few page views yet say nothing: the first few of a release would flip a budget back and forth.
      if (state === 'no data' || (figure?.count ?? 0) < rule.minSamples) return [];
      const label = budgetLabel(budget);
      return [
        {
          key: `budget:${label}`,
          state,
          text: `${site} ${release}: ${label} p75 ${Math.round((figure?.p75 ?? 0) * 1000) / 1000} is ${state} its budget of ${budget.p75}`,
          details: { kind: 'budget', release, budget, p75: figure?.p75, count: figure?.count },
        },
      ];
    }),
  );
  const [regression] = await findRegressions(storage, profiles, site, { rule, minViews, limit: 1 });
  const regressed = regression && regression.release === release ? [...regression.vitals, ...regression.measures, ...regression.functions] : [];
  const regressionAlert: AlertNow[] = regression
    ? [
        {
          key: `regression:${regression.release}`,
          state: regressed.length ? 'regressed' : 'unchanged',
          text: `${site} ${regression.release} regressed against ${regression.base}: ${regressed.map((row) => ('file' in row && row.file ? `${row.name} (${row.file}:${row.line})` : row.name)).join(', ')}`,
          details: { kind: 'regression', ...regression },
        },
      ]
    : [];
  return [...budgetAlerts.flat(), ...regressionAlert];
}
