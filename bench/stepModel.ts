// What a training step costs a real GPU, which the software adapters here cannot show: the
// commands it asks for (counted by wrapping the device's command encoders and queue while steps
// are encoded) and a model of their time: the step's minimal bytes (roofline.ts) at a memory
// bandwidth, plus a launch cost per dependent dispatch. An indirect dispatch counts twice: Dawn and
// wgpu validate its grid with a dispatch of their own before it.

/** Commands per training step. */
export interface StepCommands {
  /** Compute dispatches, indirect ones included. */
  dispatches: number;
  /** Of those, dispatches whose grid is read from a GPU buffer. */
  indirect: number;
  /** Queue submissions (one per batch of steps: STEPS_PER_SUBMIT in gpuEngine.ts). */
  submits: number;
}

/** The GPU the model describes: a mid-range discrete one (400 GB/s, 7 µs per dependent dispatch). */
export const MODEL_GPU = { gigabytesPerSecond: 400, launchMicroseconds: 7 };

/** Microseconds per step on MODEL_GPU: minimal bytes at its bandwidth, plus its launch cost per dispatch. */
export function modelMicroseconds(bytes: number, c: StepCommands, gpu = MODEL_GPU): number {
  return bytes / (gpu.gigabytesPerSecond * 1e3) + (c.dispatches + c.indirect) * gpu.launchMicroseconds;
}

/**
 * Counts the commands of `steps` steps: `run` encodes and submits them on `device`, whose command
 * encoders (and their compute passes) and queue are wrapped meanwhile, then put back.
 */
export async function commandsPerStep(
  device: GPUDevice,
  steps: number,
  run: (steps: number) => unknown,
): Promise<StepCommands> {
  const counts = { dispatches: 0, indirect: 0, submits: 0 };
  const { createCommandEncoder } = device;
  const { submit } = device.queue;
  device.createCommandEncoder = (descriptor) => {
    const encoder = createCommandEncoder.call(device, descriptor);
    const begin = encoder.beginComputePass;
    encoder.beginComputePass = (passDescriptor) => {
      const pass = begin.call(encoder, passDescriptor);
      const direct = pass.dispatchWorkgroups;
      const indirect = pass.dispatchWorkgroupsIndirect;
      pass.dispatchWorkgroups = (...grid) => (counts.dispatches++, direct.apply(pass, grid));
      pass.dispatchWorkgroupsIndirect = (...args) => (
        counts.dispatches++,
        counts.indirect++,
        indirect.apply(pass, args)
      );
      return pass;
    };
    return encoder;
  };
  device.queue.submit = (buffers) => (counts.submits++, submit.call(device.queue, buffers));
  try {
    await run(steps);
  } finally {
    device.createCommandEncoder = createCommandEncoder;
    device.queue.submit = submit;
  }
  return { dispatches: counts.dispatches / steps, indirect: counts.indirect / steps, submits: counts.submits / steps };
}
