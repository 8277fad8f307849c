// A ring of MAP_READ staging buffers: copies are enqueued behind the training steps and mapped
// asynchronously, so reading metrics never stalls the GPU queue. Only when every slot is still
// waiting does the next read wait for the oldest.

export class ReadbackRing {
  private readonly buffers: GPUBuffer[];
  private readonly pending: (Promise<unknown> | null)[];
  private next = 0;

  constructor(
    private readonly device: GPUDevice,
    readonly bytes: number,
    slots = 4,
  ) {
    this.buffers = Array.from({ length: slots }, (_, i) =>
      device.createBuffer({
        label: `readback ${i}`,
        size: bytes,
        usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      }),
    );
    this.pending = this.buffers.map(() => null);
  }

  /** Copies `bytes` of src (after everything already submitted) and resolves with them. */
  async read(src: GPUBuffer, prepare?: (encoder: GPUCommandEncoder) => void): Promise<ArrayBuffer> {
    const slot = this.next;
    this.next = (this.next + 1) % this.buffers.length;
    while (this.pending[slot]) await this.pending[slot];
    const staging = this.buffers[slot];
    const encoder = this.device.createCommandEncoder({ label: 'readback' });
    prepare?.(encoder);
    encoder.copyBufferToBuffer(src, 0, staging, 0, this.bytes);
    this.device.queue.submit([encoder.finish()]);
    const done = staging.mapAsync(GPUMapMode.READ).then(() => {
      const copy = staging.getMappedRange().slice(0);
      staging.unmap();
      return copy;
    });
    // The caller handles a failed read (a lost device); the ring only waits for it to settle.
    this.pending[slot] = done.catch(() => {}).finally(() => (this.pending[slot] = null));
    return done;
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
  }
}
