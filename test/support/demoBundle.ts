import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './collectorProcess.js';

/** `function filterProducts(` in demo/profiled/products.js. */
export const FILTER_LINE = 7;

/**
 * Where V8 places the demo's minified filterProducts in a trace: the 1-based line and column of
 * its parameter list in the bundle `npm test` builds before the tests run. The mangled
 * `filterProducts` is the function whose body reads `performance.now()` first.
 */
export function filterProductsPosition(): { line: number; column: number } {
  const minified = readFileSync(join(projectRoot, 'dist/demo/products.min.js'), 'utf8');
  const at = /function (\w)\(\w,\w,\w\)\{const \w=performance\.now\(\)/.exec(minified);
  if (!at) throw new Error('filterProducts not found in the minified bundle');
  return { line: 1, column: at.index + 'function '.length + 'n'.length + 1 };
}
