// Debian's Chromium driven by playwright-core, tuned for a closed network (no first-run, sync,
// component updates or QUIC, each of which would wait on the internet). playwright-core gives every
// launch a fresh temporary profile (--user-data-dir) of its own and removes it on close.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.OMS_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Fails, saying how to install one, when there is no browser: the console suite is never skipped. */
export function requireChromium(executable = CHROMIUM_PATH): void {
  if (!existsSync(executable))
    throw new Error(`No browser at ${executable}: the console's browser tests need Chromium. Install it with \`apt-get install -y chromium\` (Debian) or set OMS_CHROMIUM_PATH to a Chromium binary.`);
}

export async function launchChromium(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  requireChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}
