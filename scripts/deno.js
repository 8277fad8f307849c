// Runs a TypeScript file of the engine under Deno, whose WebGPU is wgpu + naga (what Firefox ships):
// a second WebGPU implementation beside Chromium's, on whatever adapter Vulkan offers (Mesa's
// lavapipe, a CPU driver, on machines without a GPU). `node scripts/deno.js FILE.ts [ARGS]`.
//
// The Deno binary comes from the optional dependency @deno/linux-x64-glibc (nothing is downloaded).
// The engine's `shaders/*.wgsl?raw` imports (Vite's) are mapped to modules by an import map, and
// XDG_RUNTIME_DIR names a writable folder (the Vulkan loader wants one). Exits with Deno's status.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The Deno binary of the optional dependency, or null where it is not installed. */
export function denoPath() {
  try {
    const pkg = createRequire(import.meta.url).resolve('@deno/linux-x64-glibc/package.json');
    const bin = join(dirname(pkg), 'deno');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/**
 * Runs `file` (relative to the repository) under Deno; returns its exit status and, where stdout
 * is piped, what it printed.
 * @param {string} file @param {string[]} args @param {'inherit' | 'pipe'} stdout
 */
export function runDeno(file, args = [], stdout = 'inherit') {
  const deno = denoPath();
  if (!deno && `${process.platform}-${process.arch}` !== 'linux-x64') {
    console.log(
      `deno: not run (the optional dependency @deno/linux-x64-glibc has no build for ${process.platform}-${process.arch})`,
    );
    return { status: 0, stdout: '' };
  }
  if (!deno) {
    console.error(
      'deno: not installed. The optional dependency @deno/linux-x64-glibc ships it on Linux x64 (glibc): ' +
        'run npm install there.',
    );
    return { status: 1, stdout: '' };
  }
  const tmp = mkdtempSync(join(os.tmpdir(), 'fasgd-deno-'));
  try {
    const imports = Object.fromEntries(
      readdirSync(join(root, 'shaders'))
        .filter((f) => f.endsWith('.wgsl'))
        .map((f) => {
          const code = readFileSync(join(root, 'shaders', f), 'utf8');
          const module = `export default ${JSON.stringify(code)};`;
          const url = `${pathToFileURL(join(root, 'shaders', f)).href}?raw`;
          return [url, `data:text/javascript;base64,${Buffer.from(module).toString('base64')}`];
        }),
    );
    const map = join(tmp, 'import-map.json');
    writeFileSync(map, JSON.stringify({ imports }));
    const r = spawnSync(deno, ['run', '-A', '--no-lock', `--import-map=${map}`, join(root, file), ...args], {
      cwd: root,
      stdio: ['ignore', stdout, 'inherit'],
      encoding: 'utf8',
      env: { ...process.env, XDG_RUNTIME_DIR: tmp, NO_COLOR: '1' },
    });
    if (r.error) throw r.error;
    return { status: r.status ?? 1, stdout: r.stdout ?? '' };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, ...args] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/deno.js FILE.ts [ARGS]');
    process.exit(2);
  }
  process.exit(runDeno(file, args).status);
}
