import { afterAll, describe, expect, it } from 'vitest';
import { ActorCritic } from '../models/actor-critic.js';
import { SeededRandom } from '../models/random.js';
import { accumulate, chunkBounds, chunkLossAndGrad, sliceMinibatch, type ChunkLoss } from './chunk-grad.js';
import { GradWorkers } from './grad-workers.js';
import { TargetEnv } from './test-utils/target-env.js';
import { PPO } from './ppo.js';

const ac = ActorCritic.create({ obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: { hidden: [16, 16], activation: 'tanh', logStdInit: -1, orthoInit: true } }, { seed: 1 });
const rng = SeededRandom.fromSeed(3);
const f = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.normal());
const B = 301; // not a multiple of the thread count
const mb = { size: B, obs: f(3 * B), actions: f(2 * B), oldLogProbs: f(B).map((x) => x - 2), advantages: f(B), returns: f(B), oldValues: f(B) };
const pool: GradWorkers[] = [];
afterAll(() => pool.forEach((g) => g.close()));

describe('data-parallel gradients', () => {
  it('chunks: as equal as possible, covering every row once', () => {
    expect(chunkBounds(301, 3)).toEqual([0, 101, 201, 301]);
    expect(chunkBounds(2, 4)).toEqual([0, 1, 2]);
  });

  for (const loss of [
    { kind: 'ppo', clipRange: 0.2, clipRangeVf: 0.5, entCoef: 0.03, vfCoef: 0.5 },
    { kind: 'a2c', clipRange: 0, clipRangeVf: null, entCoef: 0.01, vfCoef: 0.25 },
  ] as ChunkLoss[]) {
    it(`${loss.kind}: the gradient over 1 + 2 threads is the one-pass gradient (float32 rounding), and the same bits every time`, () => {
      const one = chunkLossAndGrad(ac, mb, loss);
      const gw = new GradWorkers(ac, 2, 2, 512, 'cpu');
      pool.push(gw);
      const par = gw.lossAndGrad(ac, mb, loss);
      const scale = Math.max(...Array.from(one.grad, Math.abs));
      for (let i = 0; i < one.grad.length; i++) expect(Math.abs(par.grad[i]! - one.grad[i]!)).toBeLessThan(2e-6 * scale);
      for (let k = 0; k < one.metrics.length; k++) expect(par.metrics[k]!).toBeCloseTo(one.metrics[k]!, 6);
      // The combination itself, done here on the main thread: identical bits.
      const b = chunkBounds(B, 3);
      const grad = new Float32Array(ac.numParams);
      for (let c = 0; c < 3; c++) accumulate(grad, chunkLossAndGrad(ac, sliceMinibatch(mb, b[c]!, b[c + 1]!, 3, 2), loss).grad, (b[c + 1]! - b[c]!) / B);
      expect(Array.from(par.grad)).toEqual(Array.from(grad));
      expect(Array.from(gw.lossAndGrad(ac, mb, loss).grad)).toEqual(Array.from(par.grad));
    });
  }

  it('PPO on 2 threads: the same seed gives the same weights, bit for bit', async () => {
    const run = async (): Promise<Float32Array> => {
      const agent = new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 64, batchSize: 64, nEpochs: 2, seed: 5 }, { workers: 2 });
      await agent.learn({ totalTimesteps: 256 });
      const p = Float32Array.from(agent.ac.params);
      agent.dispose();
      return p;
    };
    const [a, b] = [await run(), await run()];
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(() => new PPO(new TargetEnv({ numEnvs: 2 }), { nSteps: 8, batchSize: 8 }, { workers: 0 })).toThrow(/workers must be an integer in \[1, 64\], got 0/);
  });
});
