import { Type, type Static } from '@sinclair/typebox';

/**
 * A performance budget: a vital's p75 (`LCP`, `INP`, …) or a measure's (`measure:<name>`), at
 * most `p75` (ms; CLS unitless), over a page or a route or the whole site. Budgets live in the
 * collector's config (its alerts watch them) or in a file `pageprof check --budgets` reads.
 */
export const Budget = Type.Object(
  {
    metric: Type.String({ minLength: 1, maxLength: 264, pattern: '^(LCP|INP|CLS|FCP|TTFB|measure:.+)$' }),
    p75: Type.Number({ minimum: 0 }),
    page: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
    route: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  },
  { additionalProperties: false },
);
export const Budgets = Type.Array(Budget, { maxItems: 200 });
export const BudgetsFile = Type.Object({ budgets: Budgets }, { additionalProperties: false });

export type Budget = Static<typeof Budget>;
export type BudgetsFile = Static<typeof BudgetsFile>;

/** What a budget says of a release: within it, over it, or no data to tell. */
export type BudgetState = 'within' | 'over' | 'no data';

/** The prefix that makes a budget's metric a `perf.measure()` name rather than a vital. */
export const MEASURE_PREFIX = 'measure:';

/** What a budget covers, as text: `LCP on https://shop.example/`. */
export const budgetLabel = ({ metric, page, route }: Budget) => `${metric}${page ? ` on ${page}` : ''}${route ? ` at route ${route}` : ''}`;

/** The p75 and count a budget is about, among a release's vitals and measures (as the query API answers them). */
export function budgetFigure(budget: Budget, vitals: readonly Figure[], measures: readonly Figure[]): Figure | undefined {
  return budget.metric.startsWith(MEASURE_PREFIX)
    ? measures.find((measure) => measure.name === budget.metric.slice(MEASURE_PREFIX.length))
    : vitals.find((vital) => vital.name === budget.metric);
}
interface Figure {
  name: string;
  p75: number;
  count: number;
}

export const budgetState = (budget: Budget, p75: number | undefined): BudgetState => (p75 === undefined ? 'no data' : p75 > budget.p75 ? 'over' : 'within');
