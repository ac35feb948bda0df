/** A sweep small enough for tests: HJB and fixed x two gammas x two spread multipliers, 20 short episodes, with a selection. */
export const TINY_SWEEP = {
  policies: ['hjb', 'fixed'],
  envOverrides: { horizon: 0.1 },
  grid: { 'env.gamma': [0.05, 0.2], 'policy.spreadMultiplier': [1, 1.5] },
  episodes: 20,
  seed: 3,
  select: { metric: 'mean_return' },
};
