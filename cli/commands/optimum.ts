/**
 * `mmgym optimum`: the exact optimum V*(0, q0) of a finite-state market (backward induction,
 * baselines/exact-optimum.ts) beside the exact values of the HJB policy, Avellaneda-Stoikov and the
 * best constant symmetric depth in the same discrete MDP, with each one's headroom V* - V.
 * Markets without a finite state (Hawkes flow, latency, replay, CARA reward, ...) are refused
 * with the reason (and an upper bound where one is computable). `--json` prints an OptimumReport
 * (baselines/optimum-report.ts; stable keys).
 * `--policy P` (a saved policy, a shipped policy's name or a baseline name) adds P's exact value
 * V^pi, the gap V* - V^pi and where it is lost: the performance difference lemma
 * (baselines/gap-decomposition.ts) by step and the top `--top` (step, state) terms.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { EnvConfig } from '../../env/config.js';
import type { Policy } from '../../env/types.js';
import { requireNumber } from '../../baselines/errors.js';
import { type GapDecomposition, type GapState, gapDecomposition } from '../../baselines/gap-decomposition.js';
import { type OptimumReport, optimumReport } from '../../baselines/optimum-report.js';
import { isBaselineName, makeBaselinePolicy } from '../../baselines/registry.js';
import { envArgs, envSetOptions, reportingErrors } from './baseline-cli.js';
import { commandEntry } from './index.js';

interface OptimumArgs {
  env: string;
  set: string[];
  json: boolean;
  policy?: string;
  top: number;
}

/** Most rows of the gap-by-step table (consecutive steps are grouped). */
const MAX_STEP_ROWS = 20;

function builder(y: Argv): Argv<OptimumArgs> {
  return envSetOptions(y)
    .option('json', {
      type: 'boolean',
      default: false,
      describe:
        'print JSON: {env, value, hjbValue, headroom, headroomPct, asValue, bestFixed: {depth, value}, method, tolerance, ...}; with --policy also gap: {policy, name, value, policyValue, gap, gapPct, headroomCapturedPct, decomposedGap, byStep, byStepGroups, states}',
    })
    .option('policy', {
      type: 'string',
      describe:
        "a saved policy directory (a training run's directory loads its best/), a shipped policy's name (ppo-maker-fees, ...) or a baseline name (hjb, as, ...): add its exact value V^pi, the gap V* - V^pi and where it is lost (performance difference lemma: occupancy x loss per step and state). The policy must read only inventory, time and regime, and a saved one must have been trained on this env spec",
    })
    .option('top', { type: 'number', default: 10, describe: 'with --policy: how many (step, state) terms of the gap to list, the largest occupancy x loss first' })
    .example('$0 optimum --env default', 'V* of the AS-2008 market and how far the HJB policy is from it')
    .example('$0 optimum --env trend --json', 'the trend market: headroom of the drift-blind HJB policy, JSON')
    .example('$0 optimum --env maker-fees --policy saved-models/ppo-maker-fees --top 5', 'where the trained policy loses against V*: the gap by step and the 5 costliest states') as unknown as Argv<OptimumArgs>;
}

/** The gap part of the report (JSON keys stable). */
export interface GapReport {
  /** The --policy reference as given, and the policy's own name. */
  policy: string;
  name: string;
  value: number;
  policyValue: number;
  gap: number;
  /** gap as % of |V*|. */
  gapPct: number;
  /** (V^pi - V_HJB) / (V* - V_HJB) in %; null without V_HJB or headroom. */
  headroomCapturedPct: number | null;
  decomposedGap: number;
  byStep: number[];
  /** byStep summed over at most 20 groups of consecutive steps [from, to]. */
  byStepGroups: { from: number; to: number; loss: number }[];
  regimes: number;
  states: GapState[];
}

/** byStep summed over groups of ceil(N / 20) consecutive steps. */
export function groupSteps(byStep: readonly number[], rows = MAX_STEP_ROWS): { from: number; to: number; loss: number }[] {
  const size = Math.max(1, Math.ceil(byStep.length / rows));
  const out: { from: number; to: number; loss: number }[] = [];
  for (let from = 0; from < byStep.length; from += size) {
    const to = Math.min(byStep.length, from + size) - 1;
    out.push({ from, to, loss: byStep.slice(from, to + 1).reduce((a, b) => a + b, 0) });
  }
  return out;
}

function gapReport(ref: string, name: string, r: OptimumReport, g: GapDecomposition): GapReport {
  const hjb = r.hjbValue;
  const headroom = hjb === null ? 0 : r.value - hjb;
  return {
    policy: ref,
    name,
    value: g.value,
    policyValue: g.policyValue,
    gap: g.gap,
    gapPct: (100 * g.gap) / Math.abs(g.value),
    headroomCapturedPct: hjb === null || !(headroom > 0) ? null : (100 * (g.policyValue - hjb)) / headroom,
    decomposedGap: g.decomposedGap,
    byStep: g.byStep,
    byStepGroups: groupSteps(g.byStep),
    regimes: g.regimes,
    states: g.states,
  };
}

/** A baseline by name, else a saved policy (tfjs loaded only then) checked against the env spec. */
async function policyOf(ref: string, config: EnvConfig): Promise<Policy> {
  if (isBaselineName(ref)) return makeBaselinePolicy(ref, config);
  const { selectBackend } = await import('../../models/backend.js');
  await selectBackend();
  const { loadPolicy } = await import('../../models/save-load.js');
  return loadPolicy(ref, { expectedSpec: config });
}

const f = (x: number | null, d = 4): string => (x === null ? 'n/a' : x.toFixed(d));
const depth = (x: number): string => (Number.isNaN(x) ? '-' : x.toFixed(4));
/** 4 decimals, or 3 significant digits below 0.01 (the losses of a good policy are small). */
const g4 = (x: number): string => (x === 0 || Math.abs(x) >= 0.01 ? x.toFixed(4) : x.toExponential(2));

function optimumLines(r: OptimumReport): string[] {
  const row = (name: string, v: number | null): string =>
    `  ${name.padEnd(26)}${f(v).padStart(12)}${(v === null ? 'n/a' : (r.value - v).toFixed(4)).padStart(12)}${(v === null ? 'n/a' : `${((100 * (r.value - v)) / Math.abs(v)).toFixed(2)}%`).padStart(10)}${(v === null ? 'n/a' : `${((100 * v) / r.value).toFixed(2)}%`).padStart(12)}`;
  return [
    `exact optimum of ${r.env} (expected episode return from t = 0, q0 = ${r.config.initialInventory})`,
    `  method: ${r.method}; depth tolerance ${r.tolerance}`,
    '',
    `  ${'policy'.padEnd(26)}${'value'.padStart(12)}${'V* - V'.padStart(12)}${'% of V'.padStart(10)}${'% of V*'.padStart(12)}`,
    `  ${'dp-optimal (V*)'.padEnd(26)}${f(r.value).padStart(12)}`,
    row('hjb', r.hjbValue),
    ...(r.hjbDriftValue === null ? [] : [row('hjb-drift', r.hjbDriftValue)]),
    ...(r.hjbRegimeValue === null ? [] : [row('hjb-regime', r.hjbRegimeValue)]),
    ...(r.hjbToxicValue === null ? [] : [row('hjb-toxic', r.hjbToxicValue)]),
    ...(r.hjbFeesValue === null ? [] : [row('hjb-fees', r.hjbFeesValue)]),
    row('as', r.asValue),
    row(`fixed depth ${r.bestFixed.depth.toFixed(4)} (best)`, r.bestFixed.value),
    ...r.notes.map((n) => `  note: ${n}`),
  ];
}

function gapLines(g: GapReport): string[] {
  const share = (x: number): string => (g.decomposedGap > 0 ? `${((100 * x) / g.decomposedGap).toFixed(1)}%` : 'n/a');
  const regimes = g.regimes > 1;
  const pair = (p: readonly [number, number]): string => `(${depth(p[0])}, ${depth(p[1])})`;
  return [
    '',
    `policy ${g.policy}${g.name === g.policy ? '' : ` (${g.name})`}: exact value V^pi ${f(g.policyValue)}`,
    `  gap V* - V^pi ${g4(g.gap)} (${g.gapPct.toFixed(2)}% of V*); headroom captured (V^pi - V_HJB) / (V* - V_HJB) ${g.headroomCapturedPct === null ? 'n/a' : `${g.headroomCapturedPct.toFixed(2)}%`}`,
    `  decomposition (performance difference lemma): sum over steps and states of occupancy x (V* - Q*(state, policy's depths)) = ${g4(g.decomposedGap)} (minus the gap: ${(g.decomposedGap - g.gap).toExponential(1)})`,
    '',
    `  ${'steps'.padEnd(12)}${'loss'.padStart(10)}${'share'.padStart(8)}`,
    ...g.byStepGroups.map((s) => `  ${(s.from === s.to ? `${s.from}` : `${s.from}-${s.to}`).padEnd(12)}${g4(s.loss).padStart(10)}${share(s.loss).padStart(8)}`),
    '',
    `  top ${g.states.length} states by occupancy x loss (effective depths; - = side not quoted at the bound)`,
    `  ${'step'.padStart(5)}${'q'.padStart(6)}${regimes ? 'regime'.padStart(8) : ''}${'occupancy'.padStart(11)}${'loss'.padStart(10)}${'weighted'.padStart(10)}${'share'.padStart(8)}  ${'policy (bid, ask)'.padEnd(20)}optimum (bid, ask)`,
    ...g.states.map(
      (s) =>
        `  ${String(s.step).padStart(5)}${String(s.inventory).padStart(6)}${regimes ? String(s.regime).padStart(8) : ''}${s.occupancy.toFixed(4).padStart(11)}${g4(s.loss).padStart(10)}${g4(s.weighted).padStart(10)}${share(s.weighted).padStart(8)}  ${pair(s.policyDepths).padEnd(20)}${pair(s.optimalDepths)}`,
    ),
  ];
}

async function run(a: ArgumentsCamelCase<OptimumArgs>): Promise<void> {
  const top = requireNumber('top', a.top, { min: 0, integer: true });
  const r = optimumReport(envArgs(a));
  let gap: GapReport | null = null;
  if (a.policy !== undefined) {
    const policy = await policyOf(a.policy, r.config);
    try {
      gap = gapReport(a.policy, policy.name, r, gapDecomposition(r.config, policy, { top, optimum: r.optimum }));
    } finally {
      policy.dispose?.();
    }
  }
  if (a.json) {
    const { config: _config, optimum: _optimum, ...rest } = r;
    process.stdout.write(`${JSON.stringify(gap === null ? rest : { ...rest, gap }, null, 2)}\n`);
    return;
  }
  const lines = [...optimumLines(r), ...(gap === null ? [] : gapLines(gap))];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export const optimumCommand: CommandModule<object, OptimumArgs> = {
  command: commandEntry('optimum').command,
  describe: commandEntry('optimum').describe,
  builder,
  handler: reportingErrors(run),
};
