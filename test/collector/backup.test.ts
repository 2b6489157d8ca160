import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeBeacon } from '../support/beacons.js';
import { projectRoot, startCollector } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { viewsIn } from '../support/queryApi.js';

const pageprof = (...args: string[]) => promisify(execFile)(process.execPath, [join(projectRoot, 'dist/cli.mjs'), ...args], { encoding: 'utf8' });

describe('pageprof backup --to FILE, and restore', () => {
  it('copies the database while beacons stream in: a collector started on the copy holds every view acknowledged before the backup began', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pageprof-backup-'));
    const dbFile = join(folder, 'pageprof.db');
    const backup = join(folder, 'backup.db');
    const collector = await startCollector({ dbFile });
    const acknowledged: string[] = [];
    let streaming = true;
    // Two senders, one beacon after another each, until the backup is over.
    const senders = [0, 1].map(async () => {
      while (streaming) {
        const beacon = makeBeacon();
        if ((await postBeacon(collector.origin, beacon)).status === 200) acknowledged.push(beacon.view.id);
      }
    });
    while (acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));

    const before = [...acknowledged];
    const { stdout } = await pageprof('backup', '--db', dbFile, '--to', backup);
    const after = [...acknowledged];
    streaming = false;
    await Promise.all(senders);
    expect(stdout).toMatch(/^backed up .* \(\d+ pages\)\n$/);
    // Beacons were committed while the backup ran.
    expect(after.length).toBeGreaterThan(before.length);
    await collector.stop();

    // Restore: start the collector on the copy.
    const restored = await startCollector({ dbFile: backup });
    try {
      const views = new Set((await viewsIn(restored)).map((view) => view.id));
      expect(before.filter((id) => !views.has(id))).toEqual([]);
      // Nothing but what was acknowledged, and nothing acknowledged after the backup ended.
      expect([...views].filter((id) => !after.includes(id))).toEqual([]);
      // The restored collector takes beacons as before.
      const next = makeBeacon();
      expect((await postBeacon(restored.origin, next)).status).toBe(200);
      expect((await viewsIn(restored)).map((view) => view.id)).toContain(next.view.id);
    } finally {
      await restored.stop();
    }
  });

  it('says a mistake in one line: no --to, a missing database, an existing target', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pageprof-backup-'));
    const existing = join(folder, 'existing.db');
    writeFileSync(existing, 'an earlier backup');
    const mistakes: [string[], RegExp][] = [
      [['backup'], /^pageprof backup: --to FILE is required/],
      [['backup', '--db', join(folder, 'none.db'), '--to', join(folder, 'copy.db')], /^pageprof backup: no SQLite file .*none\.db$/],
      [['backup', '--db', join(folder, 'none.db'), '--to', join(folder, 'missing/copy.db')], /^the folder of the SQLite file .*copy\.db does not exist/],
      [['backup', '--db', join(folder, 'none.db'), '--to', existing], /^pageprof backup: .*existing\.db already exists; a backup never overwrites a file$/],
    ];
    for (const [args, message] of mistakes) {
      const failed = await pageprof(...args).then(
        () => undefined,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed?.code, args.join(' ')).toBe(2);
      expect(failed?.stderr.trim(), args.join(' ')).toMatch(message);
    }
    expect((await pageprof('backup', '--help')).stdout).toMatch(/^usage: pageprof backup --to FILE/);
  });
});
