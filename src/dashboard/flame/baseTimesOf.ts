import type { FlameNode } from '../../protocol/queryApi.js';
import { frameKey } from './frameKey.js';

/**
 * The differential mode's pairing of two call trees: for each frame of `tree`, the time the same
 * call path (function by function from the root) took in `base`, 0 where base never called it.
 * The roots are paired whatever they are named (each names its own query).
 */
export function baseTimesOf(tree: FlameNode, base: FlameNode): Map<FlameNode, number> {
  const times = new Map<FlameNode, number>();
  const pair = (node: FlameNode, before: FlameNode | undefined) => {
    times.set(node, before?.ms ?? 0);
    const byKey = new Map(before?.children.map((child) => [frameKey(child), child]));
    for (const child of node.children) pair(child, byKey.get(frameKey(child)));
  };
  pair(tree, base);
  return times;
}
