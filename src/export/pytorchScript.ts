// "Export as PyTorch script": one self-contained Python 3 file (torch and numpy only) that rebuilds
// a run exactly — distributions, alias tables, counter-based RNG, workload, lanes, metrics — and
// writes the playground's CSV. Assembled from real Python files (./pytorch/*.py, one per concern
// and one per workload), with the run's configuration as a JSON literal; nothing else is templated.

import type { RunConfig, WorkloadKind } from '../engine/config.ts';
import type { DataReading } from '../engine/input/pairData.ts';
import { laneLabel } from '../engine/optimizers.ts';
import { configSummary } from '../state/runRecord.ts';
import header from './pytorch/header.py?raw';
import rng from './pytorch/rng.py?raw';
import sampling from './pytorch/sampling.py?raw';
import tokenRegression from './pytorch/tokenRegression.py?raw';
import matrixFactorization from './pytorch/matrixFactorization.py?raw';
import ctr from './pytorch/ctr.py?raw';
import yourData from './pytorch/yourData.py?raw';
import optimizers from './pytorch/optimizers.py?raw';
import train from './pytorch/train.py?raw';

const WORKLOAD_PART: Record<WorkloadKind, string> = { tokenRegression, matrixFactorization, ctr, data: yourData };

export interface ScriptOptions {
  /** Default of --steps: the run's stop step. */
  steps: number;
  /** Data runs: how the file was read (defaults of the script's options). */
  reading?: DataReading;
}

/** The CONFIG literal of the script: the configuration and what the script cannot derive alone. */
export function scriptConfig(c: RunConfig, o: ScriptOptions) {
  return { config: c, laneLabels: c.lanes.map(laneLabel), steps: o.steps, reading: o.reading ?? null };
}

/** The script's text. The configuration must be valid (validateConfig). */
export function pytorchScript(c: RunConfig, o: ScriptOptions): string {
  const usage =
    c.workload === 'data'
      ? `\nThis run trains on “${c.data!.name}”, which is not in this script: give the same ${c.data!.source === 'text' ? 'text' : 'file'} as\n--data PATH; the script checks its fingerprint (${c.data!.fingerprint}) and refuses other data.\n`
      : '';
  const json = JSON.stringify(scriptConfig(c, o), null, 1);
  if (json.includes('"""')) throw new Error('The configuration cannot be written into a Python string.');
  const head = header
    .replace('__SUMMARY__', configSummary(c).replaceAll('"""', "'''"))
    .replace('__DATA_USAGE__', usage);
  return [head, rng.replace('__CONFIG_JSON__', json), sampling, WORKLOAD_PART[c.workload], optimizers, train].join('');
}
