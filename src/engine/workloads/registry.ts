// Every workload, by the name RunConfig.workload gives it, and the table layout that follows from
// its descriptor.

import type { RunConfig, WorkloadKind } from '../config.ts';
import type { PairData } from '../input/pairData.ts';
import { ctr } from './ctr.ts';
import { matrixFactorization } from './matrixFactorization.ts';
import { startsOf, type RunData } from './runData.ts';
import { tokenRegression } from './tokenRegression.ts';
import type { Workload } from './workload.ts';
import { yourData } from './yourData.ts';

export const WORKLOADS: Record<WorkloadKind, Workload> = {
  tokenRegression,
  matrixFactorization,
  data: yourData,
  ctr,
};

/** The descriptor of a run's workload (undefined for a name no workload has, e.g. from a file). */
export const workloadOf = (c: Pick<RunConfig, 'workload'>): Workload => WORKLOADS[c.workload];

/** Rows of each table, in the order they are concatenated: tokens; users, items; the CTR fields. */
export const tableSizes = (c: RunConfig): number[] => workloadOf(c).tables(c);

/** [S + 1] first row of each table in the concatenated table, then the total. */
export const tableStarts = (c: RunConfig): Uint32Array => startsOf(tableSizes(c));

/** Rows of the (concatenated) table. */
export const totalRows = (c: RunConfig): number => tableSizes(c).reduce((a, b) => a + b, 0);

/** Table rows touched per sample (occurrences per sample): one per table. */
export const slotsPerSample = (c: RunConfig): number => tableSizes(c).length;

/**
 * Builds the fixed data of a run. The configuration must be valid (validateConfig); a run on
 * "Your data" needs its pairs (which must be the data its configuration names).
 */
export function prepareRun(c: RunConfig, pairs?: PairData): RunData {
  return workloadOf(c).prepare(c, pairs);
}
