/**
 * `npm run bench:train [-- --only ppo,warm,a2c,throughput,seeds] [--seed S] [--eval-episodes N] [--seeds 0-7]`
 *
 * Prints, for the default env (AS 2008), with evaluations on 1,000 fixed seeds (common random
 * numbers; 100% = the HJB policy's mean return on the same seeds):
 *   ppo         PPO from scratch (preset as-default), budget 1M env steps: steps and wall seconds
 *               to 90/95/99/99.5% of optimal
 *   warm        PPO with --warm-start hjb (preset warm-start), budget 50k steps (target 99.5%)
 *   a2c         A2C (preset as-default), budget 2M steps: its learning curve and milestones (target 95%)
 *   seeds       the README's default run (`mmgym train --agent ppo`: preset as-default, 1.5M steps,
 *               evaluations every 50k on 200 validation seeds, the best policy kept) on each of
 *               --seeds (default 0-7): steps and wall seconds to 99% and 99.5% of V* (validation
 *               evaluations), the best policy's exact % of V*, the best and the final policy's % of
 *               V* on 1,000 test seeds that chose nothing, and the medians (issue #10's targets)
 *   workers     where the time goes and what a second thread buys: the as-default preset, the same
 *               with 1,024-row minibatches, and the throughput preset, each on 1 and 2 gradient
 *               threads (evaluations off): wall seconds, env steps/s, and the rollout / update split
 *   throughput  env steps/s, rollouts and updates included, evaluations off: SB3's default PPO
 *               hyperparameters (1 env as SB3's own default, and 8 envs) and the `throughput` preset (64 envs x 128 steps,
 *               minibatch 2048, 4 epochs; agents/presets.ts)
 * Presets and their measured runs: agents/presets.ts.
 * Long-running; not part of `npm test`. Runs are written under runs/bench-*.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { openRunLogs } from '../training/run-log.js';
import { SILENT_LOGGER, streamLogger } from '../training/logger.js';
import { train, type TrainResult } from '../training/train.js';
import { applyPreset, defaultTrainOptions, type TrainOptions } from '../training/train-options.js';

const MILESTONES = [0.9, 0.95, 0.99, 0.995] as const;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const only = new Set(arg('only', 'ppo,warm,a2c,throughput').split(','));
/** '0-7' or '0,3,5'. */
function seedList(spec: string): number[] {
  const m = /^(\d+)-(\d+)$/.exec(spec);
  if (m) return Array.from({ length: Number(m[2]) - Number(m[1]) + 1 }, (_, i) => Number(m[1]) + i);
  return spec.split(',').map(Number);
}
const seed = Number(arg('seed', '0'));
const evalEpisodes = Number(arg('eval-episodes', '1000'));
const verbose = process.argv.includes('--verbose');
const out = (s: string): void => void process.stdout.write(`${s}\n`);

async function run(label: string, patch: Partial<TrainOptions>, preset?: string | null): Promise<TrainResult> {
  const agent = patch.agent ?? 'ppo';
  let base = defaultTrainOptions(agent, 'default', patch.warmStart === 'hjb');
  if (preset === null) base = { ...base, preset: null, agentConfig: {}, nEnvs: 8 };
  else if (preset !== undefined) base = applyPreset(base, preset);
  const o: TrainOptions = {
    ...base,
    seed,
    evalEpisodes,
    finalEpisodes: 0,
    progress: 'none',
    checkpointEvery: 0,
    out: `runs/bench-${label}`,
    force: true,
    command: `bench/train.bench.ts ${label}`,
    ...patch,
  };
  const hp = o.preset !== null ? `preset ${o.preset}` : Object.keys(o.agentConfig).length === 0 ? 'SB3 defaults' : JSON.stringify(o.agentConfig);
  out(`\n## ${label}: ${o.agent}, ${o.timesteps} steps, ${o.nEnvs} envs, ${hp}${o.warmStart ? ', warm start hjb' : ''}, seed ${o.seed}`);
  return train(o, { logger: verbose ? streamLogger(process.stderr) : SILENT_LOGGER });
}

function milestones(r: TrainResult): void {
  const evals = openRunLogs(r.options.out).evals.read();
  for (const m of MILESTONES) {
    const hit = evals.find((e) => typeof e.pct_optimal === 'number' && e.pct_optimal >= m);
    out(
      hit
        ? `  ${(100 * m).toFixed(1)}% of optimal: ${hit.timesteps} steps, ${Number(hit.wall_seconds).toFixed(1)} s`
        : `  ${(100 * m).toFixed(1)}% of optimal: not reached within ${r.timesteps} steps`,
    );
  }
  const after = evals.filter((e) => Number(e.timesteps) > 0).map((e) => Number(e.pct_optimal));
  if (r.options.warmStart !== null) out(`  (behaviour cloning first used 8 x 1000 env steps of HJB data; worst evaluation after the first update: ${(100 * Math.min(...after)).toFixed(2)}%)`);
  out(`  best ${r.bestPctOptimal === null ? '-' : `${(100 * r.bestPctOptimal).toFixed(2)}%`}, final ${r.lastEval ? `${(100 * r.lastEval.pctOptimal).toFixed(2)}%` : '-'}, ${r.timesteps} steps in ${r.wallSeconds.toFixed(1)} s on ${r.backend}`);
}

function curve(r: TrainResult): void {
  out('  timesteps  wall_s  pct_optimal');
  for (const e of openRunLogs(r.options.out).evals.read()) {
    out(`  ${String(e.timesteps).padStart(9)}  ${Number(e.wall_seconds).toFixed(1).padStart(6)}  ${(100 * Number(e.pct_optimal)).toFixed(2)}%`);
  }
}

if (only.has('throughput')) {
  for (const [label, patch, preset] of [
    ['throughput-sb3-1env', { timesteps: 16 * 2048, nEnvs: 1, evalEvery: 0 }, null],
    ['throughput-default', { timesteps: 4 * 8 * 2048, evalEvery: 0 }, null],
    ['throughput-preset', { timesteps: 16 * 64 * 128, evalEvery: 0 }, 'throughput'],
  ] as const) {
    // CPU time of this process (the wasm backend is single-threaded): on a shared machine the
    // env steps per CPU-second is what one free core gives; wall time is what this box gave now.
    const cpu0 = process.cpuUsage();
    const r = await run(label, { ...patch, evalEpisodes: 10 }, preset);
    const cpu = process.cpuUsage(cpu0);
    const cpuSecs = (cpu.user + cpu.system) / 1e6;
    // From the update log: env steps / wall seconds at the last update (rollouts + updates; the
    // final 10-episode evaluation and saving come after and are not counted in the wall figure).
    const last = openRunLogs(r.options.out).updates.read().at(-1);
    const steps = Number(last?.timesteps);
    const secs = Number(last?.wall_seconds);
    out(`  throughput: ${Math.round(steps / secs)} env steps/s wall (${steps} steps in ${secs.toFixed(1)} s, rollouts + updates, ${r.backend}; load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores)`);
    out(`              ${Math.round(steps / cpuSecs)} env steps per CPU-second (${cpuSecs.toFixed(1)} CPU-s for the whole run, start-up and a 10-episode evaluation included)`);
  }
}
if (only.has('workers')) {
  out(`\n## workers: rollout vs update time, 1 and 2 gradient threads; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} on ${cpus().length} cores`);
  out('  setup                                  threads   steps     wall s   steps/s   rollout s   update s   other s');
  for (const [label, patch, preset] of [
    ['as-default (minibatch 256)', { timesteps: 204_800 }, 'as-default'],
    ['as-default, minibatch 1024', { timesteps: 204_800, agentConfig: { ...defaultTrainOptions('ppo').agentConfig, batchSize: 1024 } }, 'as-default'],
    ['throughput (minibatch 2048)', { timesteps: 524_288 }, 'throughput'],
  ] as const) {
    for (const workers of [1, 2]) {
      const r = await run(`workers-${workers}-${label.replace(/[^a-z0-9]+/gi, '-')}`, { ...patch, workers, evalEvery: 0, evalEpisodes: 10, force: true }, preset);
      const rows = openRunLogs(r.options.out).updates.read();
      const last = rows.at(-1)!;
      const wall = Number(last.wall_seconds);
      const steps = Number(last.timesteps);
      const jsonl = readFileSync(`${r.options.out}/updates.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
      const roll = jsonl.reduce((a, x) => a + (x.rollout_seconds ?? 0), 0);
      const upd = jsonl.reduce((a, x) => a + (x.train_seconds ?? 0), 0);
      out(`  ${label.padEnd(37)}  ${String(workers).padStart(7)}  ${String(steps).padStart(7)}  ${wall.toFixed(1).padStart(8)}  ${String(Math.round(steps / wall)).padStart(8)}  ${roll.toFixed(1).padStart(10)}  ${upd.toFixed(1).padStart(9)}  ${(wall - roll - upd).toFixed(1).padStart(8)}`);
    }
  }
  out(`  load average ${loadavg()[0]?.toFixed(2)} at the end`);
}
if (only.has('seeds')) {
  const seeds = seedList(arg('seeds', '0-7'));
  const median = (xs: number[]): number => {
    const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return v.length === 0 ? NaN : v.length % 2 === 1 ? v[(v.length - 1) / 2]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
  };
  const rows: { seed: number; at99: number; s99: number; at995: number; s995: number; bestExact: number; best: number; final: number; bestAt: number; wall: number }[] = [];
  const budget = defaultTrainOptions('ppo').timesteps;
  out(`\n## seeds: the default run (preset as-default, ${budget} steps, best kept) on seeds ${seeds.join(', ')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the start on ${cpus().length} cores`);
  out('  seed  99% of V* (steps, s)  99.5% of V* (steps, s)  best @ steps  best (exact)  best (test)  final (test)  wall s');
  for (const seed of seeds) {
    const base = defaultTrainOptions('ppo');
    const o: TrainOptions = { ...base, seed, progress: 'none', out: `runs/bench-seeds/seed-${seed}`, force: true, command: `bench/train.bench.ts seeds ${seed}` };
    const r = await train(o, { logger: verbose ? streamLogger(process.stderr) : SILENT_LOGGER });
    const evals = openRunLogs(o.out).evals.read();
    const hit = (m: number) => evals.find((e) => typeof e.pct_exact_optimum === 'number' && e.pct_exact_optimum >= m);
    const h99 = hit(0.99);
    const h995 = hit(0.995);
    const test = (i: number): number => Number(r.comparison?.policies[i]?.pctOfOptimum);
    const row = {
      seed,
      at99: h99 ? Number(h99.timesteps) : NaN,
      s99: h99 ? Number(h99.wall_seconds) : NaN,
      at995: h995 ? Number(h995.timesteps) : NaN,
      s995: h995 ? Number(h995.wall_seconds) : NaN,
      bestExact: Math.max(...evals.map((e) => (typeof e.exact_return === 'number' && typeof e.pct_exact_optimum === 'number' ? e.pct_exact_optimum : -Infinity))),
      best: test(0),
      final: test(1),
      bestAt: r.bestAt ?? NaN,
      wall: r.wallSeconds,
    };
    rows.push(row);
    const reach = (at: number, s: number): string => (Number.isFinite(at) ? `${at}, ${s.toFixed(1)}` : 'not reached');
    out(`  ${String(seed).padStart(4)}  ${reach(row.at99, row.s99).padEnd(20)}  ${reach(row.at995, row.s995).padEnd(22)}  ${String(row.bestAt).padStart(12)}  ${(100 * row.bestExact).toFixed(2).padStart(11)}%  ${(100 * row.best).toFixed(2).padStart(10)}%  ${(100 * row.final).toFixed(2).padStart(11)}%  ${row.wall.toFixed(1).padStart(6)}`);
  }
  out(
    `  median: 99% of V* at ${median(rows.map((r) => r.s99)).toFixed(1)} s (${rows.filter((r) => Number.isFinite(r.at99)).length}/${rows.length} seeds reach it), 99.5% at ${median(rows.map((r) => r.s995)).toFixed(1)} s (${rows.filter((r) => Number.isFinite(r.at995)).length}/${rows.length}); ` +
      `best ${(100 * median(rows.map((r) => r.bestExact))).toFixed(2)}% exact, ${(100 * median(rows.map((r) => r.best))).toFixed(2)}%, final ${(100 * median(rows.map((r) => r.final))).toFixed(2)}% of V* on 1,000 test seeds; ` +
      `best >= 99.5% on ${rows.filter((r) => r.best >= 0.995).length}/${rows.length} seeds (exact: ${rows.filter((r) => r.bestExact >= 0.995).length}/${rows.length}); whole run ${median(rows.map((r) => r.wall)).toFixed(1)} s; load average ${loadavg()[0]?.toFixed(2)} at the end`,
  );
}
if (only.has('warm')) milestones(await run('ppo-warm', { timesteps: 50_000, evalEvery: 5_000, warmStart: 'hjb' }));
if (only.has('ppo')) milestones(await run('ppo-scratch', { timesteps: 1_000_000, evalEvery: 25_000 }));
if (only.has('a2c')) {
  const r = await run('a2c', { agent: 'a2c', timesteps: 2_000_000, evalEvery: 50_000 });
  curve(r);
  milestones(r);
}
