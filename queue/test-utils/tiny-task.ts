/** The smallest sweep task the queue tests send (a fixed-spread policy, 4 episodes of a 0.05 horizon): cheap to evaluate on a worker and here. */
import type { SweepTask } from '../../evals/sweep/task.js';

export function tinyTask(sweep: string, seed: number, policy = 'fixed'): SweepTask {
  return { sweep, segment: 'validation', envId: 'default', overrides: { horizon: 0.05 }, policy, policyParams: {}, point: { policy }, episodes: 4, seed, reference: null };
}
