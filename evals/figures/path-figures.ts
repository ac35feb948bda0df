/**
 * Figures of trajectories: one sample path (mid, quotes, fills) per policy on the same seed,
 * inventory quantile bands over time, and the policy map (quoted depth over (time, inventory)).
 */
import type { TopLevelSpec } from 'vega-lite';
import { inventoryQuantilesOverTime } from '../metrics/inventory.js';
import type { EpisodeBatch } from '../run-episodes.js';
import type { PolicyMap } from '../policy-map.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function full(b: EpisodeBatch): NonNullable<EpisodeBatch['trajectories']> {
  if (b.trajectories === undefined) throw new Error(`figure needs '${b.policyName}' played with record: 'full'`);
  return b.trajectories;
}

/** Mid, bid and ask over episode `episode`, fills as points; one panel per policy (same seed, same mid). */
export function samplePathFigure(batches: readonly EpisodeBatch[], episode = 0): Figure {
  const values: Record<string, number | string | null>[] = [];
  for (const b of batches) {
    const tr = full(b);
    const T = tr.steps;
    const len = b.lengths[episode] as number;
    const dt = b.config.dt;
    for (let t = 0; t < len; t++) {
      const p = episode * T + t;
      const bid = tr.bid[p] as number;
      const ask = tr.ask[p] as number;
      values.push({
        policy: b.policyName,
        time: t * dt,
        mid: tr.mid[episode * (T + 1) + t] as number,
        bid: Number.isFinite(bid) ? bid : null,
        ask: Number.isFinite(ask) ? ask : null,
        bought: (tr.bidFill[p] as number) > 0 ? bid : null,
        sold: (tr.askFill[p] as number) > 0 ? ask : null,
      });
    }
  }
  const spec = {
    $schema: SCHEMA,
    title: `Sample path, episode ${episode} (same seed for every policy)`,
    data: { values },
    facet: { row: { field: 'policy', type: 'nominal', title: null, sort: batches.map((b) => b.policyName) } },
    spec: {
      width: 560,
      height: 170,
      layer: [
        {
          transform: [{ fold: ['mid', 'bid', 'ask'], as: ['series', 'price'] }],
          mark: { type: 'line', strokeWidth: 1 },
          encoding: {
            x: { field: 'time', type: 'quantitative', title: 'time' },
            y: { field: 'price', type: 'quantitative', scale: { zero: false }, title: 'price' },
            color: { field: 'series', type: 'nominal', scale: { domain: ['mid', 'bid', 'ask', 'bought', 'sold'], range: ['#333', '#2ca02c', '#d62728', '#2ca02c', '#d62728'] } },
          },
        },
        ...(['bought', 'sold'] as const).map((side) => ({
          transform: [{ filter: `datum.${side} !== null` }, { calculate: `'${side}'`, as: 'series' }],
          mark: { type: 'point', filled: true, size: 40, shape: side === 'bought' ? 'triangle-up' : 'triangle-down' },
          encoding: {
            x: { field: 'time', type: 'quantitative' },
            y: { field: side, type: 'quantitative' },
            color: { field: 'series', type: 'nominal' },
          },
        })),
      ],
    },
  } as TopLevelSpec;
  return { name: 'sample-path', title: 'Sample paths: mid, quotes and fills', spec };
}

/** Inventory quantile bands (5-95%, 25-75%) and median across episodes over time, per policy. */
export function inventoryOverTimeFigure(batches: readonly EpisodeBatch[]): Figure {
  const probs = [0.05, 0.25, 0.5, 0.75, 0.95];
  const values: Record<string, number | string>[] = [];
  for (const b of batches) {
    const tr = full(b);
    const rows = inventoryQuantilesOverTime(tr.inventory, tr.episodes, tr.steps, probs);
    rows.forEach((r, t) => {
      values.push({ policy: b.policyName, time: t * b.config.dt, q05: r[0] as number, q25: r[1] as number, q50: r[2] as number, q75: r[3] as number, q95: r[4] as number });
    });
  }
  const spec = {
    $schema: SCHEMA,
    title: 'Inventory across episodes over time (median, 25-75% and 5-95% bands)',
    data: { values },
    facet: { column: { field: 'policy', type: 'nominal', title: null, sort: batches.map((b) => b.policyName) } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x: { field: 'time', type: 'quantitative' }, y: { field: 'q05', type: 'quantitative', title: 'inventory' }, y2: { field: 'q95' } } },
        { mark: { type: 'area', opacity: 0.4 }, encoding: { x: { field: 'time', type: 'quantitative' }, y: { field: 'q25', type: 'quantitative' }, y2: { field: 'q75' } } },
        { mark: { type: 'line', color: 'black' }, encoding: { x: { field: 'time', type: 'quantitative' }, y: { field: 'q50', type: 'quantitative' } } },
      ],
    },
  } as TopLevelSpec;
  return { name: 'inventory-over-time', title: 'Inventory distribution over time', spec };
}

/**
 * Policy map: quoted bid/ask depth as a heat map over (time, inventory), one panel per policy and
 * side, then the difference (first map - second map) on a diverging scale.
 */
export function policyMapFigure(maps: readonly PolicyMap[]): Figure {
  const depthRows = maps.flatMap((m) => policyMapRows(m, m.policy));
  const panels: unknown[] = [
    {
      data: { values: depthRows },
      facet: {
        row: { field: 'side', type: 'nominal', title: null, sort: ['bid depth', 'ask depth'] },
        column: { field: 'policy', type: 'nominal', title: null, sort: maps.map((m) => m.policy) },
      },
      spec: heatSpec('depth', { scheme: 'viridis' }),
    },
  ];
  const [a, b] = maps;
  if (a !== undefined && b !== undefined) {
    const diff = policyMapRows(a, `${a.policy} - ${b.policy}`).map((r, i) => {
      const other = policyMapRows(b, b.policy)[i];
      const d = r.depth !== null && other?.depth != null ? r.depth - other.depth : null;
      return { ...r, depth: d };
    });
    panels.push({
      data: { values: diff },
      facet: { row: { field: 'side', type: 'nominal', title: null, sort: ['bid depth', 'ask depth'] }, column: { field: 'policy', type: 'nominal', title: null } },
      spec: heatSpec('depth', { scheme: 'redblue', domainMid: 0 }, 'depth difference'),
    });
  }
  const spec = {
    $schema: SCHEMA,
    title: 'Policy map: quoted depth over (time, inventory); blank = side not quoted',
    hconcat: panels,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
  return { name: 'policy-map', title: 'Policy map', spec };
}

function policyMapRows(m: PolicyMap, label: string): { policy: string; side: string; time: number; inventory: number; depth: number | null }[] {
  const rows: { policy: string; side: string; time: number; inventory: number; depth: number | null }[] = [];
  m.times.forEach((time, i) => {
    m.inventories.forEach((inventory, k) => {
      const idx = i * m.inventories.length + k;
      const bid = m.bidDepth[idx] as number;
      const ask = m.askDepth[idx] as number;
      rows.push({ policy: label, side: 'bid depth', time, inventory, depth: Number.isFinite(bid) ? bid : null });
      rows.push({ policy: label, side: 'ask depth', time, inventory, depth: Number.isFinite(ask) ? ask : null });
    });
  });
  return rows;
}

function heatSpec(field: string, scale: Record<string, unknown>, title = 'depth'): unknown {
  return {
    width: 220,
    height: 160,
    transform: [{ filter: `datum.${field} !== null` }],
    mark: 'rect',
    encoding: {
      x: { field: 'time', type: 'ordinal', title: 'time', axis: { labelExpr: "format(datum.value, '.3~g')", labelOverlap: true } },
      y: { field: 'inventory', type: 'ordinal', sort: 'descending', title: 'inventory', axis: { labelOverlap: true } },
      color: { field, type: 'quantitative', scale, title },
    },
  };
}
