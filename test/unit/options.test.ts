import { describe, expect, it } from 'vitest';
import { readScriptOptions, resolveOptions } from '../../src/sdk/options.js';

const base = { site: 'shop', endpoint: '/v1/beacon' };

describe('options', () => {
  it('reads data-sample-rate from the script tag', () => {
    const script = document.createElement('script');
    script.dataset.site = 'shop';
    script.dataset.sampleRate = '0.25';
    expect(readScriptOptions(script)).toMatchObject({ site: 'shop', sampleRate: 0.25 });
    expect(readScriptOptions(document.createElement('script'))).not.toHaveProperty('sampleRate');
  });

  it('reads data-consent="pending" and data-mark-detail; other values mean no', () => {
    const script = document.createElement('script');
    expect(readScriptOptions(script)).toMatchObject({ consent: undefined, markDetail: false });
    script.setAttribute('data-consent', 'pending');
    script.setAttribute('data-mark-detail', '');
    expect(readScriptOptions(script)).toMatchObject({ consent: 'pending', markDetail: true });
    script.setAttribute('data-consent', 'granted');
    expect(readScriptOptions(script).consent).toBeUndefined();
    expect(resolveOptions({ ...base, consent: 'pending', markDetail: true }, 'https://shop.example/')).toMatchObject({ consent: 'pending', markDetail: true });
    expect(resolveOptions({ ...base, consent: 'yes' as never, markDetail: 'yes' as never }, 'https://shop.example/')).toMatchObject({
      consent: undefined,
      markDetail: false,
    });
  });

  it("turns on the app's own user timing with a bare data-user-timing attribute", () => {
    const script = document.createElement('script');
    expect(readScriptOptions(script).userTiming).toBe(false);
    script.setAttribute('data-user-timing', '');
    expect(readScriptOptions(script).userTiming).toBe(true);
    script.setAttribute('data-user-timing', 'false');
    expect(readScriptOptions(script).userTiming).toBe(false);
  });

  it.each([
    [0.25, 0.25],
    [0, 0],
    [1, 1],
    [undefined, 1],
    [Number.NaN, 1],
    [1.5, 1],
    [-0.1, 1],
  ])('sample rate %s → %s', (sampleRate, expected) => {
    expect(resolveOptions({ ...base, sampleRate }, 'https://shop.example/')?.sampleRate).toBe(expected);
  });

  it('keeps routeName and beforeSend only when they are functions', () => {
    const routeName = (url: string) => url;
    const beforeSend = () => null;
    expect(resolveOptions({ ...base, routeName, beforeSend }, 'https://shop.example/')).toMatchObject({ routeName, beforeSend });
    const odd = resolveOptions({ ...base, routeName: 'x', beforeSend: 1 } as never, 'https://shop.example/');
    expect(odd?.routeName).toBeUndefined();
    expect(odd?.beforeSend).toBeUndefined();
  });
});
