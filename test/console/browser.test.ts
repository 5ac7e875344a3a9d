// The console's browser suites are never skipped: without Chromium they fail and say how to get one.
import { requireChromium } from './browser';

it('fails with the install command when there is no browser', () => {
  expect(() => requireChromium('/nonexistent/chromium')).toThrow(/No browser at \/nonexistent\/chromium.*apt-get install -y chromium.*OMS_CHROMIUM_PATH/);
});
