import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

const { version } = JSON.parse(readFileSync('./package.json', 'utf8'));

const browserTarget = 'es2020';
const typescript = (target) => esbuild({ target, define: { __PAGEPROF_VERSION__: JSON.stringify(version) }, tsconfig: 'tsconfig.json' });
const minify = (preamble) => terser({ ecma: 2020, compress: { passes: 2 }, format: { comments: false, preamble } });
/**
 * V8's explicit compile hint (Chromium 136+): every function of the file is compiled as the script
 * streams in, off the main thread, instead of on the main thread when first called. Nearly all of
 * the script tag's functions run at load (its trackers and web-vitals' observers); measured on the
 * peer benchmark's page, 12 fresh loads: its script CPU at load 10.6 ms → 6.4 ms over no SDK, the
 * JS heap after the workload +0.05 MB (bytecode of the functions that run only later).
 */
export const COMPILE_HINT = '//# allFunctionsCalledOnLoad';

/** The worker is bundled on its own and inlined as a string, so it starts from a Blob URL on any origin. */
let workerBuild;
export function inlineWorker() {
  const virtualId = '\0pageprof-worker';
  return {
    name: 'inline-worker',
    resolveId: (id) => (id === 'virtual:pageprof-worker' ? virtualId : null),
    async load(id) {
      if (id !== virtualId) return null;
      workerBuild ??= rollup({
        input: 'src/worker/main.ts',
        plugins: [nodeResolve({ browser: true }), typescript(browserTarget), minify()],
      }).then(async (bundle) => {
        const { output } = await bundle.generate({ format: 'iife' });
        return { code: output[0].code, files: bundle.watchFiles };
      });
      const { code, files } = await workerBuild;
      files.forEach((file) => this.addWatchFile(file));
      return `export default ${JSON.stringify(code)};`;
    },
  };
}

function copyFile(from, fileName) {
  return {
    name: 'copy-file',
    buildStart() {
      this.addWatchFile(from);
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(from) });
    },
  };
}

/** Replaces one exact piece of a bundle's code, failing the build if no module has it. */
function replaceOnce(from, to) {
  let replaced = false;
  return {
    name: 'replace-once',
    transform(code) {
      if (!code.includes(from)) return null;
      replaced = true;
      // Same length, same lines: `map: null` keeps the source map as it is (rollup's rule).
      return { code: code.replace(from, to), map: null };
    },
    buildEnd() {
      if (!replaced) this.error(`replace-once: no module has ${from}`);
    },
  };
}

/** The package a bare import names: `comlink/dist/x.js` → `comlink`, `@scope/name/sub` → `@scope/name`. */
const packageOf = (id) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Lists the packages the collector's built files import (`collector/dependencies.json`), read from
 * the bundle itself: the collector package's dependencies are exactly these (packaging/), so the
 * front-end package can carry none and no list is kept by hand.
 */
function listImportedPackages(fileName) {
  return {
    name: 'list-imported-packages',
    generateBundle(_options, bundle) {
      const ids = Object.values(bundle).flatMap((chunk) => (chunk.type === 'chunk' ? [...chunk.imports, ...chunk.dynamicImports] : []));
      const external = (id) => !(id in bundle) && isPackage(id) && !id.startsWith('node:') && !builtinModules.includes(id);
      const packages = [...new Set(ids.filter(external).map(packageOf))].sort();
      this.emitFile({ type: 'asset', fileName, source: `${JSON.stringify(packages, null, 2)}\n` });
    },
  };
}

const browser = [nodeResolve({ browser: true }), inlineWorker(), typescript(browserTarget)];
const isPackage = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.startsWith('src/');

export default [
  {
    input: 'src/sdk/scriptTag.ts',
    output: { file: 'dist/pageprof.js', format: 'iife', sourcemap: true },
    plugins: [...browser, minify(COMPILE_HINT)],
  },
  {
    // The same worker as a file, for the `workerUrl` option: site owners host it on their own origin
    // when their CSP refuses `blob:` workers.
    input: 'src/worker/main.ts',
    output: { file: 'dist/pageprof-worker.js', format: 'iife' },
    plugins: [nodeResolve({ browser: true }), typescript(browserTarget), minify()],
  },
  {
    // The worker's profile processor, loaded by the worker (importScripts) in profiled sessions
    // only, beside pageprof.js: it stays out of the script tag's 16 KB for everyone else.
    input: 'src/worker/profile/processTrace.ts',
    output: { file: 'dist/pageprof-profiler.js', format: 'iife', name: 'pageprofProfiler' },
    plugins: [typescript(browserTarget), minify()],
  },
  {
    input: 'src/sdk/index.ts',
    output: { file: 'dist/pageprof.mjs', format: 'es', sourcemap: true },
    plugins: browser,
  },
  {
    input: 'src/sdk/index.ts',
    output: { file: 'dist/pageprof.d.ts', format: 'es' },
    plugins: [dts()],
  },
  {
    input: 'src/dashboard/main.ts',
    output: { file: 'dist/dashboard/dashboard.js', format: 'iife', sourcemap: true },
    plugins: [
      nodeResolve({ browser: true }),
      typescript(browserTarget),
      minify(),
      copyFile('src/dashboard/index.html', 'index.html'),
      copyFile('src/dashboard/dashboard.css', 'dashboard.css'),
      copyFile('node_modules/uplot/dist/uPlot.min.css', 'uPlot.min.css'),
    ],
  },
  {
    // The profiled demo page's code, minified with mangled names as a real site ships it; its
    // source map is what symbolication resolves `filterProducts` from.
    input: 'demo/profiled/products.js',
    output: { file: 'dist/demo/products.min.js', format: 'iife', sourcemap: true },
    plugins: [terser({ ecma: 2020, mangle: { toplevel: true }, format: { comments: false } })],
  },
  {
    // Release 2 of the same page, for npm run demo:traffic: filterProducts made twice as slow.
    input: 'demo/profiled/products.js',
    output: { file: 'dist/demo/products-2.min.js', format: 'iife', sourcemap: true },
    plugins: [
      replaceOnce('const SCORING_PASSES = 1;', 'const SCORING_PASSES = 2;'),
      terser({ ecma: 2020, mangle: { toplevel: true }, format: { comments: false } }),
    ],
  },
  {
    input: 'src/profilingHeader/index.ts',
    output: { file: 'dist/server.mjs', format: 'es', sourcemap: true },
    plugins: [typescript('node20')],
  },
  {
    input: 'src/profilingHeader/index.ts',
    output: { file: 'dist/server.d.ts', format: 'es' },
    plugins: [dts()],
  },
  {
    input: {
      cli: 'src/collector/cli/cli.ts',
      sqliteWriter: 'src/collector/storage/sqlite/writerThread.ts',
      sqliteReader: 'src/collector/storage/sqlite/readerThread.ts',
      symbolicator: 'src/collector/profiles/symbolicatorThread.ts',
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'collector/[name].mjs', sourcemap: true },
    external: isPackage,
    plugins: [typescript('node20'), listImportedPackages('collector/dependencies.json')],
  },
];
