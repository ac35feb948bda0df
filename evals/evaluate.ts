/**
 * The evaluation pipeline used by `mmgym eval`: every policy plays the same episodes (common
 * random numbers), then metrics, paired comparisons and figures. Library code: no printing;
 * progress goes to an optional callback.
 */
import { episodeSteps, timeUnitOf, type EnvConfig } from '../env/config.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import type { Policy, VectorEnv } from '../env/types.js';
import { comparePolicies, type CompareOptions, type Comparison } from './compare.js';
import { markoutFigure, pairedDifferenceFigure, returnDistributionFigure, terminalInventoryFigure, varBarsFigure } from './figures/comparison-figures.js';
import { inventoryOverTimeFigure, policyMapFigure, samplePathFigure } from './figures/path-figures.js';
import type { Figure } from './figures/render.js';
import { policyMap } from './policy-map.js';
import { runEpisodes, type EpisodeBatch } from './run-episodes.js';

export interface EvaluateOptions extends CompareOptions {
  episodes: number;
  seed: number;
  /** Envs per batched step. @defaultValue 1024 */
  batchSize?: number;
  /** Cap on recorded per-step values (episodes x steps) per policy; per-step metrics use the first episodes. @defaultValue 500_000 */
  maxRecordedSteps?: number;
  /** Vector env factory (e.g. a replay env); default makeVec(config). */
  makeEnv?: (numEnvs: number) => VectorEnv;
  /** Called after each policy finishes. */
  onPolicyDone?: (name: string, seconds: number) => void;
}

export interface Evaluation {
  config: EnvConfig;
  candidates: EpisodeBatch[];
  baselines: EpisodeBatch[];
  comparison: Comparison;
  /** Wall seconds per policy. */
  seconds: Record<string, number>;
}

export function evaluatePolicies(
  candidates: readonly Policy[],
  baselines: readonly Policy[],
  config: EnvConfig,
  options: EvaluateOptions,
): Evaluation {
  const steps = episodeSteps(config);
  const trajectoryEpisodes = Math.max(1, Math.min(options.episodes, Math.floor((options.maxRecordedSteps ?? 500_000) / steps)));
  const seconds: Record<string, number> = {};
  const play = (p: Policy): EpisodeBatch => {
    const t0 = performance.now();
    const batch = runEpisodes(p, config, {
      episodes: options.episodes,
      seed: options.seed,
      record: 'full',
      trajectoryEpisodes,
      ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
      ...(options.makeEnv !== undefined ? { makeEnv: options.makeEnv } : {}),
    });
    const s = (performance.now() - t0) / 1000;
    seconds[p.name] = s;
    options.onPolicyDone?.(p.name, s);
    return batch;
  };
  const cand = candidates.map(play);
  const base = baselines.map(play);
  return { config, candidates: cand, baselines: base, comparison: comparePolicies(cand, base, options), seconds };
}

/**
 * The figures of an evaluation. The policy map compares the first candidate with the reference
 * policy (or the first baseline) when `policies` gives the Policy objects, and with the exact
 * optimum's table (dp-optimal) where the market has one.
 */
export function evaluationFigures(evaluation: Evaluation, policies: readonly Policy[] = []): Figure[] {
  const all = [...evaluation.candidates, ...evaluation.baselines];
  const figures: Figure[] = [returnDistributionFigure(all)];
  const first = evaluation.candidates[0];
  if (first !== undefined && evaluation.baselines.length > 0) {
    figures.push(pairedDifferenceFigure(first, evaluation.baselines, evaluation.comparison));
  }
  const ref = evaluation.comparison.referenceName;
  const pathPolicies = [first ?? all[0], all.find((b) => b.policyName === ref) ?? evaluation.baselines[0]].filter(
    (b, i, arr): b is EpisodeBatch => b !== undefined && arr.indexOf(b) === i,
  );
  figures.push(samplePathFigure(pathPolicies, 0));
  figures.push(inventoryOverTimeFigure(all));
  const unit = timeUnitOf(evaluation.config).name;
  figures.push(terminalInventoryFigure(evaluation.comparison, evaluation.config.orderSize));
  figures.push(markoutFigure(evaluation.comparison, { dt: evaluation.config.dt, unit }));
  figures.push(varBarsFigure(evaluation.comparison));
  const mapPolicies = pathPolicies
    .map((b) => policies.find((p) => p.name === b.policyName))
    .filter((p): p is Policy => p !== undefined);
  const optimum = exactOptimumPolicy(evaluation, mapPolicies);
  if (optimum !== null) mapPolicies.push(optimum);
  if (mapPolicies.length > 0) {
    figures.push(policyMapFigure(mapPolicies.map((p) => policyMap(p, evaluation.config)), unit));
  }
  return figures;
}

/** dp-optimal for the policy map, when the evaluation has an exact optimum and the map does not already show it. */
function exactOptimumPolicy(evaluation: Evaluation, shown: readonly Policy[]): Policy | null {
  if (evaluation.comparison.exactOptimum === null || shown.some((p) => p.name === 'dp-optimal')) return null;
  return makeBaselinePolicy('dp-optimal', evaluation.config);
}
