/**
 * Figures of trajectories: one sample path (quotes and fills, inventory, cumulative PnL) per
 * policy on the same seed, inventory quantile bands over time, and the policy map (quoted depth
 * over (time, inventory)) with the maps' differences.
 */
import type { TopLevelSpec } from 'vega-lite';
import { timeUnitOf } from '../../env/config.js';
import { inventoryQuantilesOverTime } from '../metrics/inventory.js';
import type { EpisodeBatch } from '../run-episodes.js';
import type { PolicyMap } from '../policy-map.js';
import type { Figure } from './render.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function full(b: EpisodeBatch): NonNullable<EpisodeBatch['trajectories']> {
  if (b.trajectories === undefined) throw new Error(`figure needs '${b.policyName}' played with record: 'full'`);
  return b.trajectories;
}

/**
 * One sample path per policy (episode `episode`, the same seed, so the same mid for every policy):
 * three panels sharing the time axis — quotes around the mid with the fills marked (a buy at the
 * bid, a sale at the ask), inventory, and the cumulative PnL marked to the mid
 * (cash_t + q_t S_t - cash_0 - q_0 S_0) — one column per policy.
 */
export function samplePathFigure(batches: readonly EpisodeBatch[], episode = 0): Figure {
  const values: Record<string, number | string | null>[] = [];
  let unit = 'time unit';
  for (const b of batches) {
    const tr = full(b);
    const T = tr.steps;
    const len = b.lengths[episode] as number;
    const dt = b.config.dt;
    unit = timeUnitOf(b.config).name;
    const s0 = episode * (T + 1);
    const start = (tr.cash[s0] as number) + (tr.inventory[s0] as number) * (tr.mid[s0] as number);
    for (let t = 0; t <= len; t++) {
      const p = episode * T + Math.min(t, len - 1);
      const st = s0 + t;
      const quoted = t < len;
      const bid = quoted ? (tr.bid[p] as number) : Number.NaN;
      const ask = quoted ? (tr.ask[p] as number) : Number.NaN;
      values.push({
        policy: b.policyName,
        time: t * dt,
        mid: tr.mid[st] as number,
        bid: Number.isFinite(bid) ? bid : null,
        ask: Number.isFinite(ask) ? ask : null,
        bought: quoted && (tr.bidFill[p] as number) > 0 ? bid : null,
        sold: quoted && (tr.askFill[p] as number) > 0 ? ask : null,
        inventory: tr.inventory[st] as number,
        pnl: (tr.cash[st] as number) + (tr.inventory[st] as number) * (tr.mid[st] as number) - start,
      });
    }
  }
  const x = { field: 'time', type: 'quantitative', title: `time (${unit}s)`, axis: { format: '.3~g' } };
  const column = (policy: string): unknown => ({
    title: policy,
    transform: [{ filter: { field: 'policy', equal: policy } }],
    vconcat: [
      {
        width: 300,
        height: 150,
        layer: [
          {
            transform: [{ fold: ['mid', 'bid', 'ask'], as: ['series', 'price'] }],
            mark: { type: 'line', strokeWidth: 1, interpolate: 'step-after' },
            encoding: {
              x: { ...x, title: null },
              y: { field: 'price', type: 'quantitative', scale: { zero: false }, title: 'price', axis: { format: '.4~g' } },
              color: { field: 'series', type: 'nominal', title: null, scale: { domain: ['mid', 'bid', 'ask', 'bought', 'sold'], range: ['#333', '#2ca02c', '#d62728', '#2ca02c', '#d62728'] } },
            },
          },
          ...(['bought', 'sold'] as const).map((side) => ({
            transform: [{ filter: `datum.${side} !== null` }, { calculate: `'${side}'`, as: 'series' }],
            mark: { type: 'point', filled: true, size: 90, stroke: 'black', strokeWidth: 0.5, shape: side === 'bought' ? 'triangle-up' : 'triangle-down' },
            encoding: { x: { field: 'time', type: 'quantitative' }, y: { field: side, type: 'quantitative' }, color: { field: 'series', type: 'nominal' } },
          })),
        ],
      },
      {
        width: 300,
        height: 80,
        mark: { type: 'line', interpolate: 'step-after', color: '#4c78a8' },
        encoding: { x: { ...x, title: null }, y: { field: 'inventory', type: 'quantitative', title: 'inventory', axis: { tickCount: 4, tickMinStep: 1, format: '~d' } } },
      },
      {
        width: 300,
        height: 100,
        layer: [
          { mark: { type: 'rule', color: '#999', strokeDash: [3, 3] }, encoding: { y: { datum: 0 } } },
          { mark: { type: 'line', color: '#f58518', strokeWidth: 1.5 }, encoding: { x, y: { field: 'pnl', type: 'quantitative', title: 'PnL (to mid)', axis: { format: '.3~g' } } } },
        ],
      },
    ],
  });
  const spec = {
    $schema: SCHEMA,
    title: { text: `Sample path, episode ${episode}: quotes and fills, inventory, cumulative PnL`, subtitle: 'same seed for every policy (the same mid path); triangles: a buy at the bid (up), a sale at the ask (down)' },
    data: { values },
    hconcat: batches.map((b) => column(b.policyName)),
    spacing: 30,
  } as TopLevelSpec;
  return { name: 'sample-path', title: 'Sample paths: quotes and fills, inventory and cumulative PnL', spec };
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
  const unit = batches[0] === undefined ? 'time unit' : timeUnitOf(batches[0].config).name;
  const x = { field: 'time', type: 'quantitative', title: `time (${unit}s)`, axis: { format: '.3~g' } };
  const spec = {
    $schema: SCHEMA,
    title: 'Inventory across episodes over time (median, 25-75% and 5-95% bands)',
    data: { values },
    facet: { column: { field: 'policy', type: 'nominal', title: null, sort: batches.map((b) => b.policyName) } },
    spec: {
      width: 260,
      height: 200,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'q05', type: 'quantitative', title: 'inventory (units)' }, y2: { field: 'q95' } } },
        { mark: { type: 'area', opacity: 0.4 }, encoding: { x, y: { field: 'q25', type: 'quantitative' }, y2: { field: 'q75' } } },
        { mark: { type: 'line', color: 'black' }, encoding: { x, y: { field: 'q50', type: 'quantitative' } } },
      ],
    },
  } as TopLevelSpec;
  return { name: 'inventory-over-time', title: 'Inventory distribution over time', spec };
}

/**
 * Policy map: quoted bid/ask depth (price units) over (time, inventory), one panel per policy and
 * side on one continuous colour scale; then each later map's difference from the first
 * (first - other) on a diverging scale centred on 0. Cells are drawn as rectangles on
 * quantitative axes, so there is no banding between cells. Blank = side not quoted (it would take
 * |q| past the bound).
 */
export function policyMapFigure(maps: readonly PolicyMap[], unit = 'time unit'): Figure {
  const depthRows = maps.flatMap((m) => policyMapRows(m, m.policy));
  const maxDepth = Math.max(...depthRows.map((r) => r.depth ?? 0), 1e-9);
  const sides = ['bid depth', 'ask depth'];
  const panels: unknown[] = [
    {
      data: { values: depthRows },
      facet: {
        row: { field: 'side', type: 'nominal', title: null, sort: sides },
        column: { field: 'policy', type: 'nominal', title: null, sort: maps.map((m) => m.policy) },
      },
      spec: heatSpec({ scheme: 'viridis', domain: [0, maxDepth] }, 'depth (price units)', unit),
    },
  ];
  const [a, ...others] = maps;
  if (a !== undefined && others.length > 0) {
    const base = policyMapRows(a, a.policy);
    const diff = others.flatMap((b) => {
      const other = policyMapRows(b, b.policy);
      return base.map((r, i) => {
        const o = other[i];
        return { ...r, policy: `${a.policy} - ${b.policy}`, depth: r.depth !== null && o?.depth != null ? r.depth - o.depth : null };
      });
    });
    const maxAbs = Math.max(...diff.map((r) => Math.abs(r.depth ?? 0)), 1e-9);
    panels.push({
      data: { values: diff },
      facet: { row: { field: 'side', type: 'nominal', title: null, sort: sides }, column: { field: 'policy', type: 'nominal', title: null } },
      spec: heatSpec({ scheme: 'redblue', domain: [-maxAbs, maxAbs], domainMid: 0 }, 'depth difference (price units)', unit),
    });
  }
  const spec = {
    $schema: SCHEMA,
    title: { text: 'Policy map: quoted depth over (time, inventory)', subtitle: 'depth = distance of the quote from the mid, price units; blank = side not quoted' },
    hconcat: panels,
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
  return { name: 'policy-map', title: 'Policy map', spec };
}

interface MapRow {
  policy: string;
  side: string;
  time: number;
  time2: number;
  inventory: number;
  inventoryLo: number;
  inventoryHi: number;
  depth: number | null;
}

function policyMapRows(m: PolicyMap, label: string): MapRow[] {
  const rows: MapRow[] = [];
  const step = m.inventories.length > 1 ? (m.inventories[1] as number) - (m.inventories[0] as number) : 1;
  const lastDt = m.times.length > 1 ? (m.times.at(-1) as number) - (m.times.at(-2) as number) : 1;
  m.times.forEach((time, i) => {
    const time2 = (m.times[i + 1] as number | undefined) ?? time + lastDt;
    m.inventories.forEach((inventory, k) => {
      const idx = i * m.inventories.length + k;
      const bid = m.bidDepth[idx] as number;
      const ask = m.askDepth[idx] as number;
      // Cells overlap their neighbours by 4% so that no anti-aliasing seam shows between them.
      const cell = { policy: label, time, time2: time2 + 0.04 * (time2 - time), inventory, inventoryLo: inventory - 0.52 * step, inventoryHi: inventory + 0.52 * step };
      rows.push({ ...cell, side: 'bid depth', depth: Number.isFinite(bid) ? bid : null });
      rows.push({ ...cell, side: 'ask depth', depth: Number.isFinite(ask) ? ask : null });
    });
  });
  return rows;
}

function heatSpec(scale: Record<string, unknown>, title: string, unit: string): unknown {
  return {
    width: 220,
    height: 160,
    transform: [{ filter: 'datum.depth !== null' }],
    mark: { type: 'rect', strokeWidth: 0 },
    encoding: {
      x: { field: 'time', type: 'quantitative', title: `time (${unit}s)`, scale: { nice: false, zero: false }, axis: { format: '.3~g' } },
      x2: { field: 'time2' },
      y: { field: 'inventoryLo', type: 'quantitative', title: 'inventory (units)', scale: { nice: false, zero: false }, axis: { format: '~d' } },
      y2: { field: 'inventoryHi' },
      color: { field: 'depth', type: 'quantitative', scale, title, legend: { format: '.3~g', titleLimit: 400, titleOrient: 'left', titleAngle: -90, titleAnchor: 'middle' } },
      tooltip: [{ field: 'policy' }, { field: 'side' }, { field: 'time', format: '.3~g' }, { field: 'inventory' }, { field: 'depth', format: '.3~g' }],
    },
  };
}
