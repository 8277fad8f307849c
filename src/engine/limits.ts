// What keeps a configuration from running where it would run, for the page to say before Run:
// the GPU device's buffer limits (gpu/layout.ts), or the CPU engine's memory.

import type { ConfigError, RunConfig } from './config.ts';
import { cpuLimitErrors, limitErrors } from './gpu/layout.ts';
import type { DeviceLimits } from './protocol.ts';

export function runLimitErrors(c: RunConfig, limits: DeviceLimits): ConfigError[] {
  return limits ? limitErrors(c, limits) : cpuLimitErrors(c);
}
