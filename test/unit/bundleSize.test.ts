import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/** What every page pays for the script tag: the SDK with its worker inlined, gzip. */
const BUDGET_BYTES = 16 * 1024;

describe('size budget', () => {
  it('keeps dist/pageprof.js (worker included) within 16 KB gzip', () => {
    // Under happy-dom `import.meta.url` is not a file URL: paths are taken from the project root.
    const bundle = readFileSync(join(process.cwd(), 'dist/pageprof.js'));
    const gzipped = gzipSync(bundle).length;
    console.log(`dist/pageprof.js: ${bundle.length} bytes, ${gzipped} bytes gzip (budget ${BUDGET_BYTES})`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
