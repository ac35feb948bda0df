// Public API of models/ (re-exported by the package entry).
export { selectBackend, currentBackend, BackendUnavailableError, BACKEND_NAMES, type BackendName, type BackendChoice } from './backend.js';
export { ActorCritic, DEFAULT_NET_CONFIG, paramLayout, type NetConfig, type ActorCriticSpec, type DistributionKind, type Activation, type ParamEntry } from './actor-critic.js';
export { DiagGaussian, Categorical } from './distributions.js';
export { NetworkPolicy, clipToBox, type ActionSpaceSpec, type ObsNormSpec, type NetworkPolicyOptions } from './network-policy.js';
export { SeededRandom, type RandomState } from './random.js';
export { orthogonalMatrix } from './orthogonal.js';
export { loadPolicy, savePolicyDir, readPolicyDir, readPolicyFile, updatePolicyFile, PolicyLoadError, POLICY_FORMAT, POLICY_FORMAT_VERSION, currentVersions, type PolicyFile, type LoadPolicyOptions } from './save-load.js';
export { buildLayersModel, serializeLayersModel, deserializeLayersModel } from './layers-model.js';
export { writeDirAtomic } from './atomic-dir.js';
export { policyDirOf, isPolicyDir, BEST_DIR, FINAL_DIR, type RunPolicyChoice, type PolicyDirChoice } from './policy-dir.js';
export { savedModelPath, savedModelNames, savedModelsDir } from './saved-models.js';
