import type { FlameNode } from '../../protocol/queryApi.js';

/** A frame as drawn: its row (callers above callees) and its span as fractions of the width. */
export interface FlameRect {
  node: FlameNode;
  parent: FlameRect | undefined;
  depth: number;
  x0: number;
  x1: number;
}

/**
 * Places the frames of a zoomed flame graph: the zoom's path from the root as full-width rows,
 * then the focused frame's callees below it, each as wide as its share of the focus. A frame
 * narrower than `minWidth` (a fraction: under half a pixel) is left out with its callees, which are
 * narrower still, so that a tree of tens of thousands of frames costs only what can be seen.
 * Rows list their frames left to right.
 */
export function layoutFlame(path: readonly FlameNode[], minWidth: number): FlameRect[][] {
  const rows: FlameRect[][] = [];
  const push = (rect: FlameRect) => (rows[rect.depth] ??= []).push(rect);
  let parent: FlameRect | undefined;
  for (const [depth, node] of path.entries()) {
    parent = { node, parent, depth, x0: 0, x1: 1 };
    push(parent);
  }
  const focus = parent;
  if (!focus || focus.node.ms <= 0) return rows;
  const scale = 1 / focus.node.ms;
  const place = (rect: FlameRect) => {
    let x = rect.x0;
    for (const child of rect.node.children) {
      const width = child.ms * scale;
      if (width < minWidth) break;
      const placed: FlameRect = { node: child, parent: rect, depth: rect.depth + 1, x0: x, x1: x + width };
      push(placed);
      place(placed);
      x += width;
    }
  };
  place(focus);
  for (const row of rows) row.sort((a, b) => a.x0 - b.x0);
  return rows;
}

/** The frame of a row at `x` (a fraction of the width), by binary search over the row's spans. */
export function rectAt(row: readonly FlameRect[] | undefined, x: number): FlameRect | undefined {
  if (!row) return undefined;
  let low = 0;
  let high = row.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const rect = row[middle] as FlameRect;
    if (x < rect.x0) high = middle - 1;
    else if (x >= rect.x1) low = middle + 1;
    else return rect;
  }
  return undefined;
}
