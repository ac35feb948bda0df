/**
 * fastLossAndGrad: forward, the loss on the outputs, backward in one call. Checked against central
 * finite differences of a linear loss of the outputs; the log-std slot is the loss's own dLogStd;
 * a loss that throws passes its error through.
 */
import { describe, expect, it } from 'vitest';
import { ActorCritic } from '../models/actor-critic.js';
import type { ActorCriticSpec } from '../models/network-spec.js';
import { fastLossAndGrad } from './grad.js';

const spec: ActorCriticSpec = { obsDim: 3, outDim: 2, distribution: 'diag-gaussian', net: { hidden: [5], activation: 'tanh', logStdInit: -0.5, orthoInit: true } };
const B = 4;
const obs = Float32Array.from({ length: B * 3 }, (_, i) => Math.sin(1.7 * i + 0.3));
// L = sum_rows sum_j cDist[r, j] * dist[r, j] + sum_r cValue[r] * V[r]
const cDist = Float32Array.from({ length: B * 2 }, (_, i) => ((i * 37) % 11) / 11 - 0.4);
const cValue = Float32Array.from({ length: B }, (_, i) => 0.3 * i - 0.5);

function loss(ac: ActorCritic): number {
  const pass = ac.forwardTrain(obs, B);
  let s = 0;
  for (let r = 0; r < B; r++) {
    for (let j = 0; j < 2; j++) s += (cDist[r * 2 + j] as number) * (pass.out[r * 3 + j] as number);
    s += (cValue[r] as number) * (pass.out[r * 3 + 2] as number);
  }
  pass.dispose();
  return s;
}

describe('fastLossAndGrad', () => {
  it('the gradient of a linear loss of the outputs matches central finite differences', () => {
    const ac = ActorCritic.create(spec, { seed: 3 });
    const { grad, result } = fastLossAndGrad(ac, obs, B, (out) => {
      expect(out.length).toBe(B * 3);
      return { dDist: cDist, dValue: cValue, dLogStd: null, tag: 'mine' };
    });
    expect(result.tag).toBe('mine');
    expect(grad.length).toBe(ac.numParams);
    const logStd = ac.entry('log_std');
    const eps = 1e-2;
    let checked = 0;
    for (let i = 0; i < ac.numParams; i++) {
      if (i >= logStd.offset && i < logStd.offset + logStd.size) continue;
      const x = ac.params[i] as number;
      ac.params[i] = x + eps;
      ac.markDirty();
      const up = loss(ac);
      ac.params[i] = x - eps;
      ac.markDirty();
      const down = loss(ac);
      ac.params[i] = x;
      ac.markDirty();
      expect(grad[i] as number, `param ${i}`).toBeCloseTo((up - down) / (2 * eps), 3);
      checked++;
    }
    expect(checked).toBe(ac.numParams - logStd.size);
    // the outputs do not depend on log_std: without dLogStd its slot stays 0
    for (let i = 0; i < logStd.size; i++) expect(grad[logStd.offset + i]).toBe(0);
  });

  it("writes the loss's dLogStd into the log-std slot, leaving the rest as backward gave it", () => {
    const ac = ActorCritic.create(spec, { seed: 3 });
    const plain = fastLossAndGrad(ac, obs, B, () => ({ dDist: cDist, dValue: cValue, dLogStd: null })).grad;
    const dLogStd = Float32Array.from([0.25, -1.5]);
    const withStd = fastLossAndGrad(ac, obs, B, () => ({ dDist: cDist, dValue: cValue, dLogStd })).grad;
    const e = ac.entry('log_std');
    expect(Array.from(withStd.subarray(e.offset, e.offset + e.size))).toEqual([0.25, -1.5]);
    const rest = (g: Float32Array) => [...g.subarray(0, e.offset), ...g.subarray(e.offset + e.size)];
    expect(rest(withStd)).toEqual(rest(plain));
  });

  it('a loss that throws: the same error comes out, and the network still works afterwards', () => {
    const ac = ActorCritic.create(spec, { seed: 3 });
    const boom = new Error('loss failed');
    expect(() =>
      fastLossAndGrad(ac, obs, B, () => {
        throw boom;
      }),
    ).toThrow(boom);
    const after = fastLossAndGrad(ac, obs, B, () => ({ dDist: cDist, dValue: cValue, dLogStd: null })).grad;
    expect(after.some((g) => g !== 0)).toBe(true);
  });
});
