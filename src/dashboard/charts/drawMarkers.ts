import uPlot from 'uplot';

export interface Marker {
  at: number;
  label: string;
  colour: string;
}

/**
 * Draws labelled dashed lines across the plot, on the canvas uPlot drew: release starts on the time
 * axis (`x`), thresholds on the value axis (`y`). A marker outside the scale's range is left out.
 * Labels are canvas text, so a release name from a page can never become markup.
 */
export function drawMarkers(chart: uPlot, axis: 'x' | 'y', markers: readonly Marker[]): void {
  const { ctx, bbox } = chart;
  const ratio = uPlot.pxRatio;
  ctx.save();
  ctx.font = `${11 * ratio}px system-ui, sans-serif`;
  ctx.setLineDash([4 * ratio, 3 * ratio]);
  ctx.lineWidth = ratio;
  for (const marker of markers) {
    const position = chart.valToPos(marker.at, axis, true);
    const inside = axis === 'x' ? position >= bbox.left && position <= bbox.left + bbox.width : position >= bbox.top && position <= bbox.top + bbox.height;
    if (!inside) continue;
    ctx.strokeStyle = marker.colour;
    ctx.fillStyle = marker.colour;
    ctx.beginPath();
    if (axis === 'x') {
      ctx.moveTo(position, bbox.top);
      ctx.lineTo(position, bbox.top + bbox.height);
    } else {
      ctx.moveTo(bbox.left, position);
      ctx.lineTo(bbox.left + bbox.width, position);
    }
    ctx.stroke();
    const width = ctx.measureText(marker.label).width;
    if (axis === 'x') {
      // Near the right edge the label goes to the line's left, so it stays inside the plot.
      const right = position + 4 * ratio + width > bbox.left + bbox.width;
      ctx.fillText(marker.label, right ? position - 4 * ratio - width : position + 4 * ratio, bbox.top + 12 * ratio);
    } else {
      ctx.fillText(marker.label, bbox.left + bbox.width - width - 4 * ratio, position - 4 * ratio);
    }
  }
  ctx.restore();
}
