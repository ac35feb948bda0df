/**
 * `npm run bench:agents`: PPO / A2C throughput on the default env (rollouts + updates), wall and
 * CPU time, for the default SB3 hyperparameters and the throughput preset. Prints figures; no
 * assertions. The quality benchmark (% of HJB) is `npm run bench:train`.
 *   tsx bench/agents.bench.ts [--steps N] [--backend wasm|cpu]
 */
import { cpus, loadavg } from 'node:os';
import { A2C } from '../agents/a2c.js';
import { PPO } from '../agents/ppo.js';
import { PPO_PRESETS } from '../agents/presets.js';
import { makeVec } from '../env/registry.js';
import { selectBackend, type BackendName } from '../models/backend.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const steps = Number(arg('steps') ?? 65536);
const backend = await selectBackend(arg('backend') as BackendName | undefined);
console.log(`backend ${backend.name} (${backend.reason}); ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const cases: { name: string; make: () => PPO | A2C; steps: number }[] = [
  { name: 'PPO, SB3 defaults (nSteps 2048, batch 64, 10 epochs), 8 envs', make: () => new PPO(makeVec('as2008', { numEnvs: 8 }), { seed: 1 }), steps },
  { name: 'PPO, SB3 defaults, 1 env', make: () => new PPO(makeVec('as2008', { numEnvs: 1 }), { seed: 1 }), steps: Math.max(2048, steps / 4) },
  {
    name: `PPO, throughput preset (${PPO_PRESETS.throughput.description})`,
    make: () => new PPO(makeVec('as2008', { numEnvs: PPO_PRESETS.throughput.numEnvs }), { ...PPO_PRESETS.throughput.config, seed: 1 }),
    steps: steps * 4,
  },
  {
    name: `PPO, as-default preset (16 envs x 256, batch 256, 10 epochs)`,
    make: () => new PPO(makeVec('as2008', { numEnvs: 16 }), { ...PPO_PRESETS['as-default'].config, seed: 1 }),
    steps,
  },
  { name: 'A2C, SB3 defaults (nSteps 5), 16 envs', make: () => new A2C(makeVec('as2008', { numEnvs: 16 }), { seed: 1 }), steps: steps * 2 },
];

for (const c of cases) {
  const agent = c.make();
  await agent.learn({ totalTimesteps: Math.min(4096, c.steps) }); // warm-up (JIT, wasm)
  let rollout = 0;
  let train = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await agent.learn({
    totalTimesteps: c.steps,
    callbacks: {
      onUpdate: (m) => {
        rollout += m['time/rollout_seconds']!;
        train += m['time/train_seconds']!;
      },
    },
  });
  const wall = (performance.now() - t0) / 1000;
  const cu = process.cpuUsage(cpu0);
  const cpu = (cu.user + cu.system) / 1e6;
  const n = agent.numTimesteps;
  console.log(
    `${c.name}\n  ${n} steps: ${(n / wall).toFixed(0)} steps/s wall (${wall.toFixed(2)} s; rollouts ${rollout.toFixed(2)} s, updates ${train.toFixed(2)} s), ${(n / cpu).toFixed(0)} steps per CPU-second`,
  );
  agent.dispose();
}
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
