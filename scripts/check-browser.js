// Runs before `npm test`: the GPU and end-to-end tests need a Chromium binary. Says what to do
// when there is none, instead of failing deep inside a test runner.
import { existsSync } from 'node:fs';
import { chromiumPath } from '../chromium.js';

if (chromiumPath && !existsSync(chromiumPath)) {
  console.error(
    `No Chromium at ${chromiumPath}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium), ` +
      'or point CHROMIUM_PATH at Chrome/Chromium, or set CHROMIUM_PATH="" to use Playwright\'s own browser ' +
      '(npx playwright install chromium).',
  );
  process.exit(1);
}
