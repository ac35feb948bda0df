/**
 * The sim-to-real study on one tape (`mmgym sim2real`), every step a library call of its own:
 * 1. spans by time: calibrate and train on the first 60% (`train`), choose on the next 20%
 *    (`select`), test on the last 20% (`test`) — no step sees a later span;
 * 2. calibrate the simulator on `train` (calibration/) -> OUT/params.json;
 * 3. train PPO on that simulator (OUT/sim), then fine-tune it on the tape's `train` span (replay,
 *    `--init`; its best/ chosen on `select`: OUT/tape);
 * 4. choose on `select` (other seeds than training's evaluations): the better of the two agents,
 *    and the best constant symmetric depth over a grid (the `fixed` baseline);
 * 5. test on `test`: the chosen agent vs HJB, AS and the chosen fixed depth on the same windows
 *    (common random numbers), with the evaluation report (OUT/test: fills, fees, markouts,
 *    inventory, figures) and block-bootstrap intervals over windows.
 * One tape is one path: the test windows are pieces of one recorded afternoon, not independent
 * markets, so the intervals are moving-block bootstrap intervals over the windows in time order
 * (evals/stats/block-bootstrap.ts), and they say nothing about other days.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EnvConfig, RewardConfig } from '../env/config.js';
import { loadTapeSyncCached } from '../marketdata/tape/tape-cache.js';
import { calibrateTape, type CalibrationResult } from '../calibration/calibrate.js';
import { writeCalibratedConfig } from '../calibration/calibrated-config.js';
import { makeReplayVec } from '../env/replay/replay-id.js';
import { validateConfig } from '../env/validate-config.js';
import { fixedSpreadPolicy } from '../baselines/fixed-spread.js';
import { envCache } from '../evals/env-cache.js';
import { runEpisodes } from '../evals/run-episodes.js';
import { runEvalJob, type EvalJobResult } from '../evals/eval-job.js';
import { blockBootstrapMeanCI, windowBlockLength } from '../evals/stats/block-bootstrap.js';
import { describe as describeSample } from '../evals/stats/describe.js';
import { defaultTrainOptions, validateTrainOptions } from '../training/train-options.js';
import { train } from '../training/train.js';
import { writeFileAtomic, writeJsonAtomic } from '../util/atomic-write.js';
import { ConfigError } from '../util/errors.js';
import { sim2realHtml } from './sim2real-report.js';
import type { Sim2RealPolicy, Sim2RealResult } from './sim2real-result.js';

export interface Sim2RealOptions {
  /** A tape file or folder (any format `loadTape` reads). */
  data: string;
  /** Output directory (params.json, sim/, tape/, select/, test/, sim2real.json, sim2real.html). */
  out: string;
  /** Span boundaries as fractions of the tape's time: [0, trainTo) train, [trainTo, selectTo) select, [selectTo, 1] test. @defaultValue 0.6, 0.8 */
  trainTo?: number;
  selectTo?: number;
  /** PPO steps on the calibrated simulator. @defaultValue 300000 */
  simTimesteps?: number;
  /** PPO steps fine-tuning on the tape's train span. @defaultValue 300000 */
  tapeTimesteps?: number;
  /** Windows (episodes) per policy on select and on test. @defaultValue 1000 */
  episodes?: number;
  /** Seed of the training runs; selection uses seeds from 3,000,000, the test from 4,000,000. @defaultValue 0 */
  seed?: number;
  /**
   * Episode (window) length in seconds. @defaultValue min(300, a tenth of the test span): a short
   * tape still gives windows that fit its test span many times over.
   */
  horizon?: number;
  /**
   * Env step in seconds. @defaultValue 1, or horizon / 30 (30 steps) for windows under 30 s, then
   * shortened until A dt <= 0.25 (SIM2REAL_MAX_ADT) at the calibrated A
   */
  dt?: number;
  /** Risk aversion of the calibrated market (the reward's inventory penalty). @defaultValue k / 15 (calibrate's rule) */
  gamma?: number;
  /** Maker fee in basis points (negative = rebate), charged in the simulator and the replay. @defaultValue 0 */
  feeBps?: number;
  /**
   * Units per order, the lot (every policy's fills are of this size; the bound is 25 lots): e.g.
   * 0.001 on a BTC tape, where a whole coin per fill is all inventory risk. @defaultValue 1
   */
  orderSize?: number;
  /**
   * The agents' reward (the env's `reward.kind`; HJB, AS and the fixed depth are the same policies
   * whatever it is): 'running-penalty' (the HJB's own objective, phi q^2 dt), 'realized-penalty'
   * ((gamma/2) q^2 (dS)^2, model-free) or 'pnl' (risk-neutral: the agent maximises PnL net of fees,
   * the figure the paired PnL column compares). Several (a list, or 'auto' = running-penalty and
   * pnl): one pair of agents per reward (sim-<reward>/, tape-<reward>/, params-<reward>.json), and
   * the choice on the select span is by PnL net of fees (the one currency the rewards share); the
   * test span is then played under the chosen agent's reward. @defaultValue 'auto': the study is
   * judged by PnL net of fees, and which reward earns more of it differs by tape (on AMZN the pnl
   * agent, on BTCUSDT the running-penalty one: docs/real-data.md)
   */
  reward?: Sim2RealReward | 'auto' | readonly Sim2RealReward[];
  /** Recorded in sim2real.json. */
  command?: string;
  log?: (message: string) => void;
}

/** The default step keeps A dt at or below this (the simulator fills at most one unit per side and step). */
export const SIM2REAL_MAX_ADT = 0.25;
export const SIM2REAL_REWARDS = ['running-penalty', 'realized-penalty', 'pnl'] as const;
export type Sim2RealReward = (typeof SIM2REAL_REWARDS)[number];
export const SIM2REAL_SELECT_SEED = 3_000_000;
export const SIM2REAL_TEST_SEED = 4_000_000;

export type { Sim2RealPolicy, Sim2RealResult } from './sim2real-result.js';

function span(a: number, b: number): [number, number] {
  return [a, b];
}

/** `replay:<data>?from=..&to=..&params=..` with the data path made absolute (ids are parsed, not shell-quoted). */
function replayId(data: string, from: number, to: number, params: string, feeBps: number): string {
  const q = new URLSearchParams({ from: String(from), to: String(to), params });
  if (feeBps !== 0) q.set('feeBps', String(feeBps));
  return `replay:${data}?${q.toString()}`;
}

/** The rewards to train agents for: one, a list, or 'auto' (running-penalty and pnl, the default); each checked. */
export function sim2realRewards(r: Sim2RealOptions['reward']): Sim2RealReward[] {
  const list: readonly string[] = r === undefined || r === 'auto' ? ['running-penalty', 'pnl'] : typeof r === 'string' ? [r] : r;
  if (list.length === 0) throw new ConfigError('sim2real: reward must name at least one of running-penalty, realized-penalty, pnl (or auto)');
  for (const k of list) {
    if (!(SIM2REAL_REWARDS as readonly string[]).includes(k)) throw new ConfigError(`sim2real: reward must be one of ${SIM2REAL_REWARDS.join(', ')} (or auto), got ${JSON.stringify(k)}`);
  }
  return [...new Set(list)] as Sim2RealReward[];
}

/** The calibration with the env's reward kind set (its terminal penalty kept). */
function withReward(calib: CalibrationResult, reward: Sim2RealReward): CalibrationResult {
  if (reward === calib.config.reward.kind) return calib;
  const alpha = calib.config.reward.terminalPenalty;
  const r: RewardConfig = reward === 'running-penalty' ? { kind: reward, phi: null, terminalPenalty: alpha } : { kind: reward, terminalPenalty: alpha };
  return { ...calib, config: validateConfig({ ...calib.config, reward: r }) };
}

/** Depth grid of the fixed baseline: 16 depths from half a tick (or 0.05/k) to the action's maximum depth, geometric. */
export function fixedDepthGrid(config: EnvConfig): number[] {
  const k = config.arrivals.kind === 'power-law' ? config.arrivals.alpha / config.arrivals.delta0 : config.arrivals.k;
  const lo = config.tickSize > 0 ? config.tickSize / 2 : 0.05 / k;
  const top = 'maxDepth' in config.action ? config.action.maxDepth : 'grid' in config.action ? Math.max(...config.action.grid) : 7.5 / k;
  const hi = Math.max(lo * 2, top);
  return Array.from({ length: 16 }, (_, i) => Number((lo * (hi / lo) ** (i / 15)).toPrecision(6)));
}

export async function runSim2Real(o: Sim2RealOptions): Promise<Sim2RealResult> {
  const log = o.log ?? (() => undefined);
  const trainTo = o.trainTo ?? 0.6;
  const selectTo = o.selectTo ?? 0.8;
  if (!(trainTo > 0 && trainTo < selectTo && selectTo < 1)) throw new ConfigError(`sim2real: spans must satisfy 0 < trainTo < selectTo < 1, got trainTo=${trainTo}, selectTo=${selectTo}`);
  const episodes = o.episodes ?? 1000;
  if (!Number.isInteger(episodes) || episodes < 10) throw new ConfigError(`sim2real: episodes must be an integer >= 10, got ${episodes}`);
  const seed = o.seed ?? 0;
  const feeBps = o.feeBps ?? 0;
  const rewards = sim2realRewards(o.reward);
  const multi = rewards.length > 1;
  const data = resolve(o.data);
  const out = o.out;
  mkdirSync(out, { recursive: true });

  // 1-2. calibrate on the train span
  const { tape, reports } = loadTapeSyncCached(data);
  const testSeconds = (tape.endTime - tape.startTime) * (1 - selectTo);
  const horizon = o.horizon ?? Math.min(300, Number((testSeconds / 10).toPrecision(3)));
  if (!(horizon > 0 && horizon * 2 <= testSeconds)) throw new ConfigError(`sim2real: horizon must be in (0, ${testSeconds / 2}] s (half the test span of ${tape.name}), got ${horizon}`);
  const base = { from: 0, to: trainTo, makerFeeBps: feeBps, horizon, orderSize: o.orderSize ?? 1, ...(o.gamma === undefined ? {} : { gamma: o.gamma }) };
  let dt = o.dt ?? (horizon >= 30 ? 1 : horizon / 30);
  let calib: CalibrationResult = calibrateTape(tape, { ...base, dt }, reports);
  if (o.dt === undefined && calib.intensity.fit.A * dt > SIM2REAL_MAX_ADT) {
    // a step where the one-fill-per-side cap does not bind: A dt <= 0.25, a whole number of steps per window
    dt = horizon / Math.ceil((horizon * calib.intensity.fit.A) / SIM2REAL_MAX_ADT);
    calib = calibrateTape(tape, { ...base, dt }, reports);
  }
  const fit = calib.intensity.fit;
  log(`calibrated on [0, ${trainTo}) of ${tape.name}: sigma ${calib.volatility.primary.sigmaPerSqrtSecond.toPrecision(4)} /sqrt(s), A ${fit.A.toPrecision(4)} /s, k ${fit.k.toPrecision(4)}`);
  for (const w of calib.warnings) log(`  warning: ${w}`);

  // 3. per reward: the simulator, then the tape; 4. every agent on the select span
  interface Arm {
    reward: Sim2RealReward;
    calib: CalibrationResult;
    paramsFile: string;
    selectId: string;
    testId: string;
    simOut: string;
    tapeOut: string;
  }
  const arms: Arm[] = [];
  const agentMeans: { dir: string; mean: number; se: number; pnl: number; reward: Sim2RealReward }[] = [];
  for (const reward of rewards) {
    const armCalib = withReward(calib, reward);
    const paramsFile = resolve(join(out, multi ? `params-${reward}.json` : 'params.json'));
    writeCalibratedConfig(paramsFile, armCalib);
    log(`${reward}: the calibrated market -> ${paramsFile}`);
    const trainId = replayId(data, 0, trainTo, paramsFile, feeBps);
    const selectId = replayId(data, trainTo, selectTo, paramsFile, feeBps);
    const simOut = join(out, multi ? `sim-${reward}` : 'sim');
    const simOpts = validateTrainOptions({ ...defaultTrainOptions('ppo', `calibrated:${paramsFile}`), timesteps: o.simTimesteps ?? 300_000, seed, out: simOut, force: true, progress: 'none', evalEpisodes: Math.min(1000, episodes) });
    log(`training PPO on the calibrated simulator (${simOpts.timesteps} steps) -> ${simOut}`);
    const sim = await train(simOpts);
    const tapeOut = join(out, multi ? `tape-${reward}` : 'tape');
    const tapeOpts = validateTrainOptions({ ...defaultTrainOptions('ppo', trainId), timesteps: o.tapeTimesteps ?? 300_000, seed, out: tapeOut, force: true, progress: 'none', init: sim.policyDir ?? simOut, evalEnv: selectId, evalEpisodes: Math.min(1000, episodes) });
    log(`fine-tuning on the tape's train span (${tapeOpts.timesteps} steps, best/ chosen on the select span) -> ${tapeOut}`);
    await train(tapeOpts);
    arms.push({ reward, calib: armCalib, paramsFile, selectId, testId: replayId(data, selectTo, 1, paramsFile, feeBps), simOut, tapeOut });
    for (const dir of [join(simOut, 'best'), join(tapeOut, 'best')]) {
      // one at a time: both agents are named 'ppo best'
      const sel = await runEvalJob({ env: selectId, policies: [dir], against: [], episodes, seed: SIM2REAL_SELECT_SEED, out: null, figures: false });
      const c = sel.evaluation.candidates[0]!;
      agentMeans.push({ dir, ...pick(describeSample(c.returns)), pnl: describeSample(c.pnl).mean, reward });
    }
  }
  // one reward: by its return; several: by PnL net of fees, the currency they share
  const score = (a: { mean: number; pnl: number }): number => (multi ? a.pnl : a.mean);
  const chosen = agentMeans.reduce((a, b) => (score(b) > score(a) ? b : a));
  const arm = arms.find((a) => a.reward === chosen.reward) as Arm;
  calib = arm.calib;
  const { paramsFile, selectId, testId, simOut, tapeOut } = arm;
  const selEnvs = envCache(selectId);
  const config = selEnvs.config();
  const fixedGrid = fixedDepthGrid(config).map((h) => {
    const r = runEpisodes(fixedSpreadPolicy(config, { halfSpread: h }), config, { episodes, seed: SIM2REAL_SELECT_SEED, makeEnv: selEnvs.makeEnv });
    return { halfSpread: h, mean: describeSample(r.returns).mean };
  });
  selEnvs.closeAll();
  const bestFixed = fixedGrid.reduce((a, b) => (b.mean > a.mean ? b : a));
  log(`select span: ${agentMeans.map((a) => `${a.dir} ${a.mean.toPrecision(4)}${multi ? ` (PnL ${a.pnl.toPrecision(4)})` : ''}`).join(', ')} -> ${chosen.dir}; fixed depth ${bestFixed.halfSpread} (${bestFixed.mean.toPrecision(4)})`);

  // 5. test
  const testOut = join(out, 'test');
  const fixed = fixedSpreadPolicy(config, { halfSpread: bestFixed.halfSpread });
  const test: EvalJobResult = await runEvalJob({ env: testId, policies: [chosen.dir], against: ['hjb', 'as'], baselinePolicies: [fixed], episodes, seed: SIM2REAL_TEST_SEED, out: testOut, ...(o.command === undefined ? {} : { command: o.command }), log });
  const starts = windowStarts(testId, episodes, SIM2REAL_TEST_SEED);
  const order = Array.from(starts.keys()).sort((a, b) => (starts[a] as number) - (starts[b] as number));
  const spanSeconds = testSeconds;
  const blockLength = windowBlockLength(episodes, spanSeconds, config.horizon);
  const inOrder = (x: Float64Array): Float64Array => Float64Array.from(order, (j) => x[j] as number);
  const batches = [...test.evaluation.candidates, ...test.evaluation.baselines];
  const names = batches.map((b, i) => (i === 0 ? 'agent' : b.policyName === 'fixed' ? `fixed ${bestFixed.halfSpread}` : b.policyName));
  const metricsOf = (name: string) => test.evaluation.comparison.policies.find((p) => p.name === name)?.metrics;
  const policies: Sim2RealPolicy[] = batches.map((b, i) => {
    const d = describeSample(b.returns);
    const m = metricsOf(b.policyName);
    return {
      name: names[i] as string,
      mean: d.mean,
      se: d.se,
      ci: blockBootstrapMeanCI(inOrder(b.returns), blockLength, { seed: SIM2REAL_TEST_SEED + i }),
      pnl: describeSample(b.pnl).mean,
      bidFills: m?.bidFills ?? NaN,
      askFills: m?.askFills ?? NaN,
      fees: m?.fees ?? NaN,
      averageAbsInventory: m?.averageAbsInventory ?? null,
      realisedSpread: m?.spread?.realisedSpread ?? null,
      adverseSelection: m?.spread?.adverseSelection ?? null,
    };
  });
  const hjb = batches.find((b) => b.policyName === 'hjb');
  if (hjb === undefined) throw new Error('sim2real: the HJB policy was not evaluated on the test span');
  const pairedVsHjb = batches
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => b !== hjb)
    .map(({ b, i }) => {
      const diff = Float64Array.from(b.returns, (x, j) => x - (hjb.returns[j] as number));
      const d = describeSample(diff);
      const pnlDiff = Float64Array.from(b.pnl, (x, j) => x - (hjb.pnl[j] as number));
      const pnl = { mean: describeSample(pnlDiff).mean, ci: blockBootstrapMeanCI(inOrder(pnlDiff), blockLength, { seed: SIM2REAL_TEST_SEED + 200 + i }) };
      const pair = test.evaluation.comparison.pairs.find((p) => p.policy === b.policyName && p.baseline === 'hjb');
      return { policy: names[i] as string, mean: d.mean, ci: blockBootstrapMeanCI(inOrder(diff), blockLength, { seed: SIM2REAL_TEST_SEED + 100 + i }), iidCi: pair?.returns.tInterval ?? ([d.mean - 1.96 * d.se, d.mean + 1.96 * d.se] as [number, number]), pnl };
    });

  const result: Sim2RealResult = {
    tool: 'mmgym sim2real',
    ...(o.command === undefined ? {} : { command: o.command }),
    data: o.data,
    tape: { name: tape.name, startTime: tape.startTime, endTime: tape.endTime, quoteUpdates: tape.quoteTime.length, marketOrders: tape.orderTime.length },
    spans: { train: span(0, trainTo), select: span(trainTo, selectTo), test: span(selectTo, 1) },
    params: { file: paramsFile, sigma: calib.volatility.primary.sigmaPerSqrtSecond, A: fit.A, k: fit.k, deviancePerDof: fit.deviance / Math.max(1, fit.dof), warnings: calib.warnings, reward: chosen.reward, orderSize: calib.config.orderSize },
    training: { sim: simOut, tape: tapeOut },
    selection: { by: multi ? 'pnl' : 'return', agents: agentMeans, chosen: chosen.dir, fixedGrid, fixedHalfSpread: bestFixed.halfSpread, episodes, seed: SIM2REAL_SELECT_SEED },
    test: { episodes, seed: SIM2REAL_TEST_SEED, blockLength, report: join(testOut, 'report.html') },
    policies,
    pairedVsHjb,
    onePath: `one tape is one path: the ${episodes} test windows are drawn from ${spanSeconds.toFixed(0)} s of one recording, so they overlap and share its market; intervals are moving-block bootstrap intervals over the windows in time order (blocks of ${blockLength}), and say nothing about other days`,
  };
  writeJsonAtomic(join(out, 'sim2real.json'), result);
  writeFileAtomic(join(out, 'sim2real.html'), sim2realHtml(result, out));
  return result;
}

function pick(d: { mean: number; se: number }): { mean: number; se: number } {
  return { mean: d.mean, se: d.se };
}

/** Tape time where test episode j (seed + j) starts: the replay env's own draw for that seed. */
function windowStarts(envId: string, episodes: number, seed: number): Float64Array {
  const env = makeReplayVec(envId, { numEnvs: 1 });
  try {
    const out = new Float64Array(episodes);
    for (let j = 0; j < episodes; j++) {
      env.reset({ seed: seed + j });
      out[j] = env.episodeStart[0] as number;
    }
    return out;
  } finally {
    env.close();
  }
}
