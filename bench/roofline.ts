// The roofline of a training step: for each stage, the fewest bytes it must move to or from memory
// (each value it needs read once, each result written once), so a stage's time gives the bandwidth
// it achieves, which is compared with a plain copy's on the same adapter. Token regression, f32 and
// u32 words; docs/benchmarks.md lists the formulas.

import type { TrainingStage } from '../src/engine/gpu/gpuEngine.ts';

/** What the byte counts depend on. */
export interface StepShape {
  /** L lanes, of which rowLanes row-wise and coordLanes coordinate-wise Adagrad. */
  lanes: number;
  rowLanes: number;
  coordLanes: number;
  /** B samples, d dimension, O occurrences (B for token regression), U unique rows this step. */
  batch: number;
  dim: number;
  occurrences: number;
  unique: number;
  /** Passes of the radix sort over the (row, occurrence) pairs. */
  sortPasses: number;
}

/** Minimal bytes per stage of one step (see the file comment). */
export function stageBytes(s: StepShape): Record<TrainingStage, number> {
  const { lanes: L, batch: B, dim: d, occurrences: O, unique: U } = s;
  return {
    // Two alias entries read and a pair written per occurrence; the teacher row read, the context
    // and the label written per sample.
    sampleBatch: O * 8 + O * 8 + B * d * 4 * 2 + B * 4,
    // Per lane the sample's table row, the context and label once, a coefficient written; the rows
    // copied to occRows.
    forward: L * B * d * 4 + B * d * 4 + B * 4 + L * B * 4 + O * 8 + O * 4,
    // Every pass reads and writes every (row, occurrence) pair.
    radixSort: s.sortPasses * O * 8 * 2,
    // The sorted pairs read; a counter read and written and a run start written per unique row.
    countRows: O * 8 + U * 12,
    // The sorted pairs; per lane and occurrence its coefficient and context row; per lane and unique
    // row its sum written.
    reduceRows: O * 8 + L * O * (4 + d * 4) + L * U * d * 4,
    // Per lane and unique row its sum read, its table row read and written, its state read and written.
    optimizerStep: U * 12 + L * U * d * 12 + s.rowLanes * U * 8 + s.coordLanes * U * d * 8,
  };
}

/** Bytes per second of a copy kernel on this device (reads and writes counted), in GB/s. */
export async function copyBandwidth(device: GPUDevice, mib = 64, repeats = 8): Promise<number> {
  const bytes = mib * 2 ** 20;
  const module = device.createShaderModule({
    code: `@group(0) @binding(0) var<storage, read> src: array<vec4f>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4f>;
@compute @workgroup_size(256) fn copy(@builtin(global_invocation_id) g: vec3u, @builtin(num_workgroups) n: vec3u) {
  let i = g.y * n.x * 256u + g.x;
  if (i < arrayLength(&src)) { dst[i] = src[i]; }
}`,
  });
  const pipeline = await device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'copy' } });
  const src = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE });
  const dst = device.createBuffer({ size: bytes, usage: GPUBufferUsage.STORAGE });
  const group = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: 0, resource: { buffer: src } },
      { binding: 1, resource: { buffer: dst } },
    ],
  });
  const groups = bytes / 16 / 256;
  const x = Math.min(groups, 65535);
  const run = async (n: number) => {
    const encoder = device.createCommandEncoder();
    for (let r = 0; r < n; r++) {
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(x, Math.ceil(groups / x));
      pass.end();
    }
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  await run(1);
  const t0 = performance.now();
  await run(repeats);
  const seconds = (performance.now() - t0) / 1000;
  src.destroy();
  dst.destroy();
  return (2 * bytes * repeats) / seconds / 1e9;
}

/** A typed-array copy's bandwidth in this thread (reads and writes counted), in GB/s. */
export function cpuCopyBandwidth(mib = 64, repeats = 8): number {
  const a = new Float32Array((mib * 2 ** 20) / 4).fill(1);
  const b = new Float32Array(a.length);
  b.set(a);
  const t0 = performance.now();
  for (let r = 0; r < repeats; r++) (r % 2 ? a : b).set(r % 2 ? b : a);
  const seconds = (performance.now() - t0) / 1000;
  return (2 * a.byteLength * repeats) / seconds / 1e9;
}
