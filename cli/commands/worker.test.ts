/** The queue flags of `mmgym worker`, `sweep` and `train`: their refusals, without a Redis. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { sweepCommand } from './sweep.js';
import { trainCommand } from './train.js';
import { workerCommand } from './worker.js';

const cmds = [workerCommand, sweepCommand, trainCommand];

describe('queue flags', () => {
  it('an unreachable Redis is an error naming the URL, for the worker and the submitters', async () => {
    await expect(runCommands(cmds, ['worker', '--queue', 'redis://127.0.0.1:1'])).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    const out = join(mkdtempSync(join(tmpdir(), 'mmgym-cli-q-')), 'run');
    await expect(runCommands(cmds, ['train', '--seeds', '0-1', '--queue', 'redis://127.0.0.1:1', '--out', out, '--timesteps', '512'])).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
    await expect(runCommands(cmds, ['sweep', '--config', 'evals/examples/regime-study.json', '--queue', 'redis://127.0.0.1:1', '--no-figures'])).rejects.toThrow(
      /cannot reach Redis at redis:\/\/127\.0\.0\.1:1/,
    );
  });

  it('queue flags without their partner are refused, naming them', async () => {
    await expect(runCommands(cmds, ['sweep', '--config', 'evals/examples/regime-study.json', '--collect'])).rejects.toThrow(/--collect and --name go with --queue/);
    await expect(runCommands(cmds, ['train', '--queue', 'redis://127.0.0.1:6379'])).rejects.toThrow(/--queue and --name go with --seeds/);
    await expect(runCommands(cmds, ['worker', '--queue', 'redis://127.0.0.1:6379', '--concurrency', '0'])).rejects.toThrow(/--concurrency must be an integer in \[1, 64\], got 0/);
    await expect(runCommands(cmds, ['worker', '--queue', 'localhost:6379'])).rejects.toThrow(/--queue must be a Redis URL/);
  });
});
