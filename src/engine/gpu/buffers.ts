// Buffer helpers. Sizes are rounded up to 4 bytes and at least 4 (WebGPU rejects empty bindings).

export type Data = ArrayBuffer | ArrayBufferView;

const bytesOf = (d: Data) => d as ArrayBufferView<ArrayBuffer>;

/**
 * A storage buffer holding `data` or `bytes` zeros; also a copy source and destination, and what
 * `extraUsage` adds (UNIFORM: a buffer some kernels read as a uniform; INDIRECT: dispatch sizes).
 */
export function storageBuffer(device: GPUDevice, label: string, init: Data | number, extraUsage = 0): GPUBuffer {
  const bytes = typeof init === 'number' ? init : init.byteLength;
  const buffer = device.createBuffer({
    label,
    size: Math.max(4, Math.ceil(bytes / 4) * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST | extraUsage,
  });
  if (typeof init !== 'number' && bytes > 0) device.queue.writeBuffer(buffer, 0, bytesOf(init));
  return buffer;
}

export function uniformBuffer(device: GPUDevice, label: string, data: Data): GPUBuffer {
  const buffer = device.createBuffer({
    label,
    size: data.byteLength,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, bytesOf(data));
  return buffer;
}

/** Reads a whole buffer back (waits for the queue): for tests and checkpoints, not the hot loop. */
export async function readBuffer(device: GPUDevice, src: GPUBuffer, bytes = src.size): Promise<ArrayBuffer> {
  const staging = device.createBuffer({
    size: bytes,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(src, 0, staging, 0, bytes);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0);
  staging.destroy();
  return copy;
}
