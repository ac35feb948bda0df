/**
 * Saving and restoring a whole agent (checkpoints, resume): the policy directory of
 * models/save-load.ts plus `agent-state.json` (config, optimizer moments, generator state, step
 * counters, VecNormalize statistics and running returns). A checkpoint is itself a loadable
 * policy (`loadPolicy(dir)` ignores agent-state.json).
 */
import { jsonErrorMessage } from '../util/json-error.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { specDifferences } from '../baselines/policy-support.js';
import type { EnvConfig } from '../env/config.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { PolicyLoadError, readPolicyDir, savePolicyDir, type PolicyFile } from '../models/save-load.js';
import { digestProblem } from '../models/integrity.js';
import type { ActorCritic } from '../models/actor-critic.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentOptions, CheckpointableAgent, OnPolicyConfig, RolloutState, TrainingState } from './on-policy-config.js';
import { describeSchedule } from './schedule.js';
import type { VecNormalizeState } from './vec-normalize.js';

export const AGENT_STATE_VERSION = 1;
const ROLLOUT_FILE = 'rollout-state.json';

export interface AgentStateFile {
  formatVersion: number;
  algorithm: 'ppo' | 'a2c';
  /** The config (schedules given as functions are recorded as 'custom function'). */
  config: Record<string, unknown>;
  state: TrainingState;
  vecNormalize: VecNormalizeState;
  residual: string | null;
}

export interface SaveOptions {
  /** policy.json name. @defaultValue the directory's base name */
  name?: string;
  /** Training summary for policy.json (steps, wall time, final % of optimal, command, seed...). */
  training?: Record<string, unknown>;
  /** Also write agent-state.json (for resume). @defaultValue true */
  checkpoint?: boolean;
  /** More files written into the same atomic directory write (e.g. a trainer's state). */
  extraFiles?: Record<string, string>;
}

/** A JSON-safe view of the config (schedule functions become 'custom function'). */
export function serializableConfig(c: OnPolicyConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) out[k] = typeof v === 'function' ? describeSchedule(v as () => number) : v;
  return out;
}

export async function saveAgent(agent: CheckpointableAgent, dir: string, opts: SaveOptions = {}): Promise<void> {
  const vn = agent.vecNormalize;
  const state: AgentStateFile = {
    formatVersion: AGENT_STATE_VERSION,
    algorithm: agent.algorithm,
    config: serializableConfig(agent.config),
    state: agent.stateForSave(),
    vecNormalize: vn.state(),
    residual: agent.residual?.name ?? null,
  };
  const base = dir.replace(/[/\\]+$/, '').split(/[/\\]/).pop() ?? 'policy';
  await savePolicyDir(
    dir,
    agent.ac,
    {
      name: opts.name ?? base,
      algorithm: agent.algorithm,
      createdAt: new Date().toISOString(),
      envSpec: structuredClone(agent.env.config) as PolicyFile['envSpec'],
      observation: {
        dim: agent.env.obsDim,
        normalization: vn.config.obs ? { mean: Array.from(vn.obsRms.mean), var: Array.from(vn.obsRms.var), count: vn.obsRms.count, clip: vn.config.clipObs, epsilon: vn.config.epsilon } : null,
      },
      action: {
        space: agent.actionSpace,
        distribution: agent.ac.spec.distribution,
        mapping: structuredClone(agent.env.config.action) as PolicyFile['action']['mapping'],
        residual: agent.residual?.name ?? null,
      },
      hyperparameters: { algorithm: agent.algorithm, numEnvs: agent.env.numEnvs, ...serializableConfig(agent.config) },
      training: { numTimesteps: agent.numTimesteps, iterations: agent.iteration, ...opts.training },
    },
    { ...(opts.checkpoint === false ? {} : checkpointFiles(agent, state)), ...opts.extraFiles },
  );
}

/** agent-state.json, and rollout-state.json where the rollout can be snapshot (exact mid-episode resume). */
function checkpointFiles(agent: CheckpointableAgent, state: AgentStateFile): Record<string, string> {
  const rollout = agent.rolloutState();
  return { 'agent-state.json': JSON.stringify(state), ...(rollout === null ? {} : { [ROLLOUT_FILE]: JSON.stringify(rollout) }) };
}

export interface LoadedAgentParts {
  file: PolicyFile;
  ac: ActorCritic;
  state: AgentStateFile;
  /** The envs' and the rollout's position (null for checkpoints without it: the envs are reset). */
  rollout: RolloutState | null;
}

export async function readAgentDir(dir: string, algorithm: 'ppo' | 'a2c'): Promise<LoadedAgentParts> {
  const { file, ac } = await readPolicyDir(dir);
  let text: string;
  try {
    text = await readFile(join(dir, 'agent-state.json'), 'utf8');
  } catch {
    throw new PolicyLoadError(dir, 'agent-state.json', 'missing: this is a policy, not a checkpoint (load it with loadPolicy, or resume from a checkpoint directory)');
  }
  const verify = (name: string, data: string): void => {
    if (file.integrity === undefined) return;
    const why = digestProblem(file.integrity, name, data);
    if (why !== null) throw new PolicyLoadError(dir, name, why);
  };
  verify('agent-state.json', text);
  let state: AgentStateFile;
  try {
    state = JSON.parse(text) as AgentStateFile;
  } catch (e) {
    throw new PolicyLoadError(dir, 'agent-state.json', `not valid JSON (${jsonErrorMessage(e)})`);
  }
  if (state.formatVersion !== AGENT_STATE_VERSION) throw new PolicyLoadError(dir, 'agent-state.json', `unknown formatVersion ${JSON.stringify(state.formatVersion)} (expected ${AGENT_STATE_VERSION})`);
  if (state.algorithm !== algorithm) throw new PolicyLoadError(dir, 'agent-state.json', `holds a ${state.algorithm} agent, not ${algorithm}`);
  let rollout: RolloutState | null = null;
  const rolloutText = await readFile(join(dir, ROLLOUT_FILE), 'utf8').catch(() => null);
  if (rolloutText !== null) {
    verify(ROLLOUT_FILE, rolloutText);
    try {
      rollout = JSON.parse(rolloutText) as RolloutState;
    } catch (e) {
      throw new PolicyLoadError(dir, ROLLOUT_FILE, `not valid JSON (${jsonErrorMessage(e)})`);
    }
  }
  return { file, ac, state, rollout };
}

/** Copy loaded weights and state into a freshly constructed agent. */
export function restoreAgent(agent: CheckpointableAgent, parts: LoadedAgentParts, dir: string): void {
  if (parts.ac.numParams !== agent.ac.numParams || parts.ac.spec.obsDim !== agent.ac.spec.obsDim || parts.ac.spec.outDim !== agent.ac.spec.outDim) {
    throw new PolicyLoadError(dir, 'model.json', `network (obsDim ${parts.ac.spec.obsDim}, outDim ${parts.ac.spec.outDim}, ${parts.ac.numParams} params) does not fit the env/agent (obsDim ${agent.ac.spec.obsDim}, outDim ${agent.ac.spec.outDim}, ${agent.ac.numParams} params)`);
  }
  agent.ac.params.set(parts.ac.params);
  agent.ac.markDirty();
  parts.ac.dispose();
  try {
    agent.vecNormalize.loadState(parts.state.vecNormalize);
    agent.restoreState(parts.state.state);
  } catch (e) {
    throw new PolicyLoadError(dir, 'agent-state.json', (e as Error).message);
  }
  // A checkpoint's rollout continues only on as many envs as it was saved with (else the next learn() resets them).
  if (parts.rollout !== null && parts.rollout.epLength?.length === agent.env.numEnvs) {
    try {
      agent.restoreRollout(parts.rollout);
    } catch (e) {
      throw new PolicyLoadError(dir, ROLLOUT_FILE, (e as Error).message);
    }
  }
}

/** Options of `PPO.load` / `A2C.load`. */
export interface AgentLoadOptions<I> {
  /** Config fields to override (e.g. a schedule function that could not be saved). */
  config?: I;
  /** Base policy of a residual agent (default: the baseline named in the checkpoint, built from the env spec). */
  residualBase?: Policy;
  /** Threads per gradient (AgentOptions.workers). @defaultValue 1 */
  workers?: number;
}

/** The config and residual base for re-creating a saved agent on `env` (checks the env spec). */
export function prepareLoad<I>(parts: LoadedAgentParts, env: VectorEnv, dir: string, opts: AgentLoadOptions<I>): { config: I; agentOpts: AgentOptions } {
  if (parts.file.envSpec !== null) {
    const diffs = specDifferences(parts.file.envSpec, env.config);
    if (diffs.length > 0) throw new PolicyLoadError(dir, 'policy.json', `env spec mismatch (checkpoint vs env): ${diffs.join('; ')}`);
  }
  const config = { ...parts.state.config, ...opts.config } as Record<string, unknown>;
  for (const [k, v] of Object.entries(config)) {
    if (v === 'custom function') throw new PolicyLoadError(dir, 'agent-state.json', `config.${k} was a function and cannot be restored: pass it in opts.config.${k}`);
  }
  const name = parts.state.residual;
  const agentOpts: AgentOptions = {
    ...(name === null ? {} : { residual: { name, policy: opts.residualBase ?? makeBaselinePolicy(name, env.config as EnvConfig) } }),
    ...(opts.workers === undefined ? {} : { workers: opts.workers }),
  };
  return { config: config as I, agentOpts };
}
