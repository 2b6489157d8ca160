import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eachMapping, TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import type { RankedFunction } from '../../src/protocol/queryApi.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { FILTER_LINE, filterProductsPosition } from '../support/demoBundle.js';
import { postBeacon } from '../support/httpPost.js';
import { queryApi } from '../support/queryApi.js';

const RELEASE = 'demo-1.0.0';
const BUNDLE = 'http://shop.test/demo/build/products.min.js';
const SDK = 'http://shop.test/pageprof.js';

/** The first place in pageprof.js that its map takes to pageprof's own source, and that source's path. */
function sdkPosition() {
  let found: { line: number; column: number; file: string } | undefined;
  eachMapping(new TraceMap(readFileSync(join(projectRoot, 'dist/pageprof.js.map'), 'utf8')), (mapping) => {
    if (!found && mapping.source?.startsWith('../src/')) {
      found = { line: mapping.generatedLine, column: mapping.generatedColumn + 1, file: mapping.source.slice('../'.length) };
    }
  });
  if (!found) throw new Error("no mapping into pageprof's source in dist/pageprof.js.map");
  return found;
}

/**
 * The registered maps show in what the query API answers: a profile window of the demo's release
 * with a frame in each script, the demo bundle's mangled filterProducts and a place in pageprof.js,
 * comes back with each frame's original file, or as sent where no map applies.
 */
async function functionsOfDemoRelease(collector: CollectorProcess): Promise<RankedFunction[]> {
  const [bundle, sdk] = [filterProductsPosition(), sdkPosition()];
  const window = {
    ...makeProfileEvent(),
    resources: [BUNDLE, SDK],
    frames: [
      ['n', 0, bundle.line, bundle.column],
      ['r', 1, sdk.line, sdk.column],
    ] as [string, number, number, number][],
    stacks: [
      [[0], 30, 300],
      [[1], 10, 100],
    ] as [number[], number, number][],
    functions: [
      [0, 300, 300, 30, 30],
      [1, 100, 100, 10, 10],
    ] as [number, number, number, number, number][],
    spans: [],
  };
  const beacon = makeBeacon({ view: makeView({ release: RELEASE }), events: [window] });
  expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
  return (await queryApi<{ functions: RankedFunction[] }>(collector, `profiles/functions?kind=window&release=${RELEASE}`)).functions;
}

describe('pageprof serve --demo-sourcemaps (npm start)', () => {
  it("registers the demo bundles' and pageprof's own source maps for the demo's two releases", async () => {
    const collector = await startCollector({ args: ['--demo-sourcemaps'] });
    try {
      const functions = await functionsOfDemoRelease(collector);
      expect(functions).toContainEqual(expect.objectContaining({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE }));
      expect(functions).toContainEqual(expect.objectContaining({ file: sdkPosition().file }));
      expect(collector.output()).toContain('source maps: products.min.js, pageprof.js, products-2.min.js');
    } finally {
      await collector.stop();
    }
  });

  it('registers nothing without the flag: a site uploads its own maps', async () => {
    const collector = await startCollector();
    try {
      const functions = await functionsOfDemoRelease(collector);
      const { line, column } = filterProductsPosition();
      expect(functions.map(({ name, file }) => [name, file]).sort()).toEqual([
        ['n', BUNDLE],
        ['r', SDK],
      ]);
      expect(functions).toContainEqual(expect.objectContaining({ name: 'n', line, column }));
    } finally {
      await collector.stop();
    }
  });
});
