import { devices, type BrowserContextOptions } from 'playwright-core';

/** A device to emulate: its screen and user agent, a network (CDP throttling) and a CPU slowdown. */
export interface TrafficDevice {
  name: string;
  context: BrowserContextOptions;
  /** Network.emulateNetworkConditions: round trip ms and bytes per second each way. */
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number; connectionType: 'cellular3g' | 'cellular4g' | 'wifi' };
  /** Emulation.setCPUThrottlingRate: phones are this many times slower. */
  cpu: number;
}

const kbps = (value: number) => (value * 1000) / 8;

/**
 * Chromium-based devices only: the demo runs in Chromium, whose APIs (long animation frames, the
 * JS Self-Profiling API) a Safari user agent would misattribute. Networks are DevTools' presets.
 */
export const TRAFFIC_DEVICES: TrafficDevice[] = [
  {
    name: 'Pixel 7 on 4G',
    context: devices['Pixel 7'] ?? {},
    network: { latency: 150, downloadThroughput: kbps(9000), uploadThroughput: kbps(3000), connectionType: 'cellular4g' },
    cpu: 2,
  },
  {
    name: 'Galaxy S9+ on slow 3G',
    context: devices['Galaxy S9+'] ?? {},
    network: { latency: 400, downloadThroughput: kbps(400), uploadThroughput: kbps(400), connectionType: 'cellular3g' },
    cpu: 4,
  },
  {
    name: 'Desktop Chrome on cable',
    context: devices['Desktop Chrome'] ?? {},
    network: { latency: 20, downloadThroughput: kbps(50_000), uploadThroughput: kbps(20_000), connectionType: 'wifi' },
    cpu: 1,
  },
  { name: 'Desktop Chrome, full speed', context: { ...devices['Desktop Chrome HiDPI'], viewport: { width: 1440, height: 900 } }, cpu: 1 },
];
