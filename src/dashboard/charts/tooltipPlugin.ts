import type uPlot from 'uplot';
import { element } from '../element.js';

/**
 * A uPlot plugin: a tooltip beside the cursor with the lines `describe` gives for the point under
 * it (text only, for names from pages), kept inside the plot so the page never scrolls sideways.
 */
export function tooltipPlugin(describe: (index: number) => string[]): uPlot.Plugin {
  const tip = element('div', { className: 'chart-tip' });
  tip.hidden = true;
  return {
    hooks: {
      init: (chart) => void chart.over.append(tip),
      setCursor: (chart) => {
        const { idx, left = -1, top = -1 } = chart.cursor;
        if (idx === null || idx === undefined || left < 0) {
          tip.hidden = true;
          return;
        }
        tip.replaceChildren(...describe(idx).map((line, i) => element('div', i === 0 ? { className: 'chart-tip-head' } : {}, line)));
        tip.hidden = false;
        const width = chart.over.clientWidth;
        tip.style.left = `${Math.max(0, Math.min(left + 12, width - tip.offsetWidth))}px`;
        tip.style.top = `${Math.max(0, top - tip.offsetHeight - 8)}px`;
      },
    },
  };
}
