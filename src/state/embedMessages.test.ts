import { describe, expect, test } from 'vitest';
import { EMBED_VERSION, hostCommand } from './embedMessages.ts';

describe('embed: the host’s messages are read like links', () => {
  test('the three commands of the known shape and version', () => {
    for (const command of ['run', 'pause', 'reset'])
      expect(hostCommand({ source: 'fa-sgd-host', version: EMBED_VERSION, command })).toBe(command);
    // Extra fields are ignored, not used.
    expect(hostCommand({ source: 'fa-sgd-host', version: 1, command: 'run', steps: 1e9 })).toBe('run');
  });

  test('anything else is ignored', () => {
    const bad: unknown[] = [
      null,
      undefined,
      'run',
      42,
      ['run'],
      { command: 'run' },
      { source: 'fa-sgd-host', version: 2, command: 'run' },
      { source: 'fa-sgd-host', version: '1', command: 'run' },
      { source: 'someone', version: 1, command: 'run' },
      { source: 'fa-sgd-host', version: 1, command: 'Run' },
      { source: 'fa-sgd-host', version: 1, command: 'constructor' },
      { source: 'fa-sgd-host', version: 1, command: { toString: () => 'run' } },
      { source: 'fa-sgd-host', version: 1, command: 'loseDevice' },
    ];
    for (const m of bad) expect(hostCommand(m), JSON.stringify(m) ?? String(m)).toBeNull();
  });
});
