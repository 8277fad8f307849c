// GPU time per compute pass with timestamp queries, where the device has the 'timestamp-query'
// feature; where it does not, every method does nothing and read() gives null.
//
// Pass i writes timestamps 2i (begin) and 2i+1 (end) into one query set; resolve() copies them
// into a buffer that read() maps.

export class PassTimer {
  private readonly querySet: GPUQuerySet | null = null;
  private readonly resolved: GPUBuffer | null = null;
  private readonly staging: GPUBuffer | null = null;

  /** Room for `passes` timed passes per read. */
  constructor(
    device: GPUDevice,
    readonly passes: number,
  ) {
    if (!device.features.has('timestamp-query')) return;
    this.querySet = device.createQuerySet({ type: 'timestamp', count: 2 * passes });
    const size = 2 * passes * 8;
    this.resolved = device.createBuffer({ size, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  get enabled(): boolean {
    return this.querySet !== null;
  }

  /** The descriptor of timed pass i (a plain pass where timing is missing). */
  pass(i: number, label: string): GPUComputePassDescriptor {
    if (!this.querySet) return { label };
    return {
      label,
      timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 },
    };
  }

  /** Copies the timestamps of passes [0, used) out, after the passes in `encoder`. */
  resolve(encoder: GPUCommandEncoder, used = this.passes): void {
    if (!this.querySet || !this.resolved || !this.staging) return;
    encoder.resolveQuerySet(this.querySet, 0, 2 * used, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, this.staging, 0, 2 * used * 8);
  }

  /** Nanoseconds each of passes [0, used) took, or null without the feature. */
  async read(used = this.passes): Promise<number[] | null> {
    if (!this.staging) return null;
    await this.staging.mapAsync(GPUMapMode.READ, 0, 2 * used * 8);
    const t = new BigUint64Array(this.staging.getMappedRange(0, 2 * used * 8).slice(0));
    this.staging.unmap();
    return Array.from({ length: used }, (_, i) => Number(t[2 * i + 1] - t[2 * i]));
  }

  destroy(): void {
    this.querySet?.destroy();
    this.resolved?.destroy();
    this.staging?.destroy();
  }
}
