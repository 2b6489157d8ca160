import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceContext } from '../../src/sdk/deviceContext.js';

afterEach(() => vi.restoreAllMocks());

function withUserAgent(userAgent: string) {
  vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue(userAgent);
  return deviceContext();
}

describe('deviceContext', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36', 'Chrome', '156', 'desktop'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge', '131', 'desktop'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
      'Safari',
      '17',
      'mobile',
    ],
    ['Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36', 'Chrome', '130', 'tablet'],
    ['Mozilla/5.0 (Android 14; Mobile; rv:132.0) Gecko/132.0 Firefox/132.0', 'Firefox', '132', 'mobile'],
  ])('%s → %s %s on %s', (userAgent, browser, browserVersion, deviceClass) => {
    expect(withUserAgent(userAgent)).toMatchObject({ browser, browserVersion, deviceClass });
  });

  it('reports cores, memory, connection and viewport where the browser tells them, nothing where it does not', () => {
    const extras = navigator as unknown as Record<string, unknown>;
    extras.deviceMemory = 8;
    extras.connection = { effectiveType: '4g' };
    const context = withUserAgent('SomethingNew/1.0');
    delete extras.deviceMemory;
    delete extras.connection;
    expect(context).toMatchObject({ deviceMemory: 8, connection: '4g', viewport: { width: innerWidth, height: innerHeight } });
    expect(context.browser).toBeUndefined();
    expect(withUserAgent('SomethingNew/1.0')).not.toHaveProperty('deviceMemory');
  });
});
