#!/usr/bin/env node
/**
 * Assembles `pageprof-collector`, the collector-only package, from this repo's build: the same
 * `dist/` and `demo/` the repo runs, with the packages the collector's bundle imports as its
 * dependencies (listed by the build in dist/collector/dependencies.json, versions from this
 * package.json). The top-level `pageprof` package is the front end's and carries no dependency,
 * so a front-end install adds no package and runs no install script (no SQLite compile).
 *
 * usage: node packaging/collectorPackage.mjs [OUT_DIR] [--pack]   (npm run pack:collector)
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const positional = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const out = resolve(positional[0] ?? join(repo, '.tmp/collector-package'));
const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

const dependenciesFile = join(repo, 'dist/collector/dependencies.json');
if (!existsSync(dependenciesFile)) throw new Error(`${dependenciesFile} is missing: run npm run build first`);
const root = readJson(join(repo, 'package.json'));
const imported = Object.fromEntries(
  readJson(dependenciesFile).map((name) => {
    const range = root.devDependencies[name] ?? root.dependencies?.[name];
    if (!range) throw new Error(`the collector imports ${name}, which package.json does not list`);
    return [name, range];
  }),
);
// `overrides` act in this repo only, never in an app that installs the package: there, a pinned
// package becomes a direct dependency, so npm dedupes the deeper dependent's range onto it
// (light-my-request ~6.6 keeps fastify off cookie@2, which wants Node 22).
const dependencies = { ...imported, ...root.overrides };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// bench/ is the benchmarks' build, no part of the collector.
cpSync(join(repo, 'dist'), join(out, 'dist'), { recursive: true, filter: (path) => !path.startsWith(join(repo, 'dist/bench')) });
cpSync(join(repo, 'demo'), join(out, 'demo'), { recursive: true });
for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) if (existsSync(join(repo, file))) cpSync(join(repo, file), join(out, file));
const manifest = {
  name: 'pageprof-collector',
  version: root.version,
  description: "pageprof's collector and dashboard: `npx pageprof-collector serve`. The page's SDK is the `pageprof` package.",
  license: root.license,
  type: 'module',
  engines: root.engines,
  bin: { pageprof: 'dist/cli.mjs' },
  files: ['dist', 'demo'],
  dependencies,
};
writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

if (process.argv.includes('--pack')) {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], { cwd: out, encoding: 'utf8' }));
  console.log(join(out, packed.filename));
} else {
  console.log(out);
}
