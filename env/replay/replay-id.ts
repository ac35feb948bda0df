/**
 * `replay:<data>[?key=value&...]` env ids, resolved by `make` / `makeVec` / `resolveEnvConfig`.
 *
 * Keys: `from`, `to` (fractions of the tape's time range, default 0 and 1; e.g. from=0.6 for
 * the held-out 40%), `fill` (trade-cross | poisson | hybrid | risk-averse-queue | prob-queue,
 * fill-model.ts), `cross` (touch | strict), `mix` (hybrid weight), `queueFunc` (prob-queue's
 * probability function: power | log, default power), `queuePower` (its exponent n, (0, 100],
 * default 2), `latencyMs` (order-entry latency in tape milliseconds, >= 0; trade-cross and the
 * queue models; not with `latency`), `params` (a calibrated preset: the env config; without it
 * the config is calibrated on the tape: `calibrate=window` (default) the replay window itself —
 * in-sample; `calibrate=before` all of the tape before the window, `calibrate=trailing` the span of
 * the window's length just before it — walk-forward, never the window), `format`, `levels`, `symbol`,
 * `maxSkipped` (data loading: the fraction of a file's rows that may be skipped, default 0.01),
 * and config overrides `dt`, `horizon` (s), `latency` (steps), `tick`, `feeBps`, `fee` (per unit),
 * `maxInventory`, `orderSize` (units per order, the lot: e.g. 0.001 on a BTC tape), `gamma`. Examples:
 * `replay:data/lobster-amzn-2012-06-21-l1?from=0.6&params=amzn.json&fill=trade-cross`,
 * `replay:data/lobster-amzn-2012-06-21-l1?from=0.6&fill=prob-queue&queueFunc=log&latencyMs=50`.
 */
import type { EnvConfig, EnvOverrides } from '../config.js';
import type { LoadReport } from '../../marketdata/loaders/load-report.js';
import { applyOverrides } from '../apply-overrides.js';
import { validateConfig } from '../validate-config.js';
import { calibrateTape } from '../../calibration/calibrate.js';
import { loadCalibratedConfig } from '../../calibration/calibrated-config.js';
import { TAPE_FORMATS, type LoadTapeOptions, type TapeFormat } from '../../marketdata/tape/load-tape.js';
import { loadTapeSyncCached } from '../../marketdata/tape/tape-cache.js';
import { sliceTape, type MarketTape } from '../../marketdata/tape/market-tape.js';
import { DEFAULT_FILL_MODEL, FILL_MODELS, type FillModelConfig, type FillModelName } from './fill-model.js';
import { QUEUE_FUNCS, type QueueFunc } from './queue-model.js';
import { ReplayMarketMakingEnv, type ReplayEnvOptions } from './replay-env.js';
import { ReplayVectorEnv } from './replay-vector-env.js';

export const REPLAY_PREFIX = 'replay:';

/** Where a replay id without params= is calibrated (see ReplaySpec.calibrate). */
export const REPLAY_CALIBRATIONS = ['window', 'before', 'trailing'] as const;
export type ReplayCalibration = (typeof REPLAY_CALIBRATIONS)[number];

export interface ReplaySpec {
  readonly data: string;
  readonly load: LoadTapeOptions;
  readonly from: number;
  readonly to: number;
  readonly fill: FillModelConfig;
  readonly params?: string;
  /**
   * Where the env config is calibrated when no params file is given: 'window' (the replay window
   * itself, in-sample), 'before' (all of the tape strictly before the window, [0, from): walk-forward,
   * expanding), 'trailing' (the span of the window's length just before it). @defaultValue 'window'
   */
  readonly calibrate: ReplayCalibration;
  readonly overrides: EnvOverrides;
}

const KEYS = ['from', 'to', 'calibrate', 'fill', 'cross', 'mix', 'queueFunc', 'queuePower', 'latencyMs', 'params', 'format', 'levels', 'symbol', 'maxSkipped', 'dt', 'horizon', 'latency', 'tick', 'feeBps', 'fee', 'maxInventory', 'orderSize', 'gamma'] as const;

export function isReplayId(id: string): boolean {
  return id.startsWith(REPLAY_PREFIX);
}

function number(key: string, v: string, lo: number, hi: number): number {
  const x = Number(v);
  if (v === '' || !Number.isFinite(x) || x < lo || x > hi) throw new RangeError(`replay id: ${key} must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
  return x;
}

export function parseReplayId(id: string): ReplaySpec {
  if (!isReplayId(id)) throw new RangeError(`not a replay id (must start with "${REPLAY_PREFIX}"): ${id}`);
  const body = id.slice(REPLAY_PREFIX.length);
  const qm = body.indexOf('?');
  const data = qm < 0 ? body : body.slice(0, qm);
  if (data === '') throw new RangeError(`replay id needs a data path: replay:<file or folder>[?options], got ${JSON.stringify(id)}`);
  const params = new URLSearchParams(qm < 0 ? '' : body.slice(qm + 1));
  const load: LoadTapeOptions = {};
  const fill: FillModelConfig = { ...DEFAULT_FILL_MODEL };
  const overrides: { -readonly [K in keyof EnvConfig]?: unknown } = {};
  let from = 0;
  let to = 1;
  let paramsFile: string | undefined;
  let calibrate: ReplayCalibration = 'window';
  for (const [key, v] of params) {
    switch (key as (typeof KEYS)[number]) {
      case 'from': from = number(key, v, 0, 1); break;
      case 'to': to = number(key, v, 0, 1); break;
      case 'calibrate':
        if (!REPLAY_CALIBRATIONS.includes(v as ReplayCalibration)) throw new RangeError(`replay id: calibrate must be one of ${REPLAY_CALIBRATIONS.join(', ')} (where the config is fitted: the window itself, all the tape before it, or the span of its length before it), got ${JSON.stringify(v)}`);
        calibrate = v as ReplayCalibration;
        break;
      case 'fill':
        if (!FILL_MODELS.includes(v as FillModelName)) throw new RangeError(`replay id: fill must be one of ${FILL_MODELS.join(', ')}, got ${JSON.stringify(v)}`);
        fill.model = v as FillModelName;
        break;
      case 'cross':
        if (v !== 'touch' && v !== 'strict') throw new RangeError(`replay id: cross must be touch or strict, got ${JSON.stringify(v)}`);
        fill.cross = v;
        break;
      case 'mix': fill.hybridWeight = number(key, v, 0, 1); break;
      case 'queueFunc':
        if (!QUEUE_FUNCS.includes(v as QueueFunc)) throw new RangeError(`replay id: queueFunc must be one of ${QUEUE_FUNCS.join(', ')}, got ${JSON.stringify(v)}`);
        fill.queueFunc = v as QueueFunc;
        break;
      case 'queuePower':
        fill.queuePower = number(key, v, 0, 100);
        if (fill.queuePower === 0) throw new RangeError(`replay id: queuePower must be a number in (0, 100], got ${JSON.stringify(v)}`);
        break;
      case 'latencyMs': fill.latencyMs = number(key, v, 0, 1e9); break;
      case 'params': paramsFile = v; break;
      case 'format':
        if (!TAPE_FORMATS.includes(v as TapeFormat)) throw new RangeError(`replay id: format must be one of ${TAPE_FORMATS.join(', ')}, got ${JSON.stringify(v)}`);
        load.format = v as TapeFormat;
        break;
      case 'levels': load.levels = number(key, v, 1, 1e6); break;
      case 'symbol': load.symbol = v; break;
      case 'maxSkipped': load.maxSkippedFraction = number(key, v, 0, 1); break;
      case 'dt': overrides.dt = number(key, v, 1e-9, 1e9); break;
      case 'horizon': overrides.horizon = number(key, v, 1e-9, 1e12); break;
      case 'latency': overrides.latencySteps = number(key, v, 0, 1e6); break;
      case 'tick': overrides.tickSize = number(key, v, 0, 1e9); break;
      case 'feeBps': overrides.fees = { ...(overrides.fees as object), makerBps: number(key, v, -1e4, 1e4) }; break;
      case 'fee': overrides.fees = { ...(overrides.fees as object), makerPerUnit: number(key, v, -1e9, 1e9) }; break;
      case 'maxInventory': overrides.maxInventory = number(key, v, 1e-12, 1e12); break;
      case 'orderSize': overrides.orderSize = number(key, v, 1e-12, 1e12); break;
      case 'gamma': overrides.gamma = number(key, v, 0, 1e12); break;
      default:
        throw new RangeError(`replay id: unknown option ${JSON.stringify(key)}; known: ${KEYS.join(', ')}`);
    }
  }
  if (!(from < to)) throw new RangeError(`replay id: need from < to, got from=${from}, to=${to}`);
  if (calibrate !== 'window' && paramsFile !== undefined) throw new RangeError(`replay id: calibrate=${calibrate} fits the config on the tape, params= gives it: use one, got both`);
  if (calibrate !== 'window' && !(from > 0)) throw new RangeError(`replay id: calibrate=${calibrate} needs tape before the window (from > 0), got from=${from}`);
  if ((params.has('queueFunc') || params.has('queuePower')) && fill.model !== 'prob-queue') {
    throw new RangeError(`replay id: queueFunc and queuePower apply to fill=prob-queue, got fill=${fill.model}`);
  }
  if (params.has('queuePower') && fill.queueFunc !== 'power') throw new RangeError(`replay id: queuePower is the exponent of queueFunc=power, got queueFunc=${fill.queueFunc}`);
  if (params.has('latencyMs') && params.has('latency')) {
    throw new RangeError(`replay id: give latency (steps) or latencyMs (tape milliseconds), not both: got latency=${params.get('latency') ?? ''}, latencyMs=${params.get('latencyMs') ?? ''}`);
  }
  return { data, load, from, to, fill, calibrate, ...(paramsFile === undefined ? {} : { params: paramsFile }), overrides: overrides as EnvOverrides };
}

export interface ResolvedReplay {
  readonly tape: MarketTape;
  /** What loading the files kept and skipped (malformed rows are counted here). */
  readonly loadReports: LoadReport[];
  readonly config: EnvConfig;
  readonly fill: FillModelConfig;
  readonly spec: ReplaySpec;
}

/** The tape window of a replay id, loaded, with its fill model: no calibration (see `resolveReplay`). */
export function loadReplayWindow(id: string): Omit<ResolvedReplay, 'config'> {
  return loadWindowAndCalibrationSpan(id).window;
}

/** The window, and the tape the config is calibrated on (the window, or the span before it). */
function loadWindowAndCalibrationSpan(id: string): { window: Omit<ResolvedReplay, 'config'>; calibrationTape: MarketTape } {
  const spec = parseReplayId(id);
  const loaded = loadTapeSyncCached(spec.data, spec.load);
  const full = loaded.tape;
  const tape = spec.from === 0 && spec.to === 1 ? full : sliceTape(full, spec.from, spec.to);
  const calibrationTape =
    spec.calibrate === 'before' ? sliceTape(full, 0, spec.from)
      : spec.calibrate === 'trailing' ? sliceTape(full, Math.max(0, spec.from - (spec.to - spec.from)), spec.from)
        : tape;
  return { window: { tape, loadReports: loaded.reports, fill: spec.fill, spec }, calibrationTape };
}

/**
 * Load the tape window and build the env config: the params file, or a calibration on the window
 * itself (in-sample, calibrate=window) or on the tape strictly before it (walk-forward:
 * calibrate=before | trailing — the window's parameters never come from the window).
 */
export function resolveReplay(id: string, overrides?: EnvOverrides): ResolvedReplay {
  const { window: w, calibrationTape } = loadWindowAndCalibrationSpan(id);
  return { ...w, config: replayConfigFor(w.spec, calibrationTape, overrides) };
}

/**
 * The held-out span of a training replay id: the same data and options, the part of the tape
 * after `to` (or, when the training span ends at the tape's end, before `from`). Null when the
 * training span is the whole tape.
 */
export function heldOutReplayId(id: string): string | null {
  const spec = parseReplayId(id);
  const body = id.slice(REPLAY_PREFIX.length);
  const qm = body.indexOf('?');
  const params = new URLSearchParams(qm < 0 ? '' : body.slice(qm + 1));
  if (spec.to < 1) {
    params.set('from', String(spec.to));
    params.set('to', '1');
  } else if (spec.from > 0) {
    params.set('from', '0');
    params.set('to', String(spec.from));
  } else return null;
  return `${REPLAY_PREFIX}${spec.data}?${params.toString()}`;
}

/** Why two replay ids cannot serve as a training span and its held-out evaluation span (null when they can). */
export function heldOutProblem(trainId: string, evalId: string): string | null {
  if (!isReplayId(evalId)) return `the evaluation env must be a replay id on the same tape, got ${JSON.stringify(evalId)}`;
  const a = parseReplayId(trainId);
  const b = parseReplayId(evalId);
  if (a.data !== b.data) return `the evaluation span must be on the training tape (${a.data}), got ${b.data}`;
  if (a.from < b.to && b.from < a.to) return `the evaluation span [${b.from}, ${b.to}) overlaps the training span [${a.from}, ${a.to}): evaluations must be on data training never touched`;
  return null;
}

/**
 * A replay vector env over the window of `id` with a given env config (e.g. the training span's
 * calibration for a held-out span: the evaluation window is never calibrated on itself).
 */
export function makeReplayVecWith(window: Omit<ResolvedReplay, 'config'>, config: EnvConfig, numEnvs: number): ReplayVectorEnv {
  return new ReplayVectorEnv(window.tape, config, window.fill, { numEnvs, loadReports: window.loadReports });
}

function replayConfigFor(spec: ReplaySpec, tape: MarketTape | null, overrides?: EnvOverrides): EnvConfig {
  let base: EnvConfig;
  if (spec.params !== undefined) base = loadCalibratedConfig(spec.params);
  else {
    if (tape === null) throw new Error('internal: tape needed for an in-sample calibration');
    const o = spec.overrides;
    base = calibrateTape(tape, { ...(o.dt === undefined ? {} : { dt: o.dt }), ...(o.horizon === undefined ? {} : { horizon: o.horizon }) }).config;
  }
  return validateConfig(applyOverrides(applyOverrides(base, spec.overrides), overrides));
}

/** The env config a replay id describes (the spec policies are judged on). */
export function replayConfig(id: string, overrides?: EnvOverrides): EnvConfig {
  const spec = parseReplayId(id);
  if (spec.params !== undefined) return replayConfigFor(spec, null, overrides);
  return resolveReplay(id, overrides).config;
}

export function makeReplayVec(id: string, opts: { numEnvs: number; overrides?: EnvOverrides; maxEpisodeSteps?: number; recordFills?: boolean }): ReplayVectorEnv {
  const r = resolveReplay(id, opts.overrides);
  return new ReplayVectorEnv(r.tape, r.config, r.fill, {
    numEnvs: opts.numEnvs,
    loadReports: r.loadReports,
    ...(opts.maxEpisodeSteps === undefined ? {} : { maxEpisodeSteps: opts.maxEpisodeSteps }),
    ...(opts.recordFills === undefined ? {} : { recordFills: opts.recordFills }),
  });
}

export function makeReplay(id: string, overrides?: EnvOverrides, opts: ReplayEnvOptions = {}): ReplayMarketMakingEnv {
  const r = resolveReplay(id, overrides);
  return new ReplayMarketMakingEnv(r.tape, r.config, r.fill, opts);
}
