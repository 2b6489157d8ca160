import type uPlot from 'uplot';
import type { ReleaseSpan, TimeBucket } from '../../protocol/queryApi.js';
import { element } from '../element.js';
import { formatVital } from '../format.js';
import { THRESHOLDS } from '../rateVital.js';
import { drawMarkers } from './drawMarkers.js';
import { mountChart } from './mountChart.js';
import { tooltipPlugin } from './tooltipPlugin.js';

export interface Trend {
  vital: string;
  series: TimeBucket[];
  releases: ReleaseSpan[];
  /** The time axis, epoch ms. */
  from: number;
  to: number;
}

const RELEASE = '#5b4fcf';
const LINES = [
  { key: 'p75', label: 'p75', stroke: '#1d4ed8', width: 2.5, dash: undefined },
  { key: 'p50', label: 'p50', stroke: '#475467', width: 1.5, dash: [6, 4] },
  { key: 'p95', label: 'p95', stroke: '#9e4a00', width: 1.5, dash: [2, 3] },
] as const;

/** The release current at `at`: the newest whose first page view was no later. */
const releaseAt = (releases: readonly ReleaseSpan[], at: number) => releases.find((release) => release.firstSeen <= at)?.release;

/**
 * A vital over time (uPlot): p75, p50 and p95 per bucket with axes, its good and poor thresholds,
 * a marker where each release was first seen, and a tooltip naming the bucket's values, page views
 * and release. The legend says what each line's style means, so colour is never needed to tell them apart.
 */
export function createTrendChart(container: HTMLElement): { show(trend: Trend): void } {
  const plot = element('div', { className: 'chart' });
  const legend = element(
    'p',
    { className: 'chart-legend' },
    ...LINES.map((line) => element('span', { className: `legend-${line.key}` }, line.key === 'p75' ? '━ p75' : line.key === 'p50' ? '╌ p50' : '┈ p95')),
    element('span', { className: 'legend-release' }, '┊ release first seen'),
  );
  const caption = element('p', { className: 'visually-hidden' });
  container.replaceChildren(plot, legend, caption);
  const chart = mountChart(plot);
  let shown = '';

  return {
    show(trend) {
      const signature = JSON.stringify(trend);
      if (signature === shown) return;
      shown = signature;
      const { vital, series, releases, from, to } = trend;
      const format = (value: number | null | undefined) => formatVital(vital, value);
      const [good, poor] = THRESHOLDS[vital] ?? [0, 0];
      const top = Math.max(good * 1.1, ...series.map((bucket) => bucket.p95 * 1.05));
      const data: uPlot.AlignedData = [series.map((bucket) => bucket.at), ...LINES.map((line) => series.map((bucket) => bucket[line.key]))];
      const inRange = releases.filter((release) => release.firstSeen >= from && release.firstSeen <= to);
      plot.setAttribute('role', 'img');
      plot.setAttribute(
        'aria-label',
        series.length === 0
          ? `${vital} over time: no page views in this range`
          : `${vital} p75 over time, ${series.length} buckets, from ${format(series[0]?.p75)} to ${format(series.at(-1)?.p75)}` +
              (inRange.length ? `; releases first seen: ${inRange.map((release) => release.release).join(', ')}` : ''),
      );
      caption.textContent = plot.getAttribute('aria-label') ?? '';
      chart.draw(
        (width) => ({
          width,
          height: 220,
          ms: 1,
          legend: { show: false },
          cursor: { points: { size: 7 } },
          scales: { x: { time: true, range: [from, to] }, y: { range: [0, top] } },
          series: [
            {},
            ...LINES.map((line) => ({
              label: line.label,
              stroke: line.stroke,
              width: line.width,
              dash: line.dash ? [...line.dash] : undefined,
              spanGaps: true,
              points: { show: series.length < 3 },
            })),
          ],
          axes: [
            { stroke: '#475467', grid: { stroke: '#eef0f3' } },
            { stroke: '#475467', grid: { stroke: '#eef0f3' }, size: 64, values: (_chart, splits) => splits.map((value) => format(value)) },
          ],
          plugins: [
            tooltipPlugin((index) => {
              const bucket = series[index];
              if (!bucket) return [];
              const release = releaseAt(releases, bucket.at);
              return [
                new Date(bucket.at).toLocaleString(),
                `p75 ${format(bucket.p75)} · p50 ${format(bucket.p50)} · p95 ${format(bucket.p95)}`,
                `${bucket.count} page views${release ? ` · release ${release}` : ''}`,
              ];
            }),
          ],
          hooks: {
            draw: [
              (self) => {
                drawMarkers(self, 'y', [
                  { at: good, label: `good ≤ ${format(good)}`, colour: '#00734f' },
                  { at: poor, label: `poor > ${format(poor)}`, colour: '#b23c00' },
                ]);
                drawMarkers(
                  self,
                  'x',
                  inRange.map((release) => ({ at: release.firstSeen, label: release.release, colour: RELEASE })),
                );
              },
            ],
          },
        }),
        data,
      );
    },
  };
}
