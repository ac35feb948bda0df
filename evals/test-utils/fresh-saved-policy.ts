/**
 * Writes a freshly initialised (untrained) actor-critic policy directory for an env spec, with
 * the models/ save format: what the eval bench and tests load when no trained model is shipped.
 */
import type { EnvConfig } from '../../env/config.js';
import { actionDim } from '../../env/action-map.js';
import { observationLayout } from '../../env/observation.js';
import { ActorCritic, DEFAULT_NET_CONFIG } from '../../models/actor-critic.js';
import { savePolicyDir } from '../../models/save-load.js';

export async function writeFreshSavedPolicy(dir: string, config: EnvConfig, seed = 0, name = 'fresh-ppo'): Promise<void> {
  if (config.action.mode === 'discrete') throw new Error('writeFreshSavedPolicy supports the box action modes only');
  const obsDim = observationLayout(config).dim;
  const outDim = actionDim(config.action);
  const ac = ActorCritic.create({ obsDim, outDim, distribution: 'diag-gaussian', net: { ...DEFAULT_NET_CONFIG } }, { seed });
  const high = config.action.mode === 'depths' ? config.action.maxDepth : 1;
  const low = config.action.mode === 'depths' ? 0 : -1;
  try {
    await savePolicyDir(dir, ac, {
      name,
      algorithm: 'ppo',
      createdAt: new Date(0).toISOString(),
      envSpec: structuredClone(config),
      observation: { dim: obsDim, normalization: null },
      action: {
        space: { kind: 'box', low: [low, low], high: [high, high] },
        distribution: 'diag-gaussian',
        mapping: structuredClone(config.action),
        residual: null,
      },
      hyperparameters: {},
      training: { note: 'freshly initialised, untrained' },
    });
  } finally {
    ac.dispose();
  }
}
