import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
// The real worker bundle, inlined as in the build, so entry modules import exactly what ships.
import { inlineWorker } from '../rollup.config.mjs';

/** Browser tests that hold a profile's times to the clock. */
const PROFILE_TIMES = ['test/browser/profileTimes.test.ts', 'test/browser/profiling.test.ts'];

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  plugins: [inlineWorker()],
  define: { __PAGEPROF_VERSION__: JSON.stringify(version) },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'happy-dom' },
      },
      {
        extends: true,
        test: {
          name: 'collector',
          include: ['test/collector/**/*.test.ts'],
          exclude: ['test/collector/clickhouse*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'clickhouse',
          // The scale-out test drives Chromium too, but its cluster needs the machine to itself as these do.
          include: ['test/collector/clickhouse*.test.ts', 'test/browser/scaleOut.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // A database per contract case: ON CLUSTER DDL takes seconds when the machine is busy.
          hookTimeout: 60_000,
          // Each file starts its own servers: one file at a time keeps them few on two cores.
          fileParallelism: false,
          // After the other projects, not beside the browser tests: with both cores taken by
          // Chromium, ZooKeeper sessions timed out and ClickHouse 18.16 crashed on one (SIGSEGV in
          // zkutil::ZooKeeper::createImpl), twice in three full runs.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          exclude: ['test/browser/scaleOut.test.ts', ...PROFILE_TIMES],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two cores: one Chromium at a time keeps timings honest and the machine responsive.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'profile-times',
          include: PROFILE_TIMES,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // Last, with the machine to itself: these hold sampled times to performance.now(), and
          // beside the collector tests V8's sampler thread went unscheduled for tens of ms inside a
          // staged loop (compareRows 133 ms sampled of 151 measured in a clean-clone run).
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
