import { defineConfig } from '@playwright/test';
import { chromiumPath, noWebgpuArgs, webgpuArgs } from './chromium.js';

// End-to-end tests drive the built app (vite preview) in real Chromium: once with WebGPU (the
// SwiftShader adapter on machines without a GPU) and once without, as a user with no usable GPU.
// E2E_PORT moves both servers (port and port + 1), e.g. to run two checkouts side by side.
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: { baseURL: `http://localhost:${port}`, viewport: { width: 1280, height: 900 } },
  webServer: [
    {
      command: `npx vite preview --port ${port} --strictPort`,
      url: `http://localhost:${port}`,
      reuseExistingServer: !process.env.CI,
    },
    // The same build served from a sub-path, as a hosted copy would be (e2e/hosting.spec.ts).
    {
      command: `npx vite preview --port ${port + 1} --strictPort --base /hosted/fa-sgd/`,
      url: `http://localhost:${port + 1}/hosted/fa-sgd/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
  projects: [
    // The classroom path (classroom.spec.ts) and the embedded figure (embed.spec.ts) run in both.
    {
      name: 'webgpu',
      testIgnore: /no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: chromiumPath, args: webgpuArgs } },
    },
    {
      name: 'no-webgpu',
      testMatch: /no-webgpu|classroom|embed/,
      use: { browserName: 'chromium', launchOptions: { executablePath: chromiumPath, args: noWebgpuArgs } },
    },
  ],
});
