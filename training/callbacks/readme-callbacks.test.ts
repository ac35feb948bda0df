/**
 * The "The same callbacks in your own code" example of docs/agents-and-training.md, executed (ARCHITECTURE habit 12):
 * its ```ts block runs against the package's barrels with the output directory moved into the
 * temporary folder; it writes what `mmgym train` writes for these callbacks.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runReadmeBlock } from '../../util/readme-blocks.js';

interface Result {
  agent: { numTimesteps: number; dispose(): void };
  evaluation: { lastEval: { pctOptimal: number } | null; run: { state: { evals: number; bestAt: number | null } } };
  checkpoints: { lastCheckpointDir: string };
  best: { name: string; act(obs: Float32Array, n: number): Float32Array; dispose?(): void };
  files: { run: string[]; checkpoints: string[] };
}

describe('docs/agents-and-training.md: the same callbacks in your own code', () => {
  it('runs the example: evaluations, best/, checkpoints', async () => {
    // What the example wrote, listed inside the module (the temporary folder goes when it returns).
    const listing =
      "\nimport { readdirSync as ls } from 'node:fs';\n" +
      "export const files = { run: ls(dir).sort(), checkpoints: ls(dir + '/checkpoints').sort() };\n";
    const { result: r } = await runReadmeBlock<Result>({
      file: 'docs/agents-and-training.md',
      marker: '<!-- callbacks-example',
      barrels: ['env', 'baselines', 'models', 'agents', 'training'],
      exports: ['agent', 'evaluation', 'checkpoints', 'best', 'files'],
      edit: (code, tmp) => code.replace("'runs/readme-callbacks'", JSON.stringify(join(tmp, 'cb'))) + listing,
      tmpPrefix: 'mmgym-readme-callbacks-',
    });
    expect(r.agent.numTimesteps).toBe(4096);
    expect(r.evaluation.run.state.evals).toBe(4); // 1024, 2048, 3072, 4096 (far from 99%: no early stop)
    expect(r.evaluation.lastEval?.pctOptimal).toBeGreaterThan(0);
    expect(r.files.run).toEqual(['best', 'checkpoints', 'evals.csv', 'evals.jsonl']);
    expect(r.files.checkpoints).toEqual(['latest.json', 'step-0000002048', 'step-0000004096']);
    expect(r.checkpoints.lastCheckpointDir.endsWith('step-0000004096')).toBe(true);
    expect(r.best.act(new Float32Array([0, 0]), 1)).toHaveLength(2);
    r.best.dispose?.();
    r.agent.dispose();
  });
});
