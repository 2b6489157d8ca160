import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postRelease } from '../support/releaseTraffic.js';

let collector: CollectorProcess;
const dir = mkdtempSync(join(tmpdir(), 'pageprof-check-'));
beforeAll(async () => {
  collector = await startCollector();
  // LCP 1800 ms × a log-normal factor of σ 0.3: its p75 is about 2200 ms; the measure's about 150 ms.
  await postRelease(collector.origin, 'web-1', { views: 60, seed: 5 });
}, 60_000);
afterAll(() => collector?.stop());

/** `pageprof check` as a CI job runs it (asynchronously: the collector it asks is this process's child). */
function check(budgets: unknown, ...extra: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const file = join(dir, `budgets-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(budgets));
  const args = [
    'check',
    '--site',
    'demo',
    '--release',
    'web-1',
    '--endpoint',
    collector.origin,
    '--token',
    collector.readToken ?? '',
    '--budgets',
    file,
    ...extra,
  ];
  const child = spawn(process.execPath, [join(projectRoot, 'dist/cli.mjs'), ...args]);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('pageprof check', () => {
  it('exits 0 with every budget within, and prints each with its p75', async () => {
    const { status, stdout } = await check({
      budgets: [
        { metric: 'LCP', p75: 3000 },
        { metric: 'measure:load products', p75: 400, page: 'https://shop.example/products' },
      ],
    });
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^budget\s+p75\s+limit\s+samples\s+state$/);
    expect(lines[1]).toMatch(/^LCP\s+2\d{3} ms\s+3000 ms\s+60\s+within$/);
    expect(lines[2]).toMatch(/^measure:load products on https:\/\/shop\.example\/products\s+1\d\d ms\s+400 ms\s+60\s+within$/);
  });

  it('exits 1 with a budget over, and writes a Markdown summary saying which', async () => {
    const summary = join(dir, 'summary.md');
    const { status, stdout } = await check(
      {
        budgets: [
          { metric: 'LCP', p75: 2000 },
          { metric: 'CLS', p75: 0.1 },
          { metric: 'INP', p75: 200, page: 'https://other.example/' },
        ],
      },
      '--summary',
      summary,
    );
    expect(status).toBe(1);
    expect(stdout).toMatch(/LCP\s+2\d{3} ms\s+2000 ms\s+60\s+over/);
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('**1 of 3 budgets over.**');
    expect(markdown).toMatch(/\| LCP \| 2\d{3} ms \| 2000 ms \| 60 \| over \|/);
    expect(markdown).toMatch(/\| CLS \| 0\.0\d\d \| 0\.100 \| 60 \| within \|/);
    // A page without data cannot be over its budget; it says so.
    expect(markdown).toContain('| INP on https://other.example/ | – | 200 ms | 0 | no data |');
  });

  it('says in one line what is wrong with a budgets file, and exits 2', async () => {
    const { status, stderr } = await check({ budgets: [{ metric: 'LPC', p75: 2500 }] });
    expect(status).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/budgets file .*\/budgets\/0\/metric must match pattern/);
  });
});
