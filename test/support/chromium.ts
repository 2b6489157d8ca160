import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Flags that keep Debian's Chromium from reaching for the internet this machine refuses (browser-notes). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, ...options, args: [...chromiumArgs, ...(options.args ?? [])] });
}
