import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { chromiumPath, webgpuArgs } from './chromium.js';

// base './' makes the built site work from any sub-path (a hosted copy opens the same links).
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
    // React + Recharts make one ~650 kB chunk (190 kB gzipped), loaded once and cached.
    chunkSizeWarningLimit: 800,
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts'], exclude: ['src/**/*.gpu.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'gpu',
          include: ['src/**/*.gpu.test.ts'],
          testTimeout: 120_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: webgpuArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
