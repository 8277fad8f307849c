// Adapter and device: what the browser offers, in words a user can act on.

import type { SortVariant } from '../ops/radixSort.ts';

/**
 * How the kernels run on an adapter. `sort`: the kernels that walk the sorted order (the radix
 * sort, countRows' run list) run workgroup-cooperative, or in one invocation where barriers are dear.
 * `dispatch`: the per-run kernel's grid bounded on the host ('direct'), or read from the GPU
 * ('indirect': exactly the runs there are, but Dawn and wgpu validate each indirect grid with a
 * dispatch of their own).
 */
export interface KernelPath {
  sort: SortVariant;
  dispatch: 'direct' | 'indirect';
}

/**
 * GPUs get the cooperative kernels and direct dispatches. Software adapters (SwiftShader, lavapipe)
 * run a workgroup's invocations on a CPU: there a barrier costs about a microsecond per invocation
 * (SwiftShader) and every workgroup launched costs CPU time, so they get the serial kernels and the
 * indirect grid (docs/engine.md, "The step").
 */
export const KERNEL_PATHS = {
  hardware: { sort: 'workgroup', dispatch: 'direct' },
  software: { sort: 'serial', dispatch: 'indirect' },
} as const satisfies Record<string, KernelPath>;

export interface GpuContext extends KernelPath {
  device: GPUDevice;
  /** e.g. "SwiftShader (google, cpu)" */
  description: string;
  /** Limits granted to the device (the adapter's best storage sizes are requested). */
  limits: GPUSupportedLimits;
}

export type GpuResult = { ok: true; gpu: GpuContext } | { ok: false; reason: string };

export async function requestGpu(): Promise<GpuResult> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu)
    return {
      ok: false,
      reason: 'This browser has no WebGPU (navigator.gpu is missing).',
    };
  let adapter: GPUAdapter | null = null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (e) {
    return {
      ok: false,
      reason: `Requesting a WebGPU adapter failed: ${String(e)}`,
    };
  }
  if (!adapter)
    return {
      ok: false,
      reason: 'The browser offers no WebGPU adapter (no usable GPU, or WebGPU is blocked).',
    };
  const a = adapter.limits;
  try {
    // Timestamps time each pass (engine.profile); without the feature the profile is empty.
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
    const device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits: {
        maxStorageBufferBindingSize: a.maxStorageBufferBindingSize,
        maxBufferSize: a.maxBufferSize,
        maxComputeWorkgroupStorageSize: Math.min(a.maxComputeWorkgroupStorageSize, 32768),
      },
    });
    // Older browsers have no adapter.info (Chrome has it since 127); read unguarded, its absence sent
    // the run to the CPU engine saying the device could not be created.
    const info: Partial<GPUAdapterInfo> & { isFallbackAdapter?: boolean } = adapter.info ?? {};
    const description = [
      info.description || info.device || info.architecture || 'GPU',
      info.vendor && `(${info.vendor})`,
    ]
      .filter(Boolean)
      .join(' ');
    const software = info.architecture === 'swiftshader' || info.isFallbackAdapter === true;
    return {
      ok: true,
      gpu: { device, description, limits: device.limits, ...KERNEL_PATHS[software ? 'software' : 'hardware'] },
    };
  } catch (e) {
    return {
      ok: false,
      reason: `The WebGPU device could not be created: ${String(e)}`,
    };
  }
}
