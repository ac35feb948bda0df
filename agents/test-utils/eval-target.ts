/** Scores a policy on the TargetEnv task: mean squared error of a(u) vs u on a grid (Box), or error rate (Discrete). */
import type { Policy } from '../../env/types.js';

export function targetError(policy: Pick<Policy, 'act'>, discrete = false): number {
  const n = 201;
  const obs = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    obs[2 * i] = -1 + (2 * i) / (n - 1);
    obs[2 * i + 1] = 0.5;
  }
  const a = policy.act(obs, n);
  let err = 0;
  for (let i = 0; i < n; i++) {
    const u = obs[2 * i]!;
    err += discrete ? ((a[i] === 1) === u > 0 ? 0 : 1) : (a[i]! - u) ** 2;
  }
  return err / n;
}
