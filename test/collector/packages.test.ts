import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, startCollector } from '../support/collectorProcess.js';

const npm = (cwd: string, ...args: string[]) =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

/** The bare imports of a built file, read from its text (not from the build's own listing). */
const bareImports = (code: string) =>
  [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"'./][^"']*)["']/g)].map(([, id]) => id!).filter((id) => !id.startsWith('node:'));
const packageOf = (id: string) =>
  id
    .split('/')
    .slice(0, id.startsWith('@') ? 2 : 1)
    .join('/');

describe('the packages (npm run build first)', () => {
  it('installs the SDK into an empty front-end app as one package, with no install script and no engine warning', () => {
    const folder = mkdtempSync(join(tmpdir(), 'pageprof-pack-'));
    const [packed] = JSON.parse(npm(projectRoot, 'pack', '--json', '--pack-destination', folder)) as { filename: string; files: { path: string }[] }[];
    expect(packed!.files.map((file) => file.path)).not.toContain('dist/cli.mjs');

    const app = join(folder, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'front-end-app', version: '1.0.0', private: true }));
    // --offline: the SDK needs nothing from a registry.
    const install = execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(folder, packed!.filename)], {
      cwd: app,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(install).not.toMatch(/EBADENGINE/);

    const installed = Object.entries(readJson(join(app, 'node_modules/.package-lock.json')).packages as Record<string, { hasInstallScript?: boolean }>);
    expect(installed.map(([path]) => path)).toEqual(['node_modules/pageprof']);
    expect(installed.filter(([, entry]) => entry.hasInstallScript)).toEqual([]);
    expect(readdirSync(join(app, 'node_modules/pageprof/dist'))).toEqual(
      expect.arrayContaining(['pageprof.js', 'pageprof.mjs', 'pageprof.d.ts', 'server.mjs']),
    );
    const server = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import('pageprof/server').then((m) => console.log(typeof m.profilingHeader))"],
      { cwd: app, encoding: 'utf8' },
    );
    expect(server.trim()).toBe('function');
  });

  it('builds pageprof-collector with every package its files import as a dependency, and it serves', async () => {
    // Inside the repo, so that Node finds the dependencies in the repo's node_modules.
    mkdirSync(join(projectRoot, '.tmp'), { recursive: true });
    const out = mkdtempSync(join(projectRoot, '.tmp/collector-package-'));
    execFileSync(process.execPath, [join(projectRoot, 'packaging/collectorPackage.mjs'), out]);
    const manifest = readJson(join(out, 'package.json')) as { name: string; bin: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.name).toBe('pageprof-collector');
    expect(manifest.bin).toEqual({ pageprof: 'dist/cli.mjs' });

    const builtFiles = readdirSync(join(out, 'dist'), { recursive: true, encoding: 'utf8' }).filter(
      (path) => path.endsWith('.mjs') && !path.startsWith('pageprof') && !path.startsWith('server'),
    );
    const imported = new Set(builtFiles.flatMap((path) => bareImports(readFileSync(join(out, 'dist', path), 'utf8')).map(packageOf)));
    expect(imported).toContain('fastify');
    // And the repo's overrides, which act in the repo only, pinned for the app that installs it.
    const { overrides } = readJson(join(projectRoot, 'package.json')) as { overrides: Record<string, string> };
    expect(Object.keys(manifest.dependencies).sort()).toEqual([...imported, ...Object.keys(overrides)].sort());

    const collector = await startCollector({ cli: join(out, manifest.bin.pageprof!) });
    try {
      for (const path of ['/pageprof.js', '/dashboard/', '/demo/']) expect((await fetch(`${collector.origin}${path}`)).status, path).toBe(200);
    } finally {
      await collector.stop();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
