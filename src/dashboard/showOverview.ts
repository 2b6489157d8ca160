import type { MeasureDistribution, ReleaseSpan } from '../protocol/queryApi.js';
import { measureBins, vitalBins } from './charts/binWidths.js';
import { createHistogramChart, type Histogram } from './charts/createHistogramChart.js';
import type { Trend } from './charts/createTrendChart.js';
import { timeAxis } from './charts/timeAxis.js';
import type { Api } from './createApi.js';
import { element } from './element.js';
import { formatMs, formatVital } from './format.js';
import { renderInteractions, type InteractionLinks } from './renderInteractions.js';
import { renderMeasures } from './renderMeasures.js';
import { renderPages } from './renderPages.js';
import { renderScripts } from './renderScripts.js';
import { renderViews } from './renderViews.js';
import { renderVitals } from './renderVitals.js';
import { showSection } from './showSection.js';

/** How many measures get a histogram: the most frequent, each a request of its own. */
const MEASURE_CHARTS = 4;

export interface OverviewView {
  trend: { show(trend: Trend): void };
  histogram: { show(histogram: Histogram): void };
  /** One chart per measure name, kept across refreshes. */
  measureCharts: Map<string, { show(histogram: Histogram): void }>;
  links: InteractionLinks & { filterByPage(url: string): void; chooseVital(vital: string): void };
}

const withParams = (params: URLSearchParams, extra: Record<string, string | number>) => {
  const query = new URLSearchParams(params);
  for (const [key, value] of Object.entries(extra)) query.set(key, String(value));
  return query;
};

/**
 * The overview: every section asked for with the same filters at once and drawn as soon as its own
 * answer is there (each redrawn only if its data changed); the chosen vital's trend after the
 * releases that place its time axis, the measures' histograms after the measures that size them.
 */
export async function showOverview(
  api: Api,
  params: URLSearchParams,
  { vital, rangeStart, releases }: { vital: string; rangeStart: number | undefined; releases: Promise<ReleaseSpan[]> },
  view: OverviewView,
): Promise<void> {
  const { links } = view;
  const limited = (limit: number) => withParams(params, { limit });
  const bins = vitalBins(vital);
  const vitalSummaries = api.get('vitals', params);
  const measures = api.get('measures', params);
  // The trend waits for the releases that place its time axis and its markers; the histogram does not.
  const trend = releases.then(async (spans) => {
    const axis = timeAxis(rangeStart, Date.now(), spans.length ? Math.min(...spans.map((span) => span.firstSeen)) : undefined);
    const { series } = await api.get('vitals/series', withParams(params, { vital, bucket: axis.bucketMs }));
    view.trend.show({ vital, series, releases: spans, from: axis.from, to: axis.to });
  });
  const histogram = Promise.all([api.get('vitals/histogram', withParams(params, { vital, ...bins })), vitalSummaries]).then(
    ([{ histogram: counts }, { vitals }]) => {
      const summary = vitals.find((candidate) => candidate.name === vital);
      view.histogram.show({
        name: vital,
        vital: true,
        bins: counts,
        width: bins.width,
        count: summary?.count ?? 0,
        format: (value) => formatVital(vital, value),
        p75: summary?.p75,
      });
    },
  );
  await Promise.all([
    trend,
    histogram,
    showSection(
      '#vitals',
      vitalSummaries,
      ({ vitals }) => [vitals, vital],
      ({ vitals }) => renderVitals(vitals, vital, links.chooseVital),
    ),
    showSection(
      '#pages tbody',
      api.get('pages', limited(50)),
      ({ pages }) => pages,
      ({ pages }) => renderPages(pages, links.filterByPage),
    ),
    showSection(
      '#interactions tbody',
      api.get('interactions', limited(10)),
      ({ interactions }) => interactions,
      ({ interactions }) => renderInteractions(interactions, links),
    ),
    showSection(
      '#scripts tbody',
      api.get('scripts', limited(10)),
      ({ scripts }) => scripts,
      ({ scripts }) => renderScripts(scripts),
    ),
    showSection(
      '#measures tbody',
      measures,
      ({ measures: list }) => list,
      ({ measures: list }) => renderMeasures(list),
    ),
    showSection(
      '#views tbody',
      api.get('views', limited(50)),
      ({ views }) => views,
      ({ views }) => renderViews(views, links.openView),
    ),
    measures.then(({ measures: list }) => showMeasureCharts(api, params, list, view.measureCharts)),
  ]);
}

async function showMeasureCharts(api: Api, params: URLSearchParams, measures: MeasureDistribution[], charts: OverviewView['measureCharts']): Promise<void> {
  const grid = document.querySelector('#measure-charts');
  if (!grid) return;
  const shown = [...measures].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, MEASURE_CHARTS);
  const answers = await Promise.all(
    shown.map((measure) => api.get('measures/histogram', withParams(params, { name: measure.name, ...measureBins(measure.p95) }))),
  );
  const kept = new Set(shown.map((measure) => measure.name));
  for (const name of charts.keys()) if (!kept.has(name)) charts.delete(name);
  const figures = shown.map((measure, index) => {
    let chart = charts.get(measure.name);
    let figure = [...grid.children].find((child) => child instanceof HTMLElement && child.dataset.measure === measure.name);
    if (!chart || !figure) {
      const box = element('div');
      figure = element('figure', { data: { measure: measure.name } }, element('figcaption', {}, measure.name), box);
      chart = createHistogramChart(box);
      charts.set(measure.name, chart);
    }
    const { width } = measureBins(measure.p95);
    chart.show({ name: measure.name, vital: false, bins: answers[index]?.histogram ?? [], width, count: measure.count, format: formatMs, p75: measure.p75 });
    return figure;
  });
  // Existing figures are moved, not remade: their charts and tooltips stay.
  if (figures.some((figure, index) => grid.children[index] !== figure) || grid.children.length !== figures.length) grid.replaceChildren(...figures);
}
