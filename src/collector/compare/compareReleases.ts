import type { FunctionComparison, MetricComparison, QueryOf, ReleaseComparison, Verdict, VerdictRule } from '../../protocol/queryRoutes.js';
import type { ProfileReader } from '../profiles/createProfileReader.js';
import { rankFunctions } from '../profiles/rankFunctions.js';
import { frameKey } from '../profiles/ResolvedStack.js';
import type { Storage } from '../storage/Storage.js';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { bootstrapQuantileDifference, twoSidedP } from './bootstrapQuantileDifference.js';

/** Bins of the histograms the bootstrap reads, over twice the larger p95: p75 lands within 0.2% of that range. */
const BINS = 1000;
/** Functions compared: the heaviest by self time in either release. */
const FUNCTIONS = 50;
const Z95 = 1.959964;

interface Tested {
  change: number;
  base: number;
  p: number;
  eligible: boolean;
}

/** The same seed for the same name: an answer does not change between two requests for it. */
const seedOf = (name: string) => [...name].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 16_777_619), 2_166_136_261);

/**
 * Two releases under the same filters (compare route; README "Comparing releases"): each vital's
 * and measure's p75 with a bootstrap interval of the difference, each function's self and total
 * time per profiled second and its self time per profiled window (what its verdict is on), and a
 * verdict for each by one rule, with Benjamini–Hochberg across all of the answer's tests.
 * Everything is read through Storage's existing reads, so that every adapter answers it alike.
 */
export async function compareReleases(
  storage: Storage,
  profiles: ProfileReader,
  site: string,
  query: QueryOf<'compare'>,
  rule: VerdictRule,
): Promise<ReleaseComparison> {
  const { base, head, ...filters } = query;
  const releases = [base, head] as const;
  const viewFilters = releases.map((release) => ({ ...filters, release }));
  const profileQueries = releases.map((release) => ({
    site,
    kind: 'window' as const,
    release,
    from: filters.from,
    to: filters.to,
    page: filters.page,
    route: filters.route,
  }));

  const [vitals, measures, windows, functions] = await Promise.all([
    Promise.all(viewFilters.map((filter) => storage.vitals(site, filter))),
    Promise.all(viewFilters.map((filter) => storage.measureDistributions(site, filter))),
    Promise.all(profileQueries.map(async (profileQuery) => (await storage.profiles.targets(profileQuery)).find((target) => target.kind === 'window'))),
    Promise.all(profileQueries.map(async (profileQuery) => rankFunctions({ exact: await profiles.functions(profileQuery) }))),
  ]);

  const compareMetric = async (
    name: string,
    pair: readonly [{ p75: number; p95: number; count: number }, { p75: number; p95: number; count: number }],
    histogram: (width: number, filter: (typeof viewFilters)[number]) => Promise<{ start: number; count: number }[]>,
  ) => {
    const [before, after] = pair;
    const change = after.p75 - before.p75;
    const range = 2 * Math.max(before.p95, after.p95);
    const eligible = before.count >= rule.minSamples && after.count >= rule.minSamples;
    const tested = { name, base: { p75: before.p75, count: before.count }, head: { p75: after.p75, count: after.count }, change };
    if (range <= 0) return { ...tested, interval: [0, 0] as [number, number], test: { change, base: before.p75, p: 1, eligible } };
    const width = range / BINS;
    const [baseBins, headBins] = await Promise.all(viewFilters.map((filter) => histogram(width, filter)));
    const { interval, p } = bootstrapQuantileDifference({ bins: baseBins ?? [], width }, { bins: headBins ?? [], width }, 0.75, seedOf(name));
    return { ...tested, interval, test: { change, base: before.p75, p, eligible } };
  };
  const pairsOf = <T extends { name: string }>([before, after]: T[][]) =>
    (before ?? []).flatMap((one) => {
      const other = (after ?? []).find((candidate) => candidate.name === one.name);
      return other ? [[one, other] as const] : [];
    });

  const vitalRows = await Promise.all(
    pairsOf(vitals).map(([one, other]) =>
      compareMetric(one.name, [one, other], (width, filter) => storage.vitalHistogram(site, one.name, width, BINS, filter)),
    ),
  );
  const measureRows = await Promise.all(
    pairsOf(measures).map(([one, other]) =>
      compareMetric(one.name, [one, other], (width, filter) => storage.measureHistogram(site, one.name, width, BINS, filter)),
    ),
  );

  const profiled = { base: windows[0]?.ms ?? 0, head: windows[1]?.ms ?? 0 };
  const windowCounts = { base: windows[0]?.count ?? 0, head: windows[1]?.count ?? 0 };
  const [baseFunctions = [], headFunctions = []] = functions;
  const keys = [...new Set([...baseFunctions.slice(0, FUNCTIONS), ...headFunctions.slice(0, FUNCTIONS)].map(frameKey))];
  const rateOf = (ms: number, total: number) => (total > 0 ? ms / total : 0);
  const functionRows = keys.map((key) => {
    const [before, after] = [baseFunctions, headFunctions].map((list) => list.find((fn) => frameKey(fn) === key));
    const frame = after ?? before;
    const rates = (fn: typeof before, ms: number, count: number) => ({
      self: 1000 * rateOf(fn?.selfMs ?? 0, ms),
      total: 1000 * rateOf(fn?.totalMs ?? 0, ms),
      perWindow: rateOf(fn?.selfMs ?? 0, count),
      samples: fn?.selfSamples ?? 0,
    });
    const baseRate = rates(before, profiled.base, windowCounts.base);
    const headRate = rates(after, profiled.head, windowCounts.head);
    const change = headRate.perWindow - baseRate.perWindow;
    // Samples as a Poisson count per window, each weighing its mean time: var(self ms) ≈ self ms × ms per sample.
    const variance = (fn: typeof before, count: number) =>
      fn && fn.selfSamples > 0 && count > 0 ? (fn.selfMs * (fn.selfMs / fn.selfSamples)) / count ** 2 : 0;
    const se = Math.sqrt(variance(before, windowCounts.base) + variance(after, windowCounts.head));
    const eligible = baseRate.samples + headRate.samples >= rule.minSamples && windowCounts.base > 1 && windowCounts.head > 1;
    return {
      name: frame?.name ?? '',
      file: frame?.file ?? '',
      line: frame?.line ?? 0,
      column: frame?.column ?? 0,
      base: baseRate,
      head: headRate,
      change,
      interval: [change - Z95 * se, change + Z95 * se] as [number, number],
      samples: baseRate.samples + headRate.samples,
      test: { change, base: baseRate.perWindow, p: se > 0 ? twoSidedP(change / se) : 1, eligible },
    };
  });

  const rows = [...vitalRows, ...measureRows, ...functionRows];
  const tests = rows.map((row) => row.test as Tested).filter((test) => test.eligible);
  const discoveries = benjaminiHochberg(
    tests.map((test) => test.p),
    rule.falseDiscoveryRate,
  );
  const discovered = new Set(tests.filter((_, index) => discoveries[index]));
  const verdictOf = (test: Tested): Verdict =>
    discovered.has(test) && Math.abs(test.change) >= rule.minChange * Math.abs(test.base) ? (test.change > 0 ? 'regressed' : 'improved') : 'unchanged';
  const withVerdict = <T extends { test: Tested }>({ test, ...row }: T) => ({ ...row, verdict: verdictOf(test) });
  const rank: Record<Verdict, number> = { regressed: 0, improved: 1, unchanged: 2 };
  const byVerdict = (a: { verdict: Verdict; change: number }, b: { verdict: Verdict; change: number }) =>
    rank[a.verdict] - rank[b.verdict] || Math.abs(b.change) - Math.abs(a.change);

  return {
    base,
    head,
    profiled,
    windows: windowCounts,
    vitals: vitalRows.map(withVerdict) satisfies MetricComparison[],
    measures: measureRows.map(withVerdict).sort(byVerdict) satisfies MetricComparison[],
    functions: functionRows.map(withVerdict).sort(byVerdict) satisfies FunctionComparison[],
    rule,
  };
}
