import type { FlameNode } from '../../protocol/queryApi.js';

/** One function wherever it appears: its name and where it is defined. */
export const frameKey = (node: FlameNode) => `${node.name}\n${node.file}\n${node.line}`;

/** A frame's name with its file and line, as a reader looks it up. */
export const frameLabel = (node: FlameNode) => (node.file ? `${node.name} (${node.file}:${node.line})` : node.name);

/** Time spent in the frame itself: its total less its callees' (what the collector pruned stays here). */
export const selfMs = (node: FlameNode) => Math.max(0, node.ms - node.children.reduce((sum, child) => sum + child.ms, 0));
