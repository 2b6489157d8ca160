import type { ViewContext } from '../protocol/beacon.js';

type Device = Pick<ViewContext, 'browser' | 'browserVersion' | 'deviceClass' | 'cores' | 'deviceMemory' | 'connection' | 'viewport'>;

interface NavigatorExtras {
  deviceMemory?: number;
  connection?: { effectiveType?: string };
}

/** Tokens of the user agent string, most specific first: Edge and Opera also say `Chrome/`. */
const BROWSERS: [name: string, token: string][] = [
  ['Edge', 'Edg'],
  ['Opera', 'OPR'],
  ['Samsung Internet', 'SamsungBrowser'],
  ['Firefox', 'Firefox'],
  ['Firefox', 'FxiOS'],
  ['Chrome', 'CriOS'],
  ['Chrome', 'Chrome'],
  ['Safari', 'Version'],
];

/** The browser and device a page view ran on, each field only where the browser tells it. */
export function deviceContext(): Device {
  const ua = navigator.userAgent;
  const { deviceMemory, connection } = navigator as Navigator & NavigatorExtras;
  const context: Device = {
    deviceClass: /iPad|Tablet|Android(?!.*Mobi)/.test(ua) ? 'tablet' : /Mobi/.test(ua) ? 'mobile' : 'desktop',
    viewport: { width: innerWidth, height: innerHeight },
  };
  for (const [name, token] of BROWSERS) {
    const version = new RegExp(`${token}/(\\d+)`).exec(ua)?.[1];
    if (version) {
      context.browser = name;
      context.browserVersion = version;
      break;
    }
  }
  if (navigator.hardwareConcurrency > 0) context.cores = Math.min(navigator.hardwareConcurrency, 1024);
  if (typeof deviceMemory === 'number') context.deviceMemory = deviceMemory;
  if (connection?.effectiveType) context.connection = connection.effectiveType.slice(0, 16);
  return context;
}
