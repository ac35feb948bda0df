/**
 * Registers the `calibrated:<path>` env ids in the env id table (env/id-resolvers.ts): the
 * simulator on the config of a calibrated preset file (calibrated-config.ts). Imported for its
 * effect by env/builtin-ids.ts.
 */
import { registerEnvIdResolver } from '../env/id-resolvers.js';
import { loadCalibratedConfig } from './calibrated-config.js';

export const CALIBRATED_PREFIX = 'calibrated:';

registerEnvIdResolver({
  prefix: CALIBRATED_PREFIX,
  config: (id) => loadCalibratedConfig(id.slice(CALIBRATED_PREFIX.length)),
});
