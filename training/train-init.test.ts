/** `--init`: a new run starts from a saved policy's network and observation statistics. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openRunLogs } from './run-log.js';
import { train } from './train.js';
import { validateTrainOptions, type TrainOptions } from './train-options.js';
import { tinyRun } from './test-utils/tiny-run.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-train-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tiny(name: string, patch: Partial<TrainOptions> = {}): TrainOptions {
  return tinyRun(root, name, { evalEpisodes: 8, checkpointEvery: 0, seed: 5, ...patch });
}

describe('mmgym train --init', () => {
  it("starts where the saved policy is: the new run's first evaluation equals the source's best", async () => {
    const a = await train(tiny('source'));
    const best = openRunLogs(a.options.out).evals.read().find((e) => e.timesteps === a.bestAt)!;
    const b = await train(tiny('fine-tune', { init: a.options.out, seed: 9 }));
    const first = openRunLogs(b.options.out).evals.read()[0]!;
    expect(first.timesteps).toBe(0);
    expect(first.mean_return).toBe(best.mean_return);
    expect(first.exact_return).toBe(best.exact_return);
    // and it trains on from there (a fresh start would be far below: a new network earns ~16 of 67)
    expect(Number(first.mean_return)).not.toBe(Number(openRunLogs(join(root, 'source')).evals.read()[0]!.mean_return));
  });

  it('refuses a network of another shape, a residual mismatch and --warm-start, naming the field', async () => {
    await expect(train(tiny('bad-shape', { init: join(root, 'source'), agentConfig: { ...tiny('x').agentConfig, net: { hidden: [16] } } }))).rejects.toThrow(/--init: the network does not fit this agent: net\.hidden 64x64 \(the agent's: 16\)/);
    await expect(train(tiny('bad-residual', { init: join(root, 'source'), residual: 'hjb' }))).rejects.toThrow(/--init: the policy is not a residual policy, the run is residual on hjb/);
    expect(() => validateTrainOptions(tiny('both', { init: join(root, 'source'), warmStart: 'hjb' }))).toThrow(/init must be unset when warmStart is set/);
  });
});
