/**
 * ProgressBarCallback without a total: the display starts at learn() and runs to its
 * totalTimesteps; lines mode through a logger (no TTY), the last state printed when learn() ends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PPO } from '../../agents/ppo.js';
import { TargetEnv } from '../../agents/test-utils/target-env.js';
import { selectBackend } from '../../models/backend.js';
import { ProgressBarCallback } from './progress-bar.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

describe('ProgressBarCallback', () => {
  it('shows learn()\'s progress from its first rollout to its target, and stops with it', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m) };
    const cb = new ProgressBarCallback({ mode: 'lines', logger, stream: null, intervalSeconds: 3600 });
    cb.log('before'); // no display yet: straight to the logger
    const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 8, batchSize: 16, nEpochs: 1, seed: 5 });
    await agent.learn(48, cb);
    cb.stop(); // idempotent
    expect(lines).toEqual([
      'before',
      expect.stringMatching(/^steps 16\/48 \(33%\) \| fps \d+ \| ep_rew_mean - \| eval - of optimal \| ETA /),
      expect.stringMatching(/^steps 48\/48 \(100%\) \| fps \d+ \| ep_rew_mean -?\d+\.\d{3} \| eval - of optimal \| ETA /),
    ]);
    agent.dispose();
  });
});
