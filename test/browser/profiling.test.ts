import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { FILTER_LINE } from '../support/demoBundle.js';
import { apiEvents } from '../support/queryApi.js';

interface RankedFunction {
  name: string;
  file: string;
  line: number;
  selfMs: number;
  totalMs: number;
}

const RELEASE = 'demo-1.0.0';

let browser: Browser;
let collector: CollectorProcess;

const api = (path: string) => fetch(`${collector.origin}/v1/sites/demo/profiles/${path}`, { headers: { authorization: `Bearer ${collector.readToken}` } });
const functionsOf = async (query: string) => ((await (await api(`functions?${query}`)).json()) as { functions: RankedFunction[] }).functions;

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollector()]);
  // The release's maps are uploaded the way a site's build would: with the CLI and the site's read token.
  const { stdout } = await promisify(execFile)(process.execPath, [
    join(projectRoot, 'dist/cli.mjs'),
    'sourcemaps',
    'upload',
    join(projectRoot, 'dist/demo'),
    '--release',
    RELEASE,
    '--endpoint',
    collector.origin,
    '--site',
    'demo',
    // One argument: a random token may start with '-', which parseArgs would take for an option.
    `--token=${collector.uploadToken ?? ''}`,
  ]);
  expect(stdout).toContain('uploaded products.min.js');
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

async function openProfiledPage(): Promise<Page> {
  const page = await browser.newPage();
  const response = await page.goto(`${collector.origin}/demo/profiled.html`);
  expect(response?.headers()['document-policy']).toBe('js-profiling');
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => typeof (window as unknown as { perf: { version?: string } }).perf.version === 'string');
  return page;
}

async function clickFilter(page: Page, times: number): Promise<void> {
  for (let i = 1; i <= times; i++) {
    await page.click('#filter');
    await page.waitForSelector(`body[data-filtered="${i}"]`);
  }
}

describe('profiling the demo search page: minified filterProducts, symbolicated at the collector', () => {
  it("names filterProducts, with its original file and line, as the top self time of the clicks and of the window, and in the INP interaction's profile", async () => {
    const page = await openProfiledPage();
    await clickFilter(page, 3);
    // Event Timing entries are delivered after the next paint; give them a frame or two.
    await page.waitForTimeout(300);
    await page.evaluate(() => (window as unknown as { perf: { flush(): Promise<void> } }).perf.flush());

    // Each click's window ends a moment after it: all three are there once the target counts three.
    const clicks = () =>
      api('targets').then(async (response) => ((await response.json()) as { targets: { kind: string; name: string; count: number }[] }).targets);
    await eventually(clicks, (targets) => targets.find((target) => target.kind === 'interaction' && target.name === 'click')?.count === 3);
    const interaction = await functionsOf('kind=interaction&name=click');
    expect(interaction[0]).toMatchObject({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE });
    // About a third of the handler's samples name the handler itself in Chromium, and a loaded
    // machine drops samples (3 × 300 ms gave 700–900 ms sampled): the rank is what is asserted.
    expect(interaction[0]?.selfMs).toBeGreaterThan(150);
    expect(interaction[0]?.selfMs).toBeGreaterThan(interaction[1]?.selfMs ?? Infinity);

    const window = await functionsOf('kind=window');
    expect(window[0]).toMatchObject({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE });

    // INP is reported when the page is hidden; the interaction it names (same start) has an
    // interactionId, and that interaction's profile attribution names filterProducts.
    await page.close();
    const [inp] = await eventually(
      async () => (await apiEvents(collector)).filter((event) => event.type === 'vital' && event.name === 'INP'),
      (found) => found.length === 1,
    );
    expect(inp?.value).toBeGreaterThan(250);
    const interactions = (await apiEvents(collector)).filter((event) => event.type === 'interaction');
    const inpInteraction = interactions.find((event) => Math.abs(event.start - (inp?.start ?? -1)) < 0.05);
    const interactionId = inpInteraction?.fields.interactionId as number | undefined;
    expect(interactionId).toBeGreaterThan(0);
    const inpFunctions = await functionsOf(`kind=interaction&id=${interactionId}`);
    // One click, not three: V8 gives the samples it takes in the string builtins filterProducts
    // calls to the click handler, which gets about half as much time as filterProducts keeps (in
    // 15 clicks measured 0.11–0.74 of it), so a single click may rank the handler first.
    expect(inpFunctions.slice(0, 2)).toContainEqual(expect.objectContaining({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE }));
    expect(inpFunctions.find((fn) => fn.name === 'filterProducts')?.selfMs).toBeGreaterThan(100);
  });

  it('exports pprof that decodes, speedscope that parses and folded text, all naming filterProducts', async () => {
    const pprof = await api('export?format=pprof&kind=interaction');
    expect(pprof.status).toBe(200);
    const profile = Profile.decode(gunzipSync(Buffer.from(await pprof.arrayBuffer())));
    const strings = profile.stringTable.strings;
    const names = profile.function.map((fn) => strings[Number(fn.name)]);
    expect(names).toContain('filterProducts');
    const filter = profile.function.find((fn) => strings[Number(fn.name)] === 'filterProducts');
    expect(strings[Number(filter?.filename)]).toBe('demo/profiled/products.js');
    // Wall time in nanoseconds is its second value, after the samples.
    expect(profile.sample.reduce((sum, sample) => sum + Number(sample.value[1]), 0)).toBeGreaterThan(500_000_000);

    const speedscope = (await (await api('export?format=speedscope&kind=interaction')).json()) as {
      shared: { frames: { name: string; file?: string; line?: number }[] };
      profiles: { type: string; samples: number[][]; weights: number[] }[];
    };
    expect(speedscope.shared.frames).toContainEqual(expect.objectContaining({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE }));
    expect(speedscope.profiles[0]?.type).toBe('sampled');
    expect(speedscope.profiles[0]?.samples.length).toBe(speedscope.profiles[0]?.weights.length);

    const folded = await (await api('export?format=folded&kind=window')).text();
    expect(folded).toMatch(new RegExp(`filterProducts \\(demo/profiled/products\\.js:${FILTER_LINE}\\) \\d+\\n`));
  });

  it('shows the profiles on the dashboard: filterProducts in the functions table and the flame graph, exports downloadable', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    try {
      await page.goto(`${collector.origin}/dashboard/?site=demo#token=${collector.readToken}`);
      // From the slowest click on the overview to the profiles of clicks on its page.
      const slowest = page.locator('#interactions tbody tr').first();
      await expect.poll(() => slowest.textContent()).toContain('button#filter');
      await slowest.locator('button', { hasText: 'profile' }).click();
      await expect.poll(() => page.url()).toContain(`target=${encodeURIComponent('interaction:click')}`);
      expect(page.url()).toContain(`page=${encodeURIComponent(`${collector.origin}/demo/profiled.html`)}`);
      await expect.poll(() => page.locator('#target').inputValue()).toBe('interaction:click');
      // One click, as in the INP interaction's case above: the click handler, which V8 gives the
      // samples of the string builtins filterProducts calls, may rank first; filterProducts is in the top two.
      const topTwo = () => page.locator('#functions tbody tr').evaluateAll((rows) => rows.slice(0, 2).map((row) => row.textContent ?? ''));
      await expect.poll(async () => (await topTwo()).find((row) => row.includes('filterProducts'))).toContain(`demo/profiled/products.js:${FILTER_LINE}`);

      // The flame graph is a canvas: its search finds filterProducts and sums its time, Enter steps
      // to it (its details in the tooltip), Enter on the canvas zooms into it, Escape zooms out.
      const search = page.locator('#flame input[type="search"]');
      await search.fill('filterProducts');
      await expect.poll(() => page.locator('#flame .flame-found').textContent()).toMatch(/^\d+ frames? match · [\d.]+ m?s · \d+% of all$/);
      await search.press('Enter');
      await expect.poll(() => page.locator('#flame .flame-tip').textContent()).toContain(`filterProductsdemo/profiled/products.js:${FILTER_LINE}`);
      await page.locator('#flame canvas').press('Enter');
      await expect.poll(() => page.locator('#flame .flame-crumbs').textContent()).toContain('› filterProducts');
      await page.locator('#flame canvas').press('Escape');
      await expect.poll(() => page.locator('#flame .flame-crumbs').textContent()).not.toContain('› filterProducts');

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#exports button[data-format="pprof"]')]);
      expect(download.suggestedFilename()).toBe('pageprof-demo-interaction.pb.gz');
      const file = await download.path();
      const profile = Profile.decode(gunzipSync(readFileSync(file)));
      expect(profile.function.map((fn) => profile.stringTable.strings[Number(fn.name)])).toContain('filterProducts');

      // The target menu: whole profiles of the page, filterProducts first there too.
      await page.selectOption('#target', 'window:');
      await expect.poll(() => page.url()).not.toContain('target=');
      await expect.poll(() => page.locator('#flame .flame-crumbs').textContent()).toMatch(/^all — /);
      await expect.poll(() => page.locator('#functions tbody tr').first().textContent()).toContain('filterProducts');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('exports speedscope files that speedscope itself loads (its app from the npm package)', async () => {
    const exported = await (await api('export?format=speedscope&kind=interaction&name=click')).text();
    const release = join(projectRoot, 'node_modules/speedscope/dist/release');
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path === '/profile.speedscope.json') return response.writeHead(200, { 'content-type': 'application/json' }).end(exported);
      try {
        const file = join(release, normalize(path === '/' ? '/index.html' : path));
        response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const page = await browser.newPage();
    try {
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await page.goto(`${origin}/#profileURL=${encodeURIComponent(`${origin}/profile.speedscope.json`)}`);
      await page.waitForFunction(() => document.title.endsWith(' - speedscope') && document.title !== 'speedscope', undefined, { timeout: 15_000 });
      expect(await page.title()).toBe('demo interaction click - speedscope');
      // The flame chart is a canvas; the sandwich view lists every function by name in the DOM.
      await page.click('text=Sandwich');
      await expect.poll(() => page.locator('body').textContent(), { timeout: 10_000 }).toContain('filterProducts');
    } finally {
      await page.close();
      server.close();
    }
  });
});
