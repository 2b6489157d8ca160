import type { FlameNode } from '../../protocol/queryApi.js';
import { frameKey, OTHER_FRAME, type ResolvedStack } from './ResolvedStack.js';

/** A node narrower than this share of the whole would be under a pixel wide: its time stays in its caller's. */
const MIN_SHARE = 0.001;

/**
 * Stacks merged into a call tree for a flame graph: callers above callees, the same function under
 * the same caller once (minified copies that resolve to one function merge), children heaviest
 * first. The root is the whole query; a remainder of unlisted stacks is one "(other stacks)" child.
 */
export function toFlameTree(stacks: Pick<ResolvedStack, 'frames' | 'ms'>[], rootName: string): FlameNode {
  const root: FlameNode = { name: rootName, file: '', line: 0, column: 0, ms: 0, children: [] };
  const childrenOf = new Map<FlameNode, Map<string, FlameNode>>();
  for (const { frames, ms } of stacks) {
    root.ms += ms;
    let node = root;
    for (const frame of frames.length ? frames : [OTHER_FRAME]) {
      let byKey = childrenOf.get(node);
      if (!byKey) childrenOf.set(node, (byKey = new Map()));
      let child = byKey.get(frameKey(frame));
      if (!child) {
        child = { name: frame.name, file: frame.file, line: frame.line, column: frame.column, ms: 0, children: [] };
        byKey.set(frameKey(frame), child);
        node.children.push(child);
      }
      child.ms += ms;
      node = child;
    }
  }
  const minMs = root.ms * MIN_SHARE;
  const settle = (node: FlameNode) => {
    node.children = node.children.filter((child) => child.ms >= minMs).sort((a, b) => b.ms - a.ms);
    node.children.forEach(settle);
  };
  settle(root);
  return root;
}
