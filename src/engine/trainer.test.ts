import { expect, test } from 'vitest';
import { PRESETS } from './config.ts';
import { CpuEngine } from './cpu/cpuEngine.ts';
import { Trainer } from './trainer.ts';
import { prepareRun } from './workloads/task.ts';

test('a run to maxSteps reports every metric before it reports that it stopped', async () => {
  const config = { ...PRESETS.zipf.config, rows: 500, dim: 4, batch: 64 };
  const events: string[] = [];
  const done = new Promise<void>((resolve) => {
    const trainer = new Trainer(new CpuEngine(prepareRun(config)), 10, {
      metrics: (m) => events.push(`metrics ${m.step}`),
      stopped: (reason) => {
        events.push(`stopped ${reason}`);
        resolve();
      },
    });
    trainer.maxSteps = 35;
    trainer.start();
  });
  await done;
  expect(events).toEqual(['metrics 0', 'metrics 10', 'metrics 20', 'metrics 30', 'metrics 35', 'stopped maxSteps']);
});
