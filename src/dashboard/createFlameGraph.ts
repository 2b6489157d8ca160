import type { FlameNode } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatMs, formatShare } from './format.js';

/** Narrower than this share of the shown root, a frame is a sliver no one can read or hit. */
const MIN_SHARE = 0.002;

const keyOf = (node: FlameNode) => `${node.name}\n${node.file}\n${node.line}`;
const labelOf = (node: FlameNode) => (node.file ? `${node.name} (${node.file}:${node.line})` : node.name);

function hash(text: string): number {
  let value = 0;
  for (let i = 0; i < text.length; i++) value = (value * 31 + text.charCodeAt(i)) | 0;
  return Math.abs(value);
}

/** A frame keeps its colour across refreshes and targets: a warm hue from its file, a shade from its name. */
const colourOf = (node: FlameNode) => (node.file ? `hsl(${hash(node.file) % 50} 85% ${64 + (hash(node.name) % 16)}%)` : 'hsl(220 10% 85%)');

/**
 * A flame graph drawn as nested boxes (callers above callees, width = time), from the collector's
 * call tree. Clicking a frame zooms into it; the zoom is kept across refreshes of the same target
 * while that frame still exists. Names and files are text (a frame's name came from a page).
 */
export function createFlameGraph(container: HTMLElement): { show(tree: FlameNode): void } {
  let tree: FlameNode | undefined;
  let shown = '';
  let zoom: string[] = [];

  function focusOf(root: FlameNode): { node: FlameNode; path: FlameNode[] } {
    const path = [root];
    for (const key of zoom) {
      const next = path.at(-1)?.children.find((child) => keyOf(child) === key);
      if (!next) {
        zoom = [];
        return { node: root, path: [root] };
      }
      path.push(next);
    }
    return { node: path.at(-1) ?? root, path };
  }

  function box(node: FlameNode, parentMs: number, focusMs: number, keys: string[]): HTMLElement {
    const frame = element('div', { className: 'flame-frame', title: `${labelOf(node)}\n${formatMs(node.ms)} · ${formatShare(node.ms / focusMs)}` }, node.name);
    frame.style.backgroundColor = colourOf(node);
    const zoomIn = () => {
      zoom = keys;
      render();
    };
    // A frame is a button for the keyboard too.
    frame.tabIndex = 0;
    frame.setAttribute('role', 'button');
    frame.addEventListener('click', zoomIn);
    frame.addEventListener('keydown', (event) => (event.key === 'Enter' || event.key === ' ') && zoomIn());
    const children = node.children.filter((child) => child.ms >= focusMs * MIN_SHARE);
    return element(
      'div',
      { className: 'flame-node', width: `${(node.ms / parentMs) * 100}%` },
      frame,
      children.length > 0 && element('div', { className: 'flame-children' }, ...children.map((child) => box(child, node.ms, focusMs, [...keys, keyOf(child)]))),
    );
  }

  function render(): void {
    if (!tree) return;
    if (tree.ms === 0) {
      container.replaceChildren(element('p', { className: 'empty' }, 'No profiled time for this target yet.'));
      return;
    }
    const { node, path } = focusOf(tree);
    const crumbs = path.map((step, depth) => {
      const crumb = element('button', { className: 'link' }, depth === 0 ? 'all' : step.name);
      crumb.type = 'button';
      crumb.addEventListener('click', () => {
        zoom = zoom.slice(0, depth);
        render();
      });
      return crumb;
    });
    container.replaceChildren(
      element('div', { className: 'flame-crumbs' }, ...crumbs.flatMap((crumb, i) => (i === 0 ? [crumb] : [' › ', crumb])), ` — ${formatMs(node.ms)}`),
      element('div', { className: 'flame' }, box(node, node.ms, node.ms, zoom)),
    );
  }

  return {
    show(next) {
      // Unchanged data is not redrawn: no flicker, and the reader's hover and zoom stay.
      const signature = JSON.stringify(next);
      if (signature === shown) return;
      shown = signature;
      // The zoom belongs to a target (the root names it): another target starts unzoomed.
      if (next.name !== tree?.name) zoom = [];
      tree = next;
      render();
    },
  };
}
