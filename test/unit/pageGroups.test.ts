import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { pageGrouper } from '../../src/collector/config/pageGroups.js';

const site = { id: 'shop', writeKey: 'shop-write-key', readToken: 'shop-read-token-of-at-least-32-characters', origins: ['*'] };

describe('pageGrouper', () => {
  it('matches whole paths, segment by segment, the first group that matches', () => {
    const group = pageGrouper(['/a.b/:id', '/docs/*', '/docs/:page', '/']);
    expect(group('https://x.example/a.b/7')).toBe('https://x.example/a.b/:id');
    // A literal is literal: '.' is not any character.
    expect(group('https://x.example/aXb/7')).toBe('https://x.example/aXb/7');
    expect(group('https://x.example/docs/one')).toBe('https://x.example/docs/*');
    expect(group('https://x.example/')).toBe('https://x.example/');
    expect(group('https://x.example')).toBe('https://x.example/');
    expect(pageGrouper()('https://x.example/anything')).toBe('https://x.example/anything');
  });

  it('is refused in a config unless it is a path of segments, :names and a final *', () => {
    expect(parseConfig({ sites: [{ ...site, pageGroups: ['/product/:slug', '/docs/*', '/'] }] }).sites[0]?.pageGroups).toHaveLength(3);
    for (const bad of ['product/:slug', '/product/(.*)', '/a/*/b', '/x?y', '/:1']) {
      expect(() => parseConfig({ sites: [{ ...site, pageGroups: [bad] }] }), bad).toThrow(/pageGroups/);
    }
  });
});
