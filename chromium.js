// How tests and benchmarks launch Chromium (plain JavaScript so that `node bench/run.js` can use it).
// Debian's /usr/bin/chromium by default; set CHROMIUM_PATH to use another Chrome or Chromium, or
// CHROMIUM_PATH="" to use the browser Playwright downloaded itself.

/** @type {string | undefined} */
export const chromiumPath =
  process.env.CHROMIUM_PATH === undefined ? '/usr/bin/chromium' : process.env.CHROMIUM_PATH || undefined;

/** Flags common to every launch: quiet, offline-safe, sandbox off (CI runs as root). */
const baseArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** WebGPU on machines without a GPU uses the SwiftShader software adapter (tests only). */
export const webgpuArgs = [...baseArgs, '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader'];

/** What a user without a usable GPU gets: requestAdapter() resolves to null. */
export const noWebgpuArgs = baseArgs;
