// The whole-step suite (testing/wholeStep.ts) on a second WebGPU implementation: Deno's (wgpu +
// naga), on the adapter Vulkan offers (on machines without a GPU, Mesa's lavapipe). Run by
// `npm run test:deno` (scripts/deno.js); fails when any check fails or no adapter is found.

import { gpu } from '../testing/gpuHarness.ts';
import { WHOLE_STEP_CASES, wholeStepDeterminism, wholeStepParity } from '../testing/wholeStep.ts';
import { KERNEL_PATHS } from './device.ts';

const started = performance.now();
const adapter = await navigator.gpu?.requestAdapter();
if (!adapter) {
  console.error(
    'wholeStep.deno.ts: Deno finds no WebGPU adapter. On a machine without a GPU install Mesa’s Vulkan ' +
      'drivers (Debian/Ubuntu: apt-get install -y mesa-vulkan-drivers), whose lavapipe is a CPU adapter.',
  );
  throw new Error('no WebGPU adapter');
}
const { description } = await gpu();
console.log(`adapter: ${description} (${adapter.info.description || 'no description'})`);

let failed = 0;
for (const [pathName, path] of Object.entries(KERNEL_PATHS))
  for (const [name, config, pairs] of WHOLE_STEP_CASES) {
    const t0 = performance.now();
    const parity = await wholeStepParity(config, pairs, path);
    const failures = [...parity.failures, ...(await wholeStepDeterminism(config, pairs, path))];
    const worst = Math.max(...parity.lanes.map((l) => l.normRel));
    const ms = (performance.now() - t0).toFixed(0);
    console.log(
      `${failures.length ? 'FAIL' : 'ok  '} ${pathName} path, ${name}: worst normwise ${worst.toExponential(2)}, tables ${parity.digests} (${ms} ms)`,
    );
    for (const f of failures) console.log(`     ${f}`);
    if (failures.length) for (const l of parity.lanes) console.log(`     ${l.line}`);
    failed += failures.length ? 1 : 0;
  }
console.log(`${failed ? `${failed} failed` : 'all passed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
if (failed) throw new Error(`${failed} whole-step cases failed on this adapter`);
