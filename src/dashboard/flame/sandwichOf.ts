import type { FlameNode } from '../../protocol/queryApi.js';
import { frameKey } from './frameKey.js';

/** Adds `ms` along `frames` below `root`, merging frames of the same function under the same caller. */
function addPath(root: FlameNode, frames: readonly FlameNode[], ms: number): void {
  let node = root;
  for (const frame of frames) {
    let child = node.children.find((candidate) => frameKey(candidate) === frameKey(frame));
    if (!child) node.children.push((child = { ...frame, ms: 0, children: [] }));
    child.ms += ms;
    node = child;
  }
}

function mergeInto(target: FlameNode, source: FlameNode): void {
  for (const child of source.children) {
    addPath(target, [child], child.ms);
    const merged = target.children.find((candidate) => frameKey(candidate) === frameKey(child));
    if (merged) mergeInto(merged, child);
  }
}

const heaviestFirst = (node: FlameNode): FlameNode => {
  node.children.sort((a, b) => b.ms - a.ms).forEach(heaviestFirst);
  return node;
};

/**
 * The sandwich view of one function (as speedscope has it): every call of it merged, with its
 * callers (the root's children call it, their children call them, …) and its callees. A call
 * inside another call of the same function is part of the outer one, so recursion is counted once.
 */
export function sandwichOf(tree: FlameNode, key: string): { callers: FlameNode; callees: FlameNode } | undefined {
  let callers: FlameNode | undefined;
  let callees: FlameNode | undefined;
  const visit = (node: FlameNode, ancestors: FlameNode[]) => {
    if (node !== tree && frameKey(node) === key) {
      callers ??= { ...node, ms: 0, children: [] };
      callees ??= { ...node, ms: 0, children: [] };
      callers.ms += node.ms;
      callees.ms += node.ms;
      // The tree's root names the query, not a caller.
      addPath(callers, ancestors.slice(1).reverse(), node.ms);
      mergeInto(callees, node);
      return;
    }
    for (const child of node.children) visit(child, [...ancestors, node]);
  };
  visit(tree, []);
  return callers && callees ? { callers: heaviestFirst(callers), callees: heaviestFirst(callees) } : undefined;
}
