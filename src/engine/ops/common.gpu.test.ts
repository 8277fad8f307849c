// The shared WGSL helpers that keep every kernel free of infinities (WGSL lets an implementation
// assume none: an overflowing exp2 or exp is indeterminate on real GPUs, whatever SwiftShader does).

import { expect, test } from 'vitest';
import common from '../../../shaders/common.wgsl?raw';
import { NORMAL_SCALE } from '../sampling/rng.ts';
import { gpu } from '../testing/gpuHarness.ts';

/** Runs `fn(a, b)` (a WGSL expression of two f32) on the GPU for each pair of inputs. */
async function evaluate(expression: string, inputs: [number, number][]): Promise<Float32Array> {
  const { device } = await gpu();
  const module = device.createShaderModule({
    code: `${common}
@group(0) @binding(0) var<storage, read> input: array<vec2f>;
@group(0) @binding(1) var<storage, read_write> output: array<f32>;
@compute @workgroup_size(1) fn main(@builtin(global_invocation_id) g: vec3u) {
  let a = input[g.x].x;
  let b = input[g.x].y;
  output[g.x] = ${expression};
}`,
  });
  const pipeline = await device.createComputePipelineAsync({
    layout: 'auto',
    compute: { module, entryPoint: 'main', constants: { NORMAL_SCALE } },
  });
  const n = inputs.length;
  const buffer = (size: number, usage: number) => device.createBuffer({ size, usage });
  const input = buffer(8 * n, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST);
  const output = buffer(4 * n, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC);
  const read = buffer(4 * n, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST);
  device.queue.writeBuffer(input, 0, Float32Array.from(inputs.flat()));
  const encoder = device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(
    0,
    device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: { buffer: input } },
        { binding: 1, resource: { buffer: output } },
      ],
    }),
  );
  pass.dispatchWorkgroups(n);
  pass.end();
  encoder.copyBufferToBuffer(output, 0, read, 0, 4 * n);
  device.queue.submit([encoder.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const out = new Float32Array(read.getMappedRange().slice(0));
  [input, output, read].forEach((b) => b.destroy());
  return out;
}

test('cappedExp2 clamps the exponent before exp2: past 128 it gives exactly the cap, never via an infinity', async () => {
  // A tail row of Zipf s = 5 over 1M rows at β = 4: β·log2(p_max/p_k) ≈ 400.
  const got = await evaluate('cappedExp2(a, b)', [
    [3, 20],
    [400, 20],
    [1000, 1e30],
    [200, 3.4e38], // a cap no configuration allows: the clamp shows as 2^126
    [-5, 20],
  ]);
  expect(Array.from(got)).toEqual([8, 20, Math.fround(1e30), 2 ** 126, 2 ** -5]);
});

test('sigmoid takes exp of −|s| only: finite everywhere, 1/(1 + e^−s) to f32 rounding', async () => {
  const s = [-200, -90, -20, -1, -1e-3, 0, 1e-3, 1, 20, 90, 200];
  const got = await evaluate(
    'sigmoid(a)',
    s.map((v) => [v, 0]),
  );
  s.forEach((v, i) => {
    const want = 1 / (1 + Math.exp(-v));
    expect(Number.isFinite(got[i])).toBe(true);
    expect(Math.abs(got[i] - want), `σ(${v})`).toBeLessThanOrEqual(Math.max(1e-6 * want, 1e-37));
  });
});
