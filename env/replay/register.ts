/**
 * Registers the `replay:<data>[?options]` env ids (replay-id.ts) in the env id table
 * (env/id-resolvers.ts). Imported for its effect by env/builtin-ids.ts.
 */
import { registerEnvIdResolver } from '../id-resolvers.js';
import { makeReplay, makeReplayVec, REPLAY_PREFIX, replayConfig } from './replay-id.js';

registerEnvIdResolver({
  prefix: REPLAY_PREFIX,
  config: (id) => replayConfig(id),
  make: (id, overrides, opts) => makeReplay(id, overrides, opts),
  makeVec: (id, opts) => makeReplayVec(id, opts),
});
