/**
 * `mmgym eval` as a library function: resolve the env and the policies, play them on common
 * random numbers, compare, and write results.json, report.html and one PNG per figure (all
 * atomic writes). Returns everything it computed; prints nothing (progress via `log`).
 */
import { join } from 'node:path';
import { timeUnitOf, type EnvConfig } from '../env/config.js';
import type { Policy } from '../env/types.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { exactMarks } from '../baselines/optimum-report.js';
import { modelMismatches, valueFunction } from '../baselines/gueant.js';
import { writeFileAtomic, writeJsonAtomic } from '../util/atomic-write.js';
import { envCache, type EnvCache } from './env-cache.js';
import { evaluatePolicies, evaluationFigures, type Evaluation } from './evaluate.js';
import { renderFigure } from './figures/render.js';
import { reportHtml } from './report/html.js';
import { checkPolicySpec, resolvePolicy } from './resolve-policy.js';

export interface EvalJobOptions {
  /** Candidate policies: saved-model directories or baseline names. */
  policies: string[];
  /** Baseline names to compare against. */
  against: string[];
  /** Env preset, registry id, or any id makeVec resolves (calibrated:..., replay:...). */
  env: string;
  episodes: number;
  seed: number;
  /** Output directory; null = write nothing. */
  out: string | null;
  /** Render figures (PNG + inline SVG). @defaultValue true */
  figures?: boolean;
  allowSpecMismatch?: boolean;
  batchSize?: number;
  /** Env time units per year, for the annualised Sharpe and Sortino ratios. @defaultValue the env config's timeUnit (252 trading days when it states none) */
  timeUnitsPerYear?: number;
  /** Policies given as objects (e.g. a baseline with chosen parameters), played after `policies` as candidates. */
  candidatePolicies?: readonly Policy[];
  /** Baselines given as objects, played after the `against` names. */
  baselinePolicies?: readonly Policy[];
  /** Recorded in results.json. */
  command?: string;
  log?: (message: string) => void;
}

export interface EvalJobResult {
  evaluation: Evaluation;
  /** What results.json holds. */
  results: Record<string, unknown>;
  files: string[];
}

export async function runEvalJob(options: EvalJobOptions): Promise<EvalJobResult> {
  const log = options.log ?? (() => undefined);
  if (!Number.isInteger(options.episodes) || options.episodes < 2) {
    throw new RangeError(`--episodes must be an integer >= 2 (paired intervals need 2 or more), got ${options.episodes}`);
  }
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`--seed must be an integer, got ${options.seed}`);
  if (options.timeUnitsPerYear !== undefined && !(options.timeUnitsPerYear > 0)) {
    throw new RangeError(`--time-units-per-year must be > 0, got ${options.timeUnitsPerYear}`);
  }
  if (options.policies.length === 0 && (options.candidatePolicies ?? []).length === 0) throw new Error('--policy is required: a saved-model directory or a baseline name');

  const envs = envCache(options.env);
  try {
    return await evalWithEnvs(options, envs, log);
  } finally {
    envs.closeAll();
  }
}

async function evalWithEnvs(options: EvalJobOptions, envs: EnvCache, log: (m: string) => void): Promise<EvalJobResult> {
  // Build the env of the first chunk first: its config is the evaluation's spec.
  envs.makeEnv(Math.min(options.batchSize ?? 1024, options.episodes));
  const config: EnvConfig = envs.config();
  const makeEnv = envs.makeEnv;

  const warn = (m: string): void => log(m);
  const candidates: Policy[] = [];
  for (const ref of options.policies) {
    candidates.push(await resolvePolicy(ref, config, { allowSpecMismatch: options.allowSpecMismatch === true, warn }));
  }
  for (const p of options.candidatePolicies ?? []) {
    checkPolicySpec(p, config, { allowSpecMismatch: options.allowSpecMismatch === true, warn });
    candidates.push(p);
  }
  const candidateNames = new Set(candidates.map((p) => p.name));
  const mismatches = modelMismatches(config);
  // The HJB policy is the reference for "% of optimal": add it when it was not asked for.
  const againstNames = [...new Set(options.against.map((s) => s.trim()).filter((s) => s !== ''))];
  let referenceName: string | null = null;
  if (candidateNames.has('hjb') || againstNames.includes('hjb')) referenceName = 'hjb';
  else {
    try {
      makeBaselinePolicy('hjb', config);
      againstNames.unshift('hjb');
      referenceName = 'hjb';
    } catch (err) {
      log(`no HJB reference for this env: ${(err as Error).message}`);
    }
  }
  const baselines = [...againstNames.filter((n) => !candidateNames.has(n)).map((n) => makeBaselinePolicy(n, config)), ...(options.baselinePolicies ?? [])];
  const optimalReturn = mismatches.length === 0 && config.reward.kind === 'running-penalty'
    ? valueFunction(config, 0, config.initialInventory)
    : null;

  const marks = exactMarks(config);
  if (marks.exactOptimum === null) log(`no exact optimum for this env (% of V* not reported): ${marks.note}`);
  log(`env ${options.env}: ${options.episodes} episodes, seeds ${options.seed}..${options.seed + options.episodes - 1}`);
  const evaluation = evaluatePolicies(candidates, baselines, config, {
    episodes: options.episodes,
    seed: options.seed,
    makeEnv,
    referenceName,
    optimalReturn,
    exactOptimum: marks.exactOptimum,
    referenceExactReturn: referenceName === 'hjb' ? marks.hjbExactReturn : null,
    bootstrapSeed: options.seed,
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    ...(options.timeUnitsPerYear !== undefined ? { timeUnitsPerYear: options.timeUnitsPerYear } : {}),
    onPolicyDone: (name, s) => log(`  ${name}: ${s.toFixed(2)} s`),
  });

  const results: Record<string, unknown> = {
    tool: 'mmgym eval',
    ...(options.command !== undefined ? { command: options.command } : {}),
    env: { id: options.env, config },
    episodes: options.episodes,
    seed: options.seed,
    seeds: [options.seed, options.seed + options.episodes - 1],
    commonRandomNumbers: true,
    referenceName,
    optimalReturn,
    exactOptimum: marks.exactOptimum,
    hjbExactReturn: marks.hjbExactReturn,
    hjbModelMismatches: mismatches,
    policies: evaluation.comparison.policies,
    pairs: evaluation.comparison.pairs,
    timeUnitsPerYear: options.timeUnitsPerYear ?? timeUnitOf(config).perYear,
    timeUnit: options.timeUnitsPerYear === undefined ? timeUnitOf(config).name : 'time unit (--time-units-per-year)',
    seconds: evaluation.seconds,
  };
  const files: string[] = [];
  if (options.out !== null) {
    const rendered = [];
    if (options.figures !== false) {
      for (const f of evaluationFigures(evaluation, [...candidates, ...baselines])) {
        const r = await renderFigure(f);
        const png = join(options.out, `${f.name}.png`);
        writeFileAtomic(png, r.png);
        files.push(png);
        rendered.push(r);
      }
      results.figures = rendered.map((r) => `${r.name}.png`);
    }
    const json = join(options.out, 'results.json');
    writeJsonAtomic(json, results);
    files.push(json);
    const html = join(options.out, 'report.html');
    const details = [
      `env: ${options.env}`,
      `episodes: ${options.episodes} (seeds ${options.seed}..${options.seed + options.episodes - 1}, common random numbers)`,
      `policies: ${candidates.map((p) => p.name).join(', ')}; baselines: ${baselines.map((p) => p.name).join(', ')}`,
      ...(options.command !== undefined ? [`command: ${options.command}`] : []),
      ...(mismatches.length > 0 ? [`HJB is not exactly optimal here: ${mismatches.join('; ')}`] : []),
    ];
    writeFileAtomic(html, reportHtml({ title: 'mmgym evaluation', details }, evaluation.comparison, rendered));
    files.push(html);
  }
  for (const p of [...candidates, ...baselines]) p.dispose?.();
  return { evaluation, results, files };
}
