/**
 * `npm run bench:env`: throughput of the simulator.
 * - vector core, default env (AS 2008), N = 1024, random actions (pre-drawn, cycled): env-steps/s
 *   (target >= 10M on one core);
 * - single-env `step()` API, same env: steps/s (target >= 1M);
 * - the vector env on each preset, for reference.
 * Figures are printed, never asserted. Uses a fixed seed; warm-up runs first so V8 has optimised.
 */
import seedrandom from 'seedrandom';
import { make, makeVec, PRESETS } from '../env/index.js';

function randomActions(n: number, dim: number, count: number, discreteN: number | null): Float32Array[] {
  const rng = seedrandom('bench');
  return Array.from({ length: count }, () =>
    Float32Array.from({ length: n * dim }, () => (discreteN === null ? 2 * rng() - 1 : Math.floor(rng() * discreteN))),
  );
}

function benchVector(id: string, numEnvs: number, seconds: number): number {
  const env = makeVec(id, { numEnvs });
  const acts = randomActions(numEnvs, env.actDim, 64, env.actionSpace.kind === 'discrete' ? env.actionSpace.n : null);
  env.reset({ seed: 1 });
  for (let k = 0; k < 300; k++) env.step(acts[k & 63]!); // warm-up
  let steps = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    for (let k = 0; k < 50; k++) env.step(acts[k & 63]!);
    steps += 50;
    t = performance.now();
  }
  return (steps * numEnvs) / ((t - t0) / 1000);
}

function benchSingle(id: string, seconds: number): number {
  const env = make(id);
  const acts = randomActions(1, 2, 256, null);
  env.reset({ seed: 1 });
  let steps = 0;
  const run = (count: number): void => {
    for (let k = 0; k < count; k++) {
      const r = env.step(acts[k & 255]!);
      if (r.terminated || r.truncated) env.reset();
    }
  };
  run(50_000); // warm-up
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < seconds * 1000) {
    run(10_000);
    steps += 10_000;
    t = performance.now();
  }
  return steps / ((t - t0) / 1000);
}

const fmt = (x: number): string => `${(x / 1e6).toFixed(2)}M`;
const secs = Number(process.env.BENCH_SECONDS ?? 3);
process.stdout.write(`mmgym env bench (node ${process.version}, ${secs}s per figure)\n`);
const v = benchVector('as2008', 1024, secs);
process.stdout.write(`vector core  as2008  N=1024 random actions: ${fmt(v)} env-steps/s  (target >= 10M)\n`);
const s = benchSingle('as2008', secs);
process.stdout.write(`single env   as2008  step() API:             ${fmt(s)} steps/s      (target >= 1M)\n`);
if (process.argv.includes('--all')) {
  for (const p of Object.keys(PRESETS)) {
    process.stdout.write(`vector core  ${p.padEnd(17)} N=1024: ${fmt(benchVector(p, 1024, Math.max(1, secs / 3)))} env-steps/s\n`);
  }
}
