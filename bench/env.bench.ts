/**
 * `npm run bench:env`: throughput of the simulator.
 * - vector core, default env (AS 2008), N = 1024, random actions (pre-drawn, cycled): env-steps/s
 *   (target >= 10M on one core);
 * - single-env `step()` API, same env: steps/s (target >= 1M);
 * - the vector env on each preset, for reference (`--all`);
 * - the replay env on the AMZN tape with each fill model, N = 64 (`--replay`).
 * Figures are printed, never asserted. Uses a fixed seed; warm-up runs first so V8 has optimised.
 * Each figure is given per second of wall time and per second of this process's CPU time
 * (`process.cpuUsage`): on a machine shared with other jobs the CPU-time figure is the one that
 * measures "one core".
 */
import seedrandom from 'seedrandom';
import { make, makeVec, PRESETS } from '../env/index.js';

function randomActions(n: number, dim: number, count: number, discreteN: number | null): Float32Array[] {
  const rng = seedrandom('bench');
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: n * dim }, () => (discreteN === null ? 2 * rng() - 1 : Math.floor(rng() * discreteN))),
  );
}

interface Rate {
  wall: number;
  cpu: number;
}

/** Run `chunk` until `seconds` of wall time have passed; rates of `work` units per second. */
function measure(seconds: number, chunk: () => number): Rate {
  let units = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    units += chunk();
    t = performance.now();
  }
  const c = process.cpuUsage(c0);
  return { wall: units / ((t - t0) / 1000), cpu: units / ((c.user + c.system) / 1e6) };
}

function benchVector(id: string, numEnvs: number, seconds: number): Rate {
  const env = makeVec(id, { numEnvs });
  const acts = randomActions(numEnvs, env.actDim, 64, env.actionSpace.kind === 'discrete' ? env.actionSpace.n : null);
  env.reset({ seed: 1 });
  for (let k = 0; k < 300; k++) env.step(acts[k & 63]!); // warm-up
  return measure(seconds, () => {
    for (let k = 0; k < 50; k++) env.step(acts[k & 63]!);
    return 50 * numEnvs;
  });
}

function benchSingle(id: string, seconds: number): Rate {
  const env = make(id);
  const acts = randomActions(1, 2, 256, null);
  env.reset({ seed: 1 });
  const run = (count: number): void => {
    for (let k = 0; k < count; k++) {
      const r = env.step(acts[k & 255]!);
      if (r.terminated || r.truncated) env.reset();
    }
  };
  run(50_000); // warm-up
  return measure(seconds, () => {
    run(10_000);
    return 10_000;
  });
}

const fmt = (r: Rate): string => `${(r.cpu / 1e6).toFixed(2)}M per CPU-second (${(r.wall / 1e6).toFixed(2)}M per wall second)`;
const secs = Number(process.env.BENCH_SECONDS ?? 3);
process.stdout.write(`mmgym env bench (node ${process.version}, ${secs}s per figure; --all for every preset, --replay for the replay's fill models)\n`);
const v = benchVector('as2008', 1024, secs);
process.stdout.write(`vector core  as2008  N=1024 random actions: env-steps ${fmt(v)}  [target >= 10M/s]\n`);
const s = benchSingle('as2008', secs);
process.stdout.write(`single env   as2008  step() API:             steps ${fmt(s)}  [target >= 1M/s]\n`);
if (process.argv.includes('--all')) {
  for (const p of Object.keys(PRESETS)) {
    process.stdout.write(`vector core  ${p.padEnd(17)} N=1024: env-steps ${fmt(benchVector(p, 1024, Math.max(1, secs / 3)))}\n`);
  }
}
if (process.argv.includes('--replay')) {
  const amzn = 'replay:data/lobster-amzn-2012-06-21-l1?from=0.6&to=0.8&dt=1&horizon=120';
  for (const fill of ['trade-cross', 'poisson', 'hybrid', 'prob-queue', 'trade-cross&latencyMs=50']) {
    const id = `${amzn}&fill=${fill}`;
    makeVec(id, { numEnvs: 1 }); // load and calibrate outside the timing
    process.stdout.write(`replay       ${fill.padEnd(24)} N=64: env-steps ${fmt(benchVector(id, 64, Math.max(1, secs / 3)))}\n`);
  }
}
