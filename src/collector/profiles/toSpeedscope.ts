import type { ResolvedFrame } from './createSymbolicator.js';
import { OTHER_FRAME, type ResolvedStack } from './ResolvedStack.js';

/** A speedscope file (https://www.speedscope.app/file-format-schema.json): one sampled profile, weights in ms. */
export function toSpeedscope(stacks: Pick<ResolvedStack, 'frames' | 'ms'>[], name: string) {
  const frames: { name: string; file?: string; line?: number; col?: number }[] = [];
  const frameIndex = new Map<string, number>();
  const indexOf = (frame: ResolvedFrame) => {
    const key = `${frame.name}\n${frame.file}\n${frame.line}\n${frame.column}`;
    let index = frameIndex.get(key);
    if (index === undefined) {
      index = frames.push(frame.file ? { name: frame.name, file: frame.file, line: frame.line, col: frame.column } : { name: frame.name }) - 1;
      frameIndex.set(key, index);
    }
    return index;
  };
  const kept = stacks.filter((stack) => stack.ms > 0);
  const samples = kept.map(({ frames: path }) => (path.length ? path : [OTHER_FRAME]).map(indexOf));
  const weights = kept.map((stack) => Math.round(stack.ms * 10) / 10);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    name,
    exporter: 'pageprof',
    activeProfileIndex: 0,
    shared: { frames },
    profiles: [{ type: 'sampled', name, unit: 'milliseconds', startValue: 0, endValue: total, samples, weights }],
  };
}
