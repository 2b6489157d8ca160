import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gzipNow } from '../../src/sdk/gzipNow.js';

const beaconLike = JSON.stringify({
  v: 1,
  id: 'a1b2c3',
  view: { id: 'v', url: 'https://shop.example/products', sdk: '0.1.0' },
  events: Array.from({ length: 40 }, (_, index) => ({ type: 'vital', name: index % 2 ? 'LCP' : 'INP', start: index * 13.5, value: index * 7, rating: 'good' })),
});

describe('gzipNow', () => {
  it('writes gzip that zlib inflates to the same text: empty, non-ASCII, longer than a match and than the window', () => {
    let seed = 7;
    const random = Array.from({ length: 5000 }, () => String.fromCharCode(97 + (((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 5))).join('');
    for (const text of ['', 'a', 'aaaa', 'héllo ✓ héllo ✓ 😀', 'x'.repeat(70_000), random, beaconLike.repeat(30)]) {
      expect(gunzipSync(gzipNow(text)).toString()).toBe(text);
    }
  });

  it('shrinks a beacon of repeated shapes to under a third of its JSON', () => {
    const ours = gzipNow(beaconLike).length;
    console.log(`beacon JSON ${beaconLike.length} B: gzipNow ${ours} B, zlib -9 ${gzipSync(beaconLike, { level: 9 }).length} B`);
    expect(ours).toBeLessThanOrEqual(beaconLike.length / 3);
  });
});
