import type { ProfileEvent } from '../../src/protocol/beacon.js';
import { seededRandom } from '../../src/collector/compare/seededRandom.js';
import { makeBeacon, makeEvents, makeProfileEvent, makeView } from './beacons.js';
import { postBeacon } from './httpPost.js';

/**
 * A profile window of `samples` samples at 10 ms: `fn` called from `handler`, `fn` taking about
 * `share` of them (binomially, as sampling does).
 */
function profileWindow(fn: string, share: number, samples: number, random: () => number): ProfileEvent {
  let inFn = 0;
  for (let i = 0; i < samples; i++) if (random() < share) inFn++;
  const inHandler = samples - inFn;
  return {
    ...makeProfileEvent(fn),
    samples,
    stacks: [
      [[0, 1], inFn, inFn * 10],
      [[0], inHandler, inHandler * 10],
    ],
    other: 0,
    otherMs: 0,
    functions: [
      [1, inFn * 10, inFn * 10, inFn, inFn],
      [0, inHandler * 10, samples * 10, inHandler, samples],
    ],
    spans: [],
  };
}

/**
 * Posts `views` page views of one release: each scales every timing by a log-normal factor
 * (σ 0.3, as page loads vary) times `slowdown`, and carries a profile window in which
 * `addToCart` takes `share` of the samples.
 */
export async function postRelease(
  origin: string,
  release: string,
  { views, slowdown = 1, share = 0.4, seed }: { views: number; slowdown?: number; share?: number; seed: number },
): Promise<void> {
  const random = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  for (let sent = 0; sent < views; sent += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, views - sent) }, () => {
        const scale = slowdown * Math.exp(0.3 * normal());
        const beacon = makeBeacon({ view: makeView({ release }), events: [...makeEvents(scale), profileWindow('addToCart', share, 100, random)] });
        return postBeacon(origin, beacon);
      }),
    );
  }
}
