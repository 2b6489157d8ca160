import { gzipSync } from 'node:zlib';
import { Function as PprofFunction, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import type { ResolvedFrame } from './createSymbolicator.js';
import { OTHER_FRAME, type ResolvedStack } from './ResolvedStack.js';

/**
 * A gzipped pprof profile (what `go tool pprof` reads): one value per sample, wall time in
 * microseconds (pprof values are integers). Locations list frames leaf first, as pprof wants.
 */
export function toPprof(stacks: ResolvedStack[], durationMs: number): Buffer {
  const strings = new StringTable();
  const functions: PprofFunction[] = [];
  const locations: Location[] = [];
  const locationIds = new Map<string, number>();
  const functionIds = new Map<string, number>();

  const locationOf = (frame: ResolvedFrame) => {
    const key = `${frame.name}\n${frame.file}\n${frame.line}\n${frame.column}`;
    let id = locationIds.get(key);
    if (id === undefined) {
      const functionKey = `${frame.name}\n${frame.file}`;
      let functionId = functionIds.get(functionKey);
      if (functionId === undefined) {
        functionId = functions.length + 1;
        functions.push(new PprofFunction({ id: functionId, name: strings.dedup(frame.name), systemName: strings.dedup(frame.name), filename: strings.dedup(frame.file), startLine: frame.line }));
        functionIds.set(functionKey, functionId);
      }
      id = locations.length + 1;
      locations.push(new Location({ id, line: [new Line({ functionId, line: frame.line, column: frame.column })] }));
      locationIds.set(key, id);
    }
    return id;
  };

  const samples = stacks
    .filter((stack) => Math.round(stack.ms * 1000) > 0)
    .map(({ frames, ms }) => new Sample({ locationId: (frames.length ? frames : [OTHER_FRAME]).map(locationOf).reverse(), value: [Math.round(ms * 1000)] }));

  const profile = new Profile({
    sampleType: [new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('microseconds') })],
    periodType: new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('microseconds') }),
    period: 10_000,
    durationNanos: Math.round(durationMs * 1e6),
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
  });
  return gzipSync(profile.encode());
}
