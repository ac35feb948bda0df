/**
 * A sweep task: one fully resolved point (env id + overrides, policy + parameters, episodes,
 * seeds, segment), its key (a hash of all of it plus the resolved EnvConfig), and its evaluation
 * into one row of metrics. Evaluation is a pure function of the task: the same task gives the
 * same row in any worker, in any order.
 */
import { createHash } from 'node:crypto';
import { policyDirOf } from '../../models/policy-dir.js';
import { setPath as setKeyPath } from '../../util/set-path.js';
import { canonicalJson } from '../../util/canonical-json.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EnvConfig, EnvOverrides } from '../../env/config.js';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import type { Policy } from '../../env/types.js';
import { makeBaselinePolicy, type BaselineParams } from '../../baselines/registry.js';
import { envCache, type EnvCache } from '../env-cache.js';
import { summarizeBatch } from '../metrics/summarize.js';
import { looksLikePath, resolvePolicy } from '../resolve-policy.js';
import { runEpisodes } from '../run-episodes.js';
import type { MetricColumn } from './sweep-config.js';
import type { GridPoint, GridValue } from './grid.js';
import { scaleSpread } from './spread-multiplier.js';

/** Bump when the meaning of a row changes (old rows then no longer match). */
export const SWEEP_ROW_VERSION = 1;

export interface SweepTask {
  sweep: string;
  /** 'validation', 'test' or 'clone:<env>'. */
  segment: string;
  envId: string;
  overrides: EnvOverrides;
  policy: string;
  policyParams: Record<string, GridValue>;
  /** The grid values of the point (for the CSV's parameter columns). */
  point: GridPoint;
  episodes: number;
  seed: number;
  reference: string | null;
}

export type MetricRow = Record<MetricColumn, number | null>;


/** Sets `path` (dotted) to `value` in a nested overrides object (prototype keys refused). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  setKeyPath(target, path.split('.'), value);
}

export function resolveTaskConfig(task: Pick<SweepTask, 'envId' | 'overrides'>): EnvConfig {
  return resolveEnvConfig(task.envId, task.overrides);
}

/**
 * Content hash of a saved-model directory (its model.json, weights.bin and policy.json), so a
 * policy retrained at the same path gets new keys; null for a baseline name.
 */
export function savedPolicyDigest(ref: string): string | null {
  if (!looksLikePath(ref)) return null;
  const dir = policyDirOf(ref).dir; // a training run's directory: the best/ policy it loads
  const h = createHash('sha256');
  for (const f of ['model.json', 'weights.bin', 'policy.json']) {
    const path = join(dir, f);
    h.update(f);
    if (existsSync(path)) h.update(readFileSync(path));
  }
  return h.digest('hex').slice(0, 16);
}

/** The row key: sha256 (first 16 hex) of the canonical task, its resolved EnvConfig and saved-model contents. */
export function taskKey(task: SweepTask, config: EnvConfig = resolveTaskConfig(task)): string {
  const digest = savedPolicyDigest(task.policy);
  const payload = canonicalJson({
    ...(digest !== null ? { policyDigest: digest } : {}),
    version: SWEEP_ROW_VERSION,
    segment: task.segment,
    envId: task.envId,
    config,
    policy: task.policy,
    policyParams: task.policyParams,
    episodes: task.episodes,
    seed: task.seed,
    reference: task.reference,
  });
  return createHash('sha256').update(payload).digest('hex').slice(0, 16);
}

/** A baseline by name, or a saved model (a path); `policy.spreadMultiplier` wraps either. */
export async function buildPolicy(name: string, params: Record<string, GridValue>, config: EnvConfig): Promise<Policy> {
  const { spreadMultiplier, ...rest } = params;
  let inner: Policy;
  if (looksLikePath(name)) {
    if (Object.keys(rest).length > 0) throw new RangeError(`saved policy ${name} takes no parameters, got ${Object.keys(rest).join(', ')}`);
    inner = await resolvePolicy(name, config);
  } else {
    inner = makeBaselinePolicy(name, config, rest as BaselineParams);
  }
  if (spreadMultiplier === undefined) return inner;
  if (typeof spreadMultiplier !== 'number') throw new RangeError(`policy.spreadMultiplier must be a number, got ${JSON.stringify(spreadMultiplier)}`);
  return scaleSpread(inner, config, spreadMultiplier);
}

export async function evaluateTask(task: SweepTask): Promise<MetricRow> {
  const envs = envCache(task.envId, task.overrides);
  try {
    return await evaluateWithEnvs(task, envs);
  } finally {
    envs.closeAll();
  }
}

async function evaluateWithEnvs(task: SweepTask, envs: EnvCache): Promise<MetricRow> {
  envs.makeEnv(Math.min(1024, task.episodes));
  const config = envs.config();
  const makeEnv = envs.makeEnv;
  const policy = await buildPolicy(task.policy, task.policyParams, config);
  const opts = { episodes: task.episodes, seed: task.seed, record: 'full' as const, makeEnv, trajectoryEpisodes: 200 };
  try {
    const batch = runEpisodes(policy, config, opts);
    const m = summarizeBatch(batch);
    let pct: number | null = null;
    if (task.reference !== null) {
      const ref = task.reference === task.policy && Object.keys(task.policyParams).length === 0
        ? batch
        : runEpisodes(makeBaselinePolicy(task.reference, config), config, { ...opts, record: 'summary' });
      let s = 0;
      for (let i = 0; i < ref.returns.length; i++) s += ref.returns[i] as number;
      const refMean = s / ref.returns.length;
      pct = refMean > 0 ? m.return.mean / refMean : null;
    }
    const risk = (level: number) => m.risk.find((r) => r.level === level);
    return {
      mean_return: m.return.mean,
      se_return: m.return.se,
      std_return: m.return.std,
      pct_of_reference: pct,
      pnl_mean: m.pnl.mean,
      sharpe: m.sharpe.perEpisode,
      sharpe_annualised: m.sharpe.annualised,
      max_drawdown: m.maxDrawdown?.mean ?? null,
      var95: risk(0.95)?.valueAtRisk ?? null,
      cvar95: risk(0.95)?.conditionalValueAtRisk ?? null,
      var99: risk(0.99)?.valueAtRisk ?? null,
      cvar99: risk(0.99)?.conditionalValueAtRisk ?? null,
      bid_fills: m.bidFills,
      ask_fills: m.askFills,
      fees: m.fees,
      avg_abs_inventory: m.averageAbsInventory,
      abs_terminal_inventory: m.terminalInventory.meanAbs,
      inventory_half_life: m.inventoryHalfLife,
      avg_quoted_spread: m.averageQuotedSpread,
      adverse_selection: m.spread?.adverseSelection ?? null,
    };
  } finally {
    policy.dispose?.();
  }
}
