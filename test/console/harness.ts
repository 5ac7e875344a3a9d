// What every console suite needs: the built console, a real hub serving it, Chromium, signed-in
// browser contexts, pages that record uncaught errors, and screenshots for the README.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../support/stack';
import { launchChromium } from './browser';
import { ensureConsoleBuilt, SCREENSHOTS } from './console-build';

export const SESSION_KEY = 'oms.console.apiKey';

export interface ConsoleHarness {
  hub: TestStack;
  browser: Browser;
  consoleUrl: string;
  /** A browser context already signed in with `key` (as the sign-in form would leave it). */
  signedIn(key: string): Promise<BrowserContext>;
  /** Opens a console route (`/orders?...`) in a new page of the context. */
  open(context: BrowserContext, route: string): Promise<Page>;
  screenshot(page: Page, name: string): Promise<void>;
  /** Uncaught errors of the console's pages since the last call. */
  takePageErrors(): string[];
  stop(): Promise<void>;
}

export async function startConsoleHarness(): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  const [hub, chromium] = await Promise.all([startTestStack(), launchChromium()]);
  const consoleUrl = `${new URL(hub.gatewayUrl).origin}/console`;
  const pageErrors: string[] = [];
  return {
    hub,
    browser: chromium.browser,
    consoleUrl,
    signedIn: async (key) => {
      const context = await chromium.browser.newContext({ viewport: { width: 1360, height: 900 } });
      await context.addInitScript(`sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(key)})`);
      return context;
    },
    open: async (context, route) => {
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${route}: ${error.message}`));
      await page.goto(`${consoleUrl}${route}`);
      return page;
    },
    screenshot: async (page, name) => {
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
    takePageErrors: () => pageErrors.splice(0),
    stop: async () => {
      await chromium.close();
      await hub.stop();
    },
  };
}
