// A compute entry point with an explicit bind group layout, and how to dispatch it.
// Every shader is compiled as shaders/common.wgsl followed by its own file. Pipelines are created
// asynchronously (the driver may compile them in parallel and the calling thread never blocks) and
// once per device; kernelsReady(device) resolves once every kernel made so far can be dispatched.

import common from '../../../shaders/common.wgsl?raw';
import { NORMAL_SCALE } from '../sampling/rng.ts';

/** How a binding is declared in WGSL: var<uniform>, var<storage, read>, var<storage, read_write>. */
export type BindingKind = 'uniform' | 'read' | 'storage';

/** Threads per workgroup of the one-dimensional kernels (WG in common.wgsl). */
export const WG = 64;
const MAX_GROUPS = 65535;

const modules = new WeakMap<GPUDevice, Map<string, GPUShaderModule>>();
const pending = new WeakMap<GPUDevice, Promise<void>[]>();

/** A compiled entry point and its bind group layout, shared by every run on the same device. */
interface Compiled {
  layout: GPUBindGroupLayout;
  pipeline: Promise<GPUComputePipeline>;
}
const compiled = new WeakMap<GPUDevice, Map<string, Compiled>>();

/** Resolves when every kernel created on `device` so far has its pipeline (rejects on a compile error). */
export async function kernelsReady(device: GPUDevice): Promise<void> {
  const list = pending.get(device) ?? [];
  pending.set(device, []);
  await Promise.all(list);
}

/** Pipelines compiled (or being compiled) on `device` so far (tests). */
export const compiledKernels = (device: GPUDevice) => compiled.get(device)?.size ?? 0;

function shaderModule(device: GPUDevice, label: string, code: string): GPUShaderModule {
  let cache = modules.get(device);
  if (!cache) modules.set(device, (cache = new Map()));
  let module = cache.get(label);
  if (!module)
    cache.set(
      label,
      (module = device.createShaderModule({
        label,
        code: `${common}\n${code}`,
      })),
    );
  return module;
}

/**
 * The pipeline of one entry point with one set of bindings and constants, compiled once per
 * device: a second run (Reset and Run, another preset or lesson) starts without recompiling.
 */
function compile(
  device: GPUDevice,
  file: { label: string; code: string },
  entryPoint: string,
  bindings: Record<number, BindingKind>,
  constants: Record<string, number>,
): Compiled {
  let cache = compiled.get(device);
  if (!cache) compiled.set(device, (cache = new Map()));
  const key = JSON.stringify([file.label, entryPoint, bindings, constants]);
  let entry = cache.get(key);
  if (!entry) {
    const layout = device.createBindGroupLayout({
      label: entryPoint,
      entries: Object.entries(bindings).map(([binding, kind]) => ({
        binding: Number(binding),
        visibility: GPUShaderStage.COMPUTE,
        buffer: {
          type: kind === 'uniform' ? 'uniform' : kind === 'read' ? 'read-only-storage' : 'storage',
        },
      })),
    });
    const pipeline = device.createComputePipelineAsync({
      label: entryPoint,
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: {
        module: shaderModule(device, file.label, file.code),
        entryPoint,
        constants: { NORMAL_SCALE, ...constants },
      },
    });
    cache.set(key, (entry = { layout, pipeline }));
    // A failed compile is not cached: the next run tries again (and reports the error again).
    pipeline.catch(() => cache.delete(key));
  }
  return entry;
}

/** What a kernel is made from: its shader file, entry point, bindings and pipeline constants. */
export interface KernelSpec {
  file: { label: string; code: string };
  entryPoint: string;
  /** binding number → kind; only the bindings this entry point uses. */
  bindings: Record<number, BindingKind>;
  constants?: Record<string, number>;
}

/** The kernel of `spec` on `device` (its pipeline compiled once per device). */
export const kernelOf = (device: GPUDevice, spec: KernelSpec) =>
  new Kernel(device, spec.file, spec.entryPoint, spec.bindings, spec.constants);

export class Kernel {
  readonly layout: GPUBindGroupLayout;
  private pipeline: GPUComputePipeline | null = null;

  constructor(
    readonly device: GPUDevice,
    file: { label: string; code: string },
    readonly entryPoint: string,
    /** binding number → kind; only the bindings this entry point uses. */
    readonly bindings: Record<number, BindingKind>,
    constants: Record<string, number> = {},
  ) {
    const { layout, pipeline } = compile(device, file, entryPoint, bindings, constants);
    this.layout = layout;
    const created = pipeline.then((p) => void (this.pipeline = p));
    if (!pending.has(device)) pending.set(device, []);
    pending.get(device)!.push(created);
  }

  /** A bind group from binding number → buffer (must cover this entry point's bindings). */
  bind(buffers: Record<number, GPUBuffer>): GPUBindGroup {
    return this.device.createBindGroup({
      label: this.entryPoint,
      layout: this.layout,
      entries: Object.keys(this.bindings).map((b) => ({
        binding: Number(b),
        resource: { buffer: buffers[Number(b)] },
      })),
    });
  }

  /** Dispatches `threads` invocations of a WG-sized kernel, folding large grids into y. */
  dispatch(pass: GPUComputePassEncoder, group: GPUBindGroup, threads: number): void {
    const groups = Math.ceil(threads / WG);
    if (groups === 0) return;
    const x = Math.min(groups, MAX_GROUPS);
    this.dispatchGroups(pass, group, x, Math.ceil(groups / x));
  }

  /** Dispatches the grid held at `offset` bytes of `args` (x, y, z workgroups, written on the GPU). */
  dispatchIndirect(pass: GPUComputePassEncoder, group: GPUBindGroup, args: GPUBuffer, offset: number): void {
    if (!this.pipeline) throw new Error(`${this.entryPoint}: dispatched before kernelsReady()`);
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroupsIndirect(args, offset);
  }

  dispatchGroups(pass: GPUComputePassEncoder, group: GPUBindGroup, x: number, y = 1): void {
    if (!this.pipeline) throw new Error(`${this.entryPoint}: dispatched before kernelsReady()`);
    pass.setPipeline(this.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(x, y);
  }
}
