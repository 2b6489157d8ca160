import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlowInteraction } from '../../src/protocol/queryApi.js';
import { BATCH_WAIT_MS } from '../../src/sdk/batcher.js';
import { projectRoot } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { measureCounts, queryApi, viewsIn } from '../support/queryApi.js';
import { measureInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

let rig: DeliveryRig;
beforeAll(async () => {
  rig = await startDeliveryRig();
});
afterAll(() => rig?.close());

const snippet = readFileSync(join(projectRoot, 'src/sdk/snippet.js'), 'utf8');
const everything = { from: 0, to: Date.now() + 86_400_000 };

/** Everything of pageprof's the origin's storage holds, as the page sees it. */
const stored = (page: Page) =>
  page.evaluate(async () => ({
    local: Object.keys(localStorage),
    session: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((database) => database.name),
  }));
const nothingStored = { local: [], session: [], indexedDB: [] };

describe('consent: data-consent="pending" and perf.consent()', () => {
  it('before consent nothing is stored or sent, not even at exit; refusal drops it all; consent sends what waited, once', async () => {
    const url = serveTestPage(rig.proxy, '/consent.html', { attributes: 'data-consent="pending"' });
    const context = await rig.browser.newContext();
    const first = rig.proxy.seen.length;
    const workers: string[] = [];
    context.on('page', (page) => page.on('worker', (worker) => workers.push(worker.url())));

    const unanswered = await context.newPage();
    await unanswered.goto(url);
    await measureInPage(unanswered, names('unanswered', 2));
    // Past the moment the worker would start on its own (an earlier view's outbox to upload).
    await unanswered.waitForTimeout(BATCH_WAIT_MS + 1000);
    expect(await stored(unanswered)).toEqual(nothingStored);
    await unanswered.goto('about:blank');

    const refused = await context.newPage();
    await refused.goto(url);
    await measureInPage(refused, names('refused', 2), false);
    await refused.evaluate(() => (window as unknown as { perf: { consent(granted: boolean): void } }).perf.consent(false));
    await measureInPage(refused, names('refused-after', 2));
    expect(await stored(refused)).toEqual(nothingStored);
    await refused.goto('about:blank');
    await quiet(rig.proxy, 500);
    expect(rig.proxy.seen.length).toBe(first);
    expect(workers).toEqual([]);

    const granted = await context.newPage();
    await granted.goto(url);
    expect(await stored(granted)).toEqual(nothingStored);
    const held = names('held', 2);
    await measureInPage(granted, held, false);
    await granted.evaluate(() => (window as unknown as { perf: { consent(granted: boolean): void } }).perf.consent(true));
    const after = names('granted', 2);
    await measureInPage(granted, after);
    const sent = once([...held, ...after]);
    await eventually(
      () => measureCounts(rig.collector, ''),
      (found) => Object.keys(found).length >= 4,
    );
    await quiet(rig.proxy);
    expect(await measureCounts(rig.collector, '')).toEqual(sent);
    expect(workers).toHaveLength(1);
    await context.close();
  });
});

describe('beforeSend for script-tag pages', () => {
  it('is the hook the page sets on window.perf before the script: it drops and rewrites events', async () => {
    const hook = `<script>${snippet}perf.beforeSend = function (event) {
      if (event.name === 'secret-step') return null;
      return event.name === 'rename-me' ? Object.assign({}, event, { name: 'renamed' }) : event;
    };</script>`;
    const url = serveTestPage(rig.proxy, '/hooked.html', { head: hook });
    const page = await rig.browser.newPage();
    await page.goto(url);
    await measureInPage(page, ['hooked-plain', 'secret-step', 'rename-me']);
    await eventually(
      () => measureCounts(rig.collector, ''),
      (found) => 'hooked-plain' in found,
    );
    await quiet(rig.proxy);
    const counts = await measureCounts(rig.collector, '');
    expect(counts).toMatchObject({ 'hooked-plain': 1, renamed: 1 });
    expect(counts).not.toHaveProperty('secret-step');
    expect(counts).not.toHaveProperty('rename-me');
    await page.close();
  });
});

describe('default scrubbing', () => {
  it("the visitor's e-mail address and ids in the page's path, selectors and a mark's detail never leave the page", async () => {
    const body = `<div id="jane.doe@example.com"><button class="pay content-['Jane_Doe']" data-user="jane.doe@example.com">Pay</button></div>
      <script>document.querySelector('button').addEventListener('click', () => { const t = performance.now(); while (performance.now() - t < 80); });
      perf.mark('customer', { email: 'jane.doe@example.com', order: 42 });</script>`;
    const path = '/account/42/jane.doe@example.com/orders.html';
    const url = serveTestPage(rig.proxy, path, { metrics: true, body });
    const first = rig.proxy.seen.length;
    const page = await rig.browser.newPage();
    await page.goto(url);
    await page.click('button');
    // web-vitals and Event Timing report the interaction when the page is hidden (browser-notes).
    await page.waitForTimeout(1200);
    await page.goto('about:blank');
    await page.close();

    const pageUrl = `${rig.proxy.origin}/account/:id/:email/orders.html`;
    await eventually(
      () => viewsIn(rig.collector, everything),
      (views) => views.some((view) => view.url === pageUrl),
    );
    const interactions = await eventually(
      async () => (await queryApi<{ interactions: SlowInteraction[] }>(rig.collector, 'interactions')).interactions,
      (found) => found.some((interaction) => interaction.url === pageUrl),
    );
    await quiet(rig.proxy);
    expect(interactions.find((interaction) => interaction.url === pageUrl)?.attribution.target).toBe("div#:email>button.pay.content-['']");
    const wire = rig.proxy.seen.slice(first).map((beacon) => beacon.json);
    expect(wire.join('\n')).toContain('"detailSize":');
    for (const json of wire) expect(json).not.toMatch(/jane|example\.com|\/42\//i);
  });
});
