// The benchmark's baseline: the same token-regression step written the idiomatic TensorFlow.js way
// (WebGPU backend): tf.gather of the batch's rows, the mean squared loss, and tf.train.sgd or
// tf.train.adagrad minimising it. Batches come from the same alias sampler and RNG as the engine
// (sampleStep), labels from the same teacher. TensorFlow.js differentiates the gather into a dense
// table-sized gradient, so every step touches all N·d weights; this engine touches only the rows
// sampled. Token regression only.

import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients; the full @tensorflow/tfjs package does this import too.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-webgpu';
import { sampleStep, type StepSamples } from '../src/engine/sampling/sampleStep.ts';
import { type RunData } from '../src/engine/workloads/runData.ts';

export type TfjsOptimizer = 'sgd' | 'adagrad';

export async function tfjsReady(): Promise<string> {
  if (!(await tf.setBackend('webgpu'))) throw new Error('TensorFlow.js found no WebGPU backend');
  await tf.ready();
  return tf.getBackend();
}

export class TfjsTokenRegression {
  stepCount = 0;
  private readonly table: tf.Variable<tf.Rank.R2>;
  private readonly optimizer: tf.Optimizer;
  private readonly samples: StepSamples;
  private readonly labels: Float32Array;

  constructor(
    private readonly data: RunData,
    kind: TfjsOptimizer,
    lr: number,
  ) {
    const { rows, config } = data;
    if (data.itemAlias) throw new Error('the TensorFlow.js baseline is token regression only');
    this.table = tf.variable(tf.tensor2d(data.init, [rows, config.dim]));
    // tf.train.adagrad's accumulator starts at 0.1 by default; this engine's starts at 0 (ε = 1e-8).
    this.optimizer = kind === 'sgd' ? tf.train.sgd(lr) : tf.train.adagrad(lr, 1e-8);
    this.samples = sampleStep(data, 1);
    this.labels = new Float32Array(config.batch);
  }

  /** Runs n steps (enqueued; TensorFlow.js runs them asynchronously on the GPU). */
  steps(n: number): void {
    const { data, samples, labels } = this;
    const { batch: B, dim: d } = data.config;
    for (let s = 0; s < n; s++) {
      sampleStep(data, ++this.stepCount, samples);
      const t = data.teacher;
      for (let i = 0; i < B; i++) {
        let dot = 0;
        for (let j = 0, k = samples.rows[i] * d; j < d; j++) dot += t[k + j] * samples.x[i * d + j];
        labels[i] = dot + data.noise * samples.z[i];
      }
      tf.tidy(() => {
        const ids = tf.tensor1d(Int32Array.from(samples.rows.subarray(0, B)), 'int32');
        const x = tf.tensor2d(samples.x, [B, d]);
        const y = tf.tensor1d(labels);
        // Loss Σ(⟨θ_k, x⟩ − y)² / 2B, whose gradient is the engine's (r_i / B) x_i.
        this.optimizer.minimize(() => {
          const r = tf.sub(tf.sum(tf.mul(tf.gather(this.table, ids), x), 1), y);
          return tf.div(tf.sum(tf.square(r)), 2 * B);
        });
      });
    }
  }

  /** Waits for every enqueued step (reads back one weight). */
  async finish(): Promise<void> {
    const one = tf.slice(this.table, [0, 0], [1, 1]);
    await one.data();
    one.dispose();
  }

  async readTable(): Promise<Float32Array> {
    return (await this.table.data()) as Float32Array;
  }

  dispose(): void {
    this.table.dispose();
    this.optimizer.dispose();
  }
}
