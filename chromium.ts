// How tests and benchmarks launch Chromium. Debian's /usr/bin/chromium by default; set
// CHROMIUM_PATH to use another Chrome/Chromium, or CHROMIUM_PATH="" to use Playwright's own browser.
export const chromiumPath: string | undefined =
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
