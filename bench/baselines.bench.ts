/**
 * `npm run bench:baselines`: speed of the HJB solver and of batched policy evaluation.
 * Targets (issue 3): quote table Q = 25 on the default 200-step grid < 20 ms; Q = 100 with 2,000
 * steps < 1 s; batched quote look-ups >= 20 million per second. Prints figures (median of repeats
 * after warm-up), never asserts. Each figure is given as wall-clock and as this process's CPU time:
 * on a shared machine (load average printed) the CPU time is the figure comparable to the targets.
 */
import { loadavg } from 'node:os';
import { cpuUsage } from 'node:process';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { solveGueant, gueantPolicy } from '../baselines/gueant.js';
import { makeBaselinePolicy } from '../baselines/registry.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall-clock and CPU milliseconds per call. */
function timeIt(fn: () => void, repeats: number, warmup = 2): { median: number; cpu: number } {
  for (let i = 0; i < warmup; i++) fn();
  const ts: number[] = [];
  const cs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = cpuUsage();
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
    const c = cpuUsage(c0);
    cs.push((c.user + c.system) / 1000);
  }
  return { median: median(ts), cpu: median(cs) };
}

const rows: string[] = [];
const line = (label: string, value: string, target: string): void => {
  rows.push(`${label.padEnd(58)} ${value.padStart(16)}   ${target}`);
};

const small = resolveEnvConfig('default');
const t25 = timeIt(() => solveGueant(small), 20);
line('HJB quote table, Q = 25, 200 steps (wall / cpu)', `${t25.median.toFixed(1)} / ${t25.cpu.toFixed(1)} ms`, 'target < 20 ms');

const big = resolveEnvConfig('default', { maxInventory: 100, dt: 0.0005 });
const t100 = timeIt(() => solveGueant(big), 5, 1);
line('HJB quote table, Q = 100, 2,000 steps (wall / cpu)', `${t100.median.toFixed(0)} / ${t100.cpu.toFixed(0)} ms`, 'target < 1000 ms');

const cara = timeIt(() => solveGueant(small, 'cara'), 20);
line('HJB-CARA quote table, Q = 25, 200 steps (wall / cpu)', `${cara.median.toFixed(1)} / ${cara.cpu.toFixed(1)} ms`, '');

const batch = 100_000;
const obs = new Float32Array(batch * 2);
for (let r = 0; r < batch; r++) {
  obs[2 * r] = (((r * 7919) % 51) - 25) / 25;
  obs[2 * r + 1] = (r % 200) / 200;
}
for (const name of ['hjb', 'as', 'glft-asymptotic', 'fixed']) {
  const policy = name === 'hjb' ? gueantPolicy(small) : makeBaselinePolicy(name, small);
  const reps = 20;
  const t = timeIt(() => policy.act(obs, batch), reps, 3);
  const rate = (ms: number): string => ((batch / ms) * 1e-3).toFixed(1);
  line(`${name}.act, batch ${batch.toLocaleString('en')} (wall / cpu)`, `${rate(t.median)} / ${rate(t.cpu)} M rows/s`, name === 'hjb' ? 'target >= 20 M/s' : '');
}

const load = loadavg().map((x) => x.toFixed(1)).join(' ');
process.stdout.write(`mmgym baselines benchmark (node ${process.version}; load average ${load})\n\n${rows.join('\n')}\n`);
