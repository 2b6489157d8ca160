import uPlot from 'uplot';
import type { HistogramBin } from '../../protocol/queryApi.js';
import { element } from '../element.js';
import { rateVital, type Rating } from '../rateVital.js';
import { RATINGS } from '../renderRating.js';
import { drawMarkers } from './drawMarkers.js';
import { mountChart } from './mountChart.js';
import { tooltipPlugin } from './tooltipPlugin.js';

export interface Histogram {
  /** The vital whose ratings band the bars, or the measure's name (no bands). */
  name: string;
  vital: boolean;
  bins: HistogramBin[];
  width: number;
  count: number;
  format(value: number): string;
  /** A line at the p75, where known. */
  p75?: number;
}

const BANDS: Rating[] = ['good', 'needs-improvement', 'poor'];
const PLAIN = '#1d4ed8';

/**
 * A distribution as bars (uPlot): one bar per bin, the last holding the tail. A vital's bars are
 * coloured by the rating of their values and each rating is a series of its own, named in the
 * legend and the tooltip with its shape, so colour is never the only sign; a measure's are one colour.
 */
export function createHistogramChart(container: HTMLElement): { show(histogram: Histogram): void } {
  const plot = element('div', { className: 'chart' });
  const legend = element('p', { className: 'chart-legend' });
  container.replaceChildren(plot, legend);
  const chart = mountChart(plot);
  let shown = '';

  return {
    show(histogram) {
      const signature = JSON.stringify(histogram, (key, value: unknown) => (key === 'format' ? undefined : value));
      if (signature === shown) return;
      shown = signature;
      const { name, vital, bins, width, count, format, p75 } = histogram;
      const slots = Math.max(1, ...bins.map((bin) => Math.round(bin.start / width) + 1));
      const counts = Array.from({ length: slots }, (_, index) => bins.find((bin) => Math.round(bin.start / width) === index)?.count ?? 0);
      const xs = counts.map((_, index) => (index + 0.5) * width);
      const ratingOf = (index: number): Rating | undefined => (vital ? rateVital(name, (index + 0.5) * width) : undefined);
      const groups = vital ? BANDS : [undefined];
      const data: uPlot.AlignedData = [xs, ...groups.map((group) => counts.map((n, index) => (ratingOf(index) === group && n > 0 ? n : null)))];
      const labelOf = (index: number) => `${format(index * width)}${index === slots - 1 && bins.length ? ' and more' : ` – ${format((index + 1) * width)}`}`;
      plot.setAttribute('role', 'img');
      const tallest = counts.indexOf(Math.max(...counts));
      plot.setAttribute('aria-label', count === 0 ? `${name}: no values in this range` : `${name}: ${count} values, most between ${labelOf(tallest)}`);
      legend.replaceChildren(
        ...(vital
          ? BANDS.map((band) => element('span', { className: `rating ${band}` }, `${RATINGS[band].icon} ${RATINGS[band].label}`))
          : [element('span', {}, `${count} values`)]),
        ...(p75 !== undefined ? [element('span', { className: 'legend-p75' }, `┊ p75 ${format(p75)}`)] : []),
      );
      const bars = uPlot.paths.bars?.({ size: [0.92, Infinity], align: 0 });
      chart.draw(
        (plotWidth) => ({
          width: plotWidth,
          height: 180,
          legend: { show: false },
          cursor: { points: { show: false }, drag: { x: false, y: false } },
          scales: { x: { time: false, range: [0, slots * width] }, y: { range: (_chart, _min, max) => [0, Math.max(1, max * 1.1)] } },
          series: [
            {},
            ...groups.map((group) => ({
              label: group ? RATINGS[group].label : 'values',
              fill: group ? RATINGS[group].fill : PLAIN,
              stroke: group ? RATINGS[group].fill : PLAIN,
              paths: bars,
              points: { show: false },
            })),
          ],
          axes: [
            { stroke: '#475467', grid: { show: false }, values: (_chart, splits) => splits.map((value) => format(value)) },
            {
              stroke: '#475467',
              grid: { stroke: '#eef0f3' },
              size: 44,
              values: (_chart, splits) => splits.map((value) => (Number.isInteger(value) ? String(value) : '')),
            },
          ],
          plugins: [
            tooltipPlugin((index) => {
              const rating = ratingOf(index);
              return [
                labelOf(index),
                `${counts[index] ?? 0} of ${count} (${count ? Math.round(((counts[index] ?? 0) / count) * 100) : 0}%)`,
                rating ? `${RATINGS[rating].icon} ${RATINGS[rating].label}` : '',
              ].filter(Boolean);
            }),
          ],
          hooks: { draw: [(self) => p75 !== undefined && drawMarkers(self, 'x', [{ at: p75, label: 'p75', colour: '#1d2330' }])] },
        }),
        data,
      );
    },
  };
}
