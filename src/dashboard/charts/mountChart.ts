import uPlot from 'uplot';

export interface MountedChart {
  /** Draws the chart anew from options made for the container's width. */
  draw(options: (width: number) => uPlot.Options, data: uPlot.AlignedData): void;
}

/** A uPlot chart in `container`, made again when its data changes and resized with its column. */
export function mountChart(container: HTMLElement): MountedChart {
  let chart: uPlot | undefined;
  const widthOf = () => Math.max(200, container.clientWidth);
  new ResizeObserver(() => {
    if (chart && Math.abs(chart.width - widthOf()) > 1) chart.setSize({ width: widthOf(), height: chart.height });
  }).observe(container);
  return {
    draw(options, data) {
      chart?.destroy();
      chart = new uPlot(options(widthOf()), data, container);
    },
  };
}
