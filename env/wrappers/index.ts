/** Single-env wrappers with Gymnasium semantics. */
export { Wrapper } from './wrapper.js';
export { TimeLimit } from './time-limit.js';
export { NormalizeObservation } from './normalize-observation.js';
export { NormalizeReward } from './normalize-reward.js';
export { RecordEpisodeStatistics } from './record-episode-statistics.js';
export { ClipAction } from './clip-action.js';
export { RescaleAction } from './rescale-action.js';
