// Adapter and device: what the browser offers, in words a user can act on.

import type { SortVariant } from '../ops/radixSort.ts';

export interface GpuContext {
  device: GPUDevice;
  /** e.g. "SwiftShader (google, cpu)" */
  description: string;
  /** Limits granted to the device (the adapter's best storage sizes are requested). */
  limits: GPUSupportedLimits;
  /** The radix sort's kernels: barrier-free on the software adapter, cooperative elsewhere. */
  sort: SortVariant;
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
    const info = adapter.info;
    const description = [
      info.description || info.device || info.architecture || 'GPU',
      info.vendor && `(${info.vendor})`,
    ]
      .filter(Boolean)
      .join(' ');
    const software = info.architecture === 'swiftshader' || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter;
    return {
      ok: true,
      gpu: { device, description, limits: device.limits, sort: software ? 'serial' : 'workgroup' },
    };
  } catch (e) {
    return {
      ok: false,
      reason: `The WebGPU device could not be created: ${String(e)}`,
    };
  }
}
