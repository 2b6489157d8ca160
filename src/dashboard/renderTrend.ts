import type { TimeBucket } from '../protocol/queryApi.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 200;
const HEIGHT = 32;

/** A vital's p75 over time as a sparkline (from numbers only); nothing when there are fewer than two buckets. */
export function renderTrend(series: TimeBucket[], format: (value: number) => string): SVGSVGElement | null {
  if (series.length < 2) return null;
  const first = series[0]?.at ?? 0;
  const span = (series.at(-1)?.at ?? first) - first || 1;
  const top = Math.max(...series.map((point) => point.p75)) || 1;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'trend');
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', series.map((point) => `${(((point.at - first) / span) * WIDTH).toFixed(1)},${(HEIGHT - 2 - (point.p75 / top) * (HEIGHT - 4)).toFixed(1)}`).join(' '));
  const title = document.createElementNS(SVG, 'title');
  title.textContent = `p75 over time: ${format(series[0]?.p75 ?? 0)} → ${format(series.at(-1)?.p75 ?? 0)}`;
  svg.append(title, line);
  return svg;
}
