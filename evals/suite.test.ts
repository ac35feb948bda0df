/**
 * The benchmark suite's per-market row: yardsticks with their exact values, a saved agent played
 * on the same seeds, and the headroom arithmetic (captured = paired diff / (V* - V_HJB)).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITE_MARKETS } from '../env/presets.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { selectBackend } from '../models/backend.js';
import { SUITE_ASSUMPTIONS, SUITE_RECIPES, SUITE_TRAINING, runSuiteMarket, suiteAgents } from './suite.js';
import { loadPolicy } from '../models/save-load.js';
import { runEpisodes } from './run-episodes.js';
import { expectedReturnByRecursion } from '../baselines/discrete-evaluation.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { writeFreshSavedPolicy } from './test-utils/fresh-saved-policy.js';

describe('benchmark suite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-suite-'));
  beforeAll(async () => {
    await selectBackend();
    await writeFreshSavedPolicy(join(dir, 'ppo-maker-fees'), resolveEnvConfig('maker-fees'), 1, 'ppo-maker-fees');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every suite market states what it breaks and how its agent is trained', () => {
    for (const m of SUITE_MARKETS) {
      expect(SUITE_ASSUMPTIONS[m], m).toBeTruthy();
      expect(SUITE_TRAINING[m]?.args, m).toContain('--seed');
    }
  });

  it('a market with an exact optimum: yardsticks, the agent, headroom captured', async () => {
    const row = await runSuiteMarket('maker-fees', { episodes: 200, seed: 5_000_000, savedModels: dir });
    expect(row.optimum).not.toBeNull();
    const opt = row.optimum!;
    expect(opt.headroomPct).toBeCloseTo(5.31, 1);
    expect(row.policies.map((p) => p.name)).toEqual(['hjb', 'hjb-fees', 'as', 'fixed (best)', 'dp-optimal', 'ppo-maker-fees']);
    const dp = row.policies.find((p) => p.name === 'dp-optimal')!;
    expect(dp.exact).toBeCloseTo(opt.value, 12);
    expect(Math.abs(dp.mean - opt.value)).toBeLessThan(4 * dp.se);
    const a = row.agents[0]!;
    expect(a.headroomCaptured!.mean).toBeCloseTo(a.diffVsHjb.mean / opt.headroom, 12);
    expect(a.pctOfOptimum).toBeCloseTo((opt.hjbValue + a.diffVsHjb.mean) / opt.value, 12);
    expect(a.diffVsHjb.lo).toBeLessThan(a.diffVsHjb.mean);
    // an untrained network is far from HJB: the paired interval is clearly below zero
    expect(a.diffVsHjb.hi).toBeLessThan(0);
    // exactly, by backward recursion over the state the agent reads: its value, captured headroom, % of V*
    const policy = await loadPolicy(join(dir, 'ppo-maker-fees'));
    const exact = expectedReturnByRecursion(resolveEnvConfig('maker-fees'), policy).value;
    policy.dispose?.();
    expect(a.exact!.value).toBe(exact);
    expect(a.exact!.headroomCaptured).toBeCloseTo((exact - opt.hjbValue) / opt.headroom, 12);
    expect(a.exact!.pctOfOptimum).toBeCloseTo(exact / opt.value, 12);
    expect(Math.abs(row.policies.find((p) => p.name === 'ppo-maker-fees')!.mean - exact)).toBeLessThan(4 * row.policies.find((p) => p.name === 'ppo-maker-fees')!.se);
    expect(row.policies.find((p) => p.name === 'as')!.exact).toBe(expectedReturnByRecursion(resolveEnvConfig('maker-fees'), makeBaselinePolicy('as', resolveEnvConfig('maker-fees'))).value);
  });

  it('every shipped suite agent loads on its market, records its command and seed, and plays', async () => {
    const shipped = SUITE_MARKETS.flatMap((m) => suiteAgents(m, 'saved-models').map((a) => [m, a.dir, a.recipe] as const));
    expect(shipped.length).toBeGreaterThan(0);
    for (const [market, d, recipe] of shipped) {
      const config = resolveEnvConfig(market);
      const policy = await loadPolicy(d, { expectedSpec: config });
      const file = JSON.parse(readFileSync(join(d, 'policy.json'), 'utf8')) as { training: { command: string; seed: number; evaluation: { meanReturn: number } } };
      expect(file.training.command, d).toContain(`--env ${market}`);
      // each agent has the seed of its entry: SUITE_TRAINING for the shipped one, SUITE_RECIPES for the others
      const entry = recipe === null ? SUITE_TRAINING[market]! : SUITE_RECIPES[market]![recipe]!;
      expect(file.training.seed, d).toBe(Number(entry.args[entry.args.indexOf('--seed') + 1]));
      const r = runEpisodes(policy, config, { episodes: 20, seed: 5_000_000 });
      expect(r.returns.every(Number.isFinite), d).toBe(true);
      policy.dispose?.();
    }
  });

  it('a market without one: the HJB policy is the yardstick and the reason is given', async () => {
    const row = await runSuiteMarket('latency', { episodes: 50, seed: 5_000_000, savedModels: dir });
    expect(row.optimum).toBeNull();
    expect(row.optimumNote).toMatch(/latencySteps 2/);
    expect(row.policies.map((p) => p.name)).toEqual(['hjb', 'as', 'fixed']);
  });
});
