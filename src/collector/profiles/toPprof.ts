import { gzipSync } from 'node:zlib';
import { Function as PprofFunction, Line, Location, Profile, Sample, StringTable, ValueType } from 'pprof-format';
import type { ResolvedFrame } from './createSymbolicator.js';
import { SAMPLE_INTERVAL_MS } from '../../protocol/workerApi.js';
import { OTHER_FRAME, type ResolvedStack } from './ResolvedStack.js';

/**
 * A gzipped pprof profile (what `go tool pprof` reads): two values per stack, its samples and its
 * wall time in nanoseconds (pprof values are integers; time is the default, as in Go's CPU
 * profiles). Locations list frames leaf first, as pprof wants.
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
        functions.push(
          new PprofFunction({
            id: functionId,
            name: strings.dedup(frame.name),
            systemName: strings.dedup(frame.name),
            filename: strings.dedup(frame.file),
            startLine: frame.line,
          }),
        );
        functionIds.set(functionKey, functionId);
      }
      id = locations.length + 1;
      locations.push(new Location({ id, line: [new Line({ functionId, line: frame.line, column: frame.column })] }));
      locationIds.set(key, id);
    }
    return id;
  };

  const nanoseconds = (ms: number) => Math.round(ms * 1e6);
  const samples = stacks
    .filter((stack) => nanoseconds(stack.ms) > 0 || stack.samples > 0)
    .map(
      ({ frames, ms, samples: count }) =>
        new Sample({ locationId: (frames.length ? frames : [OTHER_FRAME]).map(locationOf).reverse(), value: [count, nanoseconds(ms)] }),
    );

  const wall = new ValueType({ type: strings.dedup('wall'), unit: strings.dedup('nanoseconds') });
  const profile = new Profile({
    sampleType: [new ValueType({ type: strings.dedup('samples'), unit: strings.dedup('count') }), wall],
    defaultSampleType: strings.dedup('wall'),
    periodType: wall,
    period: nanoseconds(SAMPLE_INTERVAL_MS),
    durationNanos: nanoseconds(durationMs),
    sample: samples,
    location: locations,
    function: functions,
    stringTable: strings,
  });
  return gzipSync(profile.encode());
}
