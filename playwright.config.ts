import { defineConfig } from '@playwright/test';
import { chromiumPath, noWebgpuArgs, webgpuArgs } from './chromium.js';

// End-to-end tests drive the built app (vite preview) in real Chromium: once with WebGPU (the
// SwiftShader adapter on machines without a GPU) and once without, as a user with no usable GPU.
const port = 4173;

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  reporter: [['list']],
  use: { baseURL: `http://localhost:${port}`, viewport: { width: 1280, height: 900 } },
  webServer: {
    command: `npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: chromiumPath, args: webgpuArgs } },
    },
    {
      name: 'no-webgpu',
      testMatch: /no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: chromiumPath, args: noWebgpuArgs } },
    },
  ],
});
