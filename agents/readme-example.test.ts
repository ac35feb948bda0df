/**
 * The "## Models and agents" example of docs/agents-and-training.md, executed (ARCHITECTURE habit 12): its ```ts block
 * runs against the env, baselines, models and agents barrels (what the package entry re-exports),
 * with the output directory moved into the temporary folder.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReadmeBlock } from '../util/readme-blocks.js';

interface Result {
  backend: { name: string };
  clone: { bcLoss: number };
  log: Record<string, number>[];
  quotes: Float32Array;
  agent: { numTimesteps: number };
}

describe('docs/agents-and-training.md: Models and agents', () => {
  it('runs the example code', async () => {
    const { result: r } = await runReadmeBlock<Result>({
      file: 'docs/agents-and-training.md',
      marker: '## Models and agents',
      barrels: ['env', 'baselines', 'models', 'agents'],
      exports: ['backend', 'clone', 'log', 'quotes', 'agent'],
      edit: (code, dir) => code.replace("'runs/readme-ppo'", JSON.stringify(join(dir, 'ppo'))),
      tmpPrefix: 'mmgym-readme-agents-',
    });
    console.log('docs example:', r.backend, 'bc mse', r.clone.bcLoss, 'updates', r.log.length, 'quotes', Array.from(r.quotes));
    expect(r.backend.name).toBe('wasm');
    expect(r.clone.bcLoss).toBeLessThan(0.01);
    expect(r.log).toHaveLength(4);
    expect(Number.isFinite(r.log[3]!['train/approx_kl'])).toBe(true);
    expect(r.agent.numTimesteps).toBe(2048);
    expect(r.quotes).toHaveLength(2);
    // Near the HJB quotes at q = 0, t = 0 (depth ~0.7-0.8 of maxDepth 5 -> about -0.7 normalised).
    for (const a of r.quotes) {
      expect(a).toBeGreaterThan(-0.9);
      expect(a).toBeLessThan(-0.5);
    }
  });
});
