/**
 * The trajectory figures' data on hand-made batches and maps (rendering of real runs is in
 * figures.test.ts): the sample path's quotes, fills, inventory and PnL marked to the mid; the
 * inventory quantile bands; the policy map's cells and its first-minus-other differences.
 */
import { describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../../env/resolve-config.js';
import type { PolicyMap } from '../policy-map.js';
import type { EpisodeBatch } from '../run-episodes.js';
import { inventoryOverTimeFigure, policyMapFigure, samplePathFigure } from './path-figures.js';
import { renderSvg } from './render.js';

const config = resolveEnvConfig('default', { horizon: 0.2 });
const T = 3;

/** Two episodes of T steps; episode 1 stops after 2 steps. */
function batch(name: string, full = true): EpisodeBatch {
  const f = (xs: number[]): Float64Array => Float64Array.from(xs);
  const tr = {
    steps: T,
    episodes: 2,
    // per state: episode * (T + 1) + t
    mid: f([100, 101, 99, 100, 100, 102, 103, 0]),
    inventory: f([0, 1, 1, 0, 0, -1, -2, 0]),
    cash: f([10, -89.5, -89.5, 10.5, 0, 102.5, 205, 0]),
    // per step: episode * T + t
    bid: f([100 - 0.5, 101 - 0.5, 99 - 0.5, 99.5, 101.5, 0]),
    ask: f([100.5, Number.NaN, 99.5, 100.5, 102.5, 0]),
    bidFill: f([1, 0, 0, 0, 0, 0]),
    askFill: f([0, 0, 1, 1, 1, 0]),
    fees: f([0, 0, 0, 0, 0, 0]),
    reward: f([0, 0, 0, 0, 0, 0]),
  };
  return {
    policyName: name,
    config,
    seed: 0,
    episodes: 2,
    returns: f([0, 0]),
    pnl: f([0, 0]),
    terminalInventory: f([0, -2]),
    bidFills: f([1, 0]),
    askFills: f([1, 2]),
    fees: f([0, 0]),
    lengths: Int32Array.from([3, 2]),
    ...(full ? { trajectories: tr } : {}),
  };
}

const valuesOf = (spec: unknown): Record<string, unknown>[] => (spec as { data: { values: Record<string, unknown>[] } }).data.values;

describe('samplePathFigure', () => {
  it('episode 0: one row per state t = 0..len, quotes of the step starting there, fills at the quoted price, PnL marked to the mid from 0', () => {
    const rows = valuesOf(samplePathFigure([batch('a')]).spec);
    const dt = config.dt;
    expect(rows).toEqual([
      { policy: 'a', time: 0, mid: 100, bid: 99.5, ask: 100.5, bought: 99.5, sold: null, inventory: 0, pnl: 0 },
      { policy: 'a', time: dt, mid: 101, bid: 100.5, ask: null, bought: null, sold: null, inventory: 1, pnl: -89.5 + 101 - 10 },
      { policy: 'a', time: 2 * dt, mid: 99, bid: 98.5, ask: 99.5, bought: null, sold: 99.5, inventory: 1, pnl: -89.5 + 99 - 10 },
      // the terminal state has no quote
      { policy: 'a', time: 3 * dt, mid: 100, bid: null, ask: null, bought: null, sold: null, inventory: 0, pnl: 0.5 },
    ]);
  });

  it('a shorter episode stops at its length; every policy gets a column, titled by its name', () => {
    const f = samplePathFigure([batch('a'), batch('b')], 1);
    const rows = valuesOf(f.spec);
    expect(rows).toHaveLength(2 * 3);
    const a = rows.filter((r) => r.policy === 'a');
    expect(a.map((r) => r.inventory)).toEqual([0, -1, -2]);
    expect(a.map((r) => r.sold)).toEqual([100.5, 102.5, null]);
    expect(a.map((r) => r.pnl)).toEqual([0, 102.5 - 102, 205 - 2 * 103]);
    const spec = f.spec as unknown as { hconcat: { title: string }[]; title: { text: string } };
    expect(spec.hconcat.map((c) => c.title)).toEqual(['a', 'b']);
    expect(spec.title.text).toBe('Sample path, episode 1: quotes and fills, inventory, cumulative PnL');
    expect(f.name).toBe('sample-path');
  });

  it('refuses a batch played without full trajectories, naming the policy', () => {
    expect(() => samplePathFigure([batch('summary-only', false)])).toThrow("figure needs 'summary-only' played with record: 'full'");
    expect(() => inventoryOverTimeFigure([batch('x', false)])).toThrow("figure needs 'x' played with record: 'full'");
  });

  it('renders', async () => {
    const { svg } = await renderSvg(samplePathFigure([batch('a')]).spec);
    expect(svg).toContain('PnL (to mid)');
  });
});

describe('inventoryOverTimeFigure', () => {
  it('quantiles across episodes at each time, per policy', () => {
    const rows = valuesOf(inventoryOverTimeFigure([batch('a')]).spec);
    expect(rows).toHaveLength(T + 1);
    // t = 1: inventories 1 and -1 -> median 0, the 5% and 95% quantiles between them
    const r1 = rows[1] as { time: number; q05: number; q25: number; q50: number; q95: number };
    expect(r1.time).toBe(config.dt);
    expect(r1.q50).toBeCloseTo(0, 12);
    expect(r1.q05).toBeLessThan(r1.q25);
    expect(r1.q05).toBeGreaterThanOrEqual(-1);
    expect(r1.q95).toBeLessThanOrEqual(1);
    expect(rows[0]).toMatchObject({ q05: 0, q50: 0, q95: 0 });
  });
});

describe('policyMapFigure', () => {
  const map = (policy: string, bid: number[], ask: number[]): PolicyMap => ({ policy, times: [0, 0.5], inventories: [-1, 0, 1], bidDepth: Float64Array.from(bid), askDepth: Float64Array.from(ask) });
  const A = map('a', [1, 2, 3, 4, 5, Number.NaN], [6, 5, 4, 3, 2, 1]);
  const B = map('b', [0.5, 2, 2, Number.NaN, 5, 1], [6, 6, 6, 6, 6, 6]);

  it('one cell per (time, inventory, side), sized to its neighbours; unquoted sides null; a colour domain up to the deepest quote', () => {
    const spec = policyMapFigure([A], 'second').spec as unknown as { hconcat: { data: { values: Record<string, unknown>[] }; spec: { encoding: { color: { scale: { domain: number[] } }; x: { title: string } } } }[] };
    expect(spec.hconcat).toHaveLength(1);
    const rows = spec.hconcat[0]?.data.values ?? [];
    expect(rows).toHaveLength(2 * 3 * 2);
    expect(rows[0]).toEqual({ policy: 'a', side: 'bid depth', time: 0, time2: 0.5 + 0.04 * 0.5, inventory: -1, inventoryLo: -1.52, inventoryHi: -0.48, depth: 1 });
    expect(rows[1]).toMatchObject({ side: 'ask depth', inventory: -1, depth: 6 });
    // the last time column extends by the last step
    expect(rows.at(-1)).toMatchObject({ time: 0.5, time2: 1 + 0.04 * 0.5, inventory: 1, side: 'ask depth', depth: 1 });
    expect(rows.at(-2)).toMatchObject({ side: 'bid depth', depth: null });
    expect(spec.hconcat[0]?.spec.encoding.color.scale.domain).toEqual([0, 6]);
    expect(spec.hconcat[0]?.spec.encoding.x.title).toBe('time (seconds)');
  });

  it('the difference panel is first minus other, null where either side is not quoted, on a symmetric scale', () => {
    const spec = policyMapFigure([A, B]).spec as unknown as { hconcat: { data: { values: { policy: string; side: string; depth: number | null }[] }; spec: { encoding: { color: { scale: { domain: number[]; domainMid: number } } } } }[] };
    expect(spec.hconcat).toHaveLength(2);
    const diff = spec.hconcat[1]?.data.values ?? [];
    expect(new Set(diff.map((r) => r.policy))).toEqual(new Set(['a - b']));
    expect(diff.filter((r) => r.side === 'bid depth').map((r) => r.depth)).toEqual([0.5, 0, 1, null, 0, null]);
    expect(diff.filter((r) => r.side === 'ask depth').map((r) => r.depth)).toEqual([0, -1, -2, -3, -4, -5]);
    expect(spec.hconcat[1]?.spec.encoding.color.scale).toMatchObject({ domain: [-5, 5], domainMid: 0 });
  });

  it('renders', async () => {
    const { svg } = await renderSvg(policyMapFigure([A, B]).spec);
    expect(svg).toContain('depth difference');
  });
});
