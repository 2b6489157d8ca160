import { describe, expect, it } from 'vitest';
import { scrubPath } from '../../src/protocol/scrubPath.js';
import { scrubSelector } from '../../src/sdk/scrubSelector.js';
import { stripUrl } from '../../src/sdk/stripUrl.js';

describe('default scrubbing of what pages leak into strings', () => {
  it.each([
    ['/users/42/orders/7', '/users/:id/orders/:id'],
    ['/orders/0b6f1c3e-58a1-4d2b-9c7e-2f4a6b8d0e1f/receipt', '/orders/:id/receipt'],
    ['/reset/9f86d081884c7d659a2feaa0c55ad015', '/reset/:hex'],
    ['/users/jane.doe@example.com/settings', '/users/:email/settings'],
    ['/users/jane.doe%40example.com', '/users/:email'],
    // Kept: words, versions, hashed file names, npm scopes and versions on CDNs.
    ['/v2/products/shoes', '/v2/products/shoes'],
    ['/assets/app.3f2a9c1b7e8d4f00aa.js', '/assets/app.3f2a9c1b7e8d4f00aa.js'],
    ['/npm/@scope/pkg@1.2.3/dist/index.js', '/npm/@scope/pkg@1.2.3/dist/index.js'],
  ])('scrubs the segments of %s', (path, scrubbed) => {
    expect(scrubPath(path)).toBe(scrubbed);
  });

  it('strips query and fragment and scrubs the path of a URL, never its origin', () => {
    expect(stripUrl('https://127.0.0.1:8080/account/42/jane@example.com?token=abc#x')).toBe('https://127.0.0.1:8080/account/:id/:email');
  });

  it.each([
    ['button[data-user="jane@example.com"]', 'button[data-user]'],
    ["li[data-order='12345']>a", 'li[data-order]>a'],
    ['IMG[src=https://cdn.example/u/42.png?sig=abc].onload', 'IMG[src].onload'],
    [`div.before:content-['Hello_Jane']`, `div.before:content-['']`],
    ['button:has-text("Pay Jane Doe")', 'button:has-text("")'],
    ['div#user-jane.doe@example.com', 'div#:email'],
    ['tr#row-9f86d081884c7d659a2f', 'tr#row-:hex'],
    // Kept: what names an element and nothing of the visitor.
    ['main>ul.products>li.card:nth-child(2)>button#buy.primary', 'main>ul.products>li.card:nth-child(2)>button#buy.primary'],
    ['BUTTON#buy.onclick', 'BUTTON#buy.onclick'],
  ])('scrubs the selector %s', (selector, scrubbed) => {
    expect(scrubSelector(selector)).toBe(scrubbed);
  });
});
