/**
 * `mmgym sweep` as a library function: expand the grid (or its stratified sample), skip points
 * already in the experiments CSV, evaluate the rest on worker threads, append rows in order;
 * then pick the best point on the validation segment and report it out of sample (held-out
 * time range for data-driven envs, fresh seeds for simulated ones), clone it to other envs, and
 * draw the sweep figures.
 */
import { dirname, join, resolve } from 'node:path';
import type { EnvOverrides } from '../../env/config.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { configNames, formatSig, sharpeDrawdownFigure, sweepBoxPlotFigure, sweepHeatmapFigure } from '../figures/sweep-figures.js';
import { renderFigure, type Figure } from '../figures/render.js';
import { reportHtml } from '../report/html.js';
import { cartesianGrid, gridAxes, stratifiedSample, type GridPoint } from './grid.js';
import { runTasks } from './pool.js';
import { runOnQueue } from '../../queue/run-on-queue.js';
import { ExperimentsCsv, type CsvValue } from './experiments-csv.js';
import { METRIC_COLUMNS, readSweepConfig, type SweepConfig } from './sweep-config.js';
import { setPath, taskKey, type MetricRow, type SweepTask } from './task.js';

/** Where the tasks run when not on this machine's worker threads: BullMQ jobs on Redis (queue/). */
export interface SweepQueue {
  /** redis://host:port[/db] */
  url: string;
  /** Queue name (workers take jobs from the same name). @defaultValue mmgym */
  name?: string;
  /** Enqueue none of the grid's tasks: gather the results of a submission whose submitter stopped. */
  collect?: boolean;
}

/** Seed offset of the out-of-sample segment of simulated envs (disjoint from validation seeds). */
export const OUT_OF_SAMPLE_SEED_OFFSET = 1_000_000;

export interface SweepOptions {
  configPath: string;
  workers: number;
  /** Figures directory (default: next to the experiments CSV, `<name>-figures`); null = no figures. */
  figuresDir?: string | null | undefined;
  log?: (message: string) => void;
  signal?: AbortSignal;
  /** Run the tasks as jobs on a queue instead of on `workers` threads (the CSV is the same file). */
  queue?: SweepQueue;
}

/** The best point of a group on validation, re-evaluated out of sample and on the cloneTo envs. */
export interface Selection {
  group: GridPoint;
  best: Record<string, CsvValue>;
  outOfSample: Record<string, CsvValue> | null;
  clones: Record<string, CsvValue>[];
}

export interface SweepResult {
  config: SweepConfig;
  csvPath: string;
  points: number;
  skipped: number;
  evaluated: number;
  /** One per `select.groupBy` group (a single one without groupBy). */
  selections: Selection[];
  files: string[];
}

function segmentEnv(envId: string, range: [number, number] | null): string {
  if (range === null) return envId;
  return envId.replaceAll('{from}', String(range[0])).replaceAll('{to}', String(range[1]));
}

export function makeTask(config: SweepConfig, point: GridPoint, segment: string, opts: { envId?: string; range: [number, number] | null; seed: number }): SweepTask {
  const overrides = structuredClone(config.envOverrides) as Record<string, unknown>;
  const policyParams: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(point)) {
    if (k.startsWith('env.')) setPath(overrides, k.slice(4), v);
    else if (k.startsWith('policy.')) policyParams[k.slice(7)] = v;
  }
  const baseEnv = opts.envId ?? (typeof point.env === 'string' ? point.env : config.env);
  return {
    sweep: config.name,
    segment,
    envId: segmentEnv(baseEnv, opts.range),
    overrides: overrides as EnvOverrides,
    policy: String(point.policy),
    policyParams,
    point,
    episodes: config.episodes,
    seed: opts.seed,
    reference: config.reference,
  };
}

/** A report line per selection: the best point by name, its metric on validation, out of sample and on the clones (4 significant digits). */
export function selectionLine(sel: Selection, name: string, metric: string): string {
  const group = Object.entries(sel.group).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const clones = sel.clones.map((c) => `${String(c.segment).replace(/^clone:/, '')} ${formatSig(c[metric])}`);
  return `${group ? `[${group}] ` : ''}best on validation by ${metric}: ${name} (${metric} ${formatSig(sel.best[metric])}); out of sample: ${formatSig(sel.outOfSample?.[metric])}${clones.length > 0 ? `; cloned to ${clones.join(', ')}` : ''}`;
}

export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const log = options.log ?? (() => undefined);
  const config = readSweepConfig(options.configPath);
  const csvPath = resolve(dirname(options.configPath), config.experiments);
  const axes = gridAxes(config.policies, config.grid);
  const points = config.sample !== undefined ? stratifiedSample(axes, config.sample.size, config.sample.seed) : cartesianGrid(axes);
  const split = config.split;
  const validationRange: [number, number] | null = split ? [split.train, split.train + split.validation] : null;
  const testRange: [number, number] | null = split ? [split.train + split.validation, 1] : null;
  const testSeed = split ? config.seed : config.seed + OUT_OF_SAMPLE_SEED_OFFSET;

  const gridKeys = Object.keys(config.grid);
  // The env id and the policy have their own columns; the other grid axes get one column each.
  const paramKeys = gridKeys.filter((k) => k !== 'policy' && k !== 'env');
  const columns = ['key', 'sweep', 'segment', 'env', 'policy', ...paramKeys, 'episodes', 'seed', ...METRIC_COLUMNS];
  const csv = new ExperimentsCsv(csvPath, columns);
  if (csv.skipped.length > 0) {
    log(`sweep ${config.name}: ${csv.skipped.length} malformed row(s) in ${csvPath} skipped and to be re-run: ${csv.skipped.map((x) => `line ${x.line} (${x.why})`).join('; ')}`);
  }

  const describePoint = (p: GridPoint): string => Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(', ');
  const keyed = points.map((p) => {
    const task = makeTask(config, p, 'validation', { range: validationRange, seed: config.seed });
    try {
      return { task, key: taskKey(task) };
    } catch (err) {
      throw new Error(`sweep point {${describePoint(p)}}: ${(err as Error).message}`);
    }
  });
  const pending = keyed.filter((k) => !csv.has(k.key));
  log(`sweep ${config.name}: ${points.length} points, ${points.length - pending.length} already in ${csvPath}, ${pending.length} to run ${options.queue !== undefined ? `as jobs on ${options.queue.url}` : `on ${options.workers} worker(s)`}`);

  // The tasks run on worker threads here, or as queue jobs keyed by the task key; either way the
  // results come back in task order.
  const execute = async (items: readonly { task: SweepTask; key: string }[], onResult: (i: number, m: MetricRow) => void, stage: 'grid' | 'follow-up'): Promise<void> => {
    const q = options.queue;
    if (q === undefined) {
      await runTasks(items.map((x) => x.task), { workers: options.workers, onResult, ...(options.signal !== undefined ? { signal: options.signal } : {}) });
      return;
    }
    await runOnQueue<MetricRow>(
      items.map((x) => ({ id: `sweep-${x.key}`, kind: 'sweep-task', payload: x.task, label: `${x.task.segment}: ${describePoint(x.task.point)}` })),
      {
        url: q.url,
        ...(q.name !== undefined ? { name: q.name } : {}),
        collect: stage === 'grid' && q.collect === true,
        onResult,
        log,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      },
    );
  };
  const rowOf = (t: SweepTask, key: string, m: MetricRow): Record<string, CsvValue> => ({
    key,
    sweep: t.sweep,
    segment: t.segment,
    env: t.envId,
    policy: t.policy,
    ...Object.fromEntries(paramKeys.map((k) => [k, t.point[k] ?? null])),
    episodes: t.episodes,
    seed: t.seed,
    ...m,
  });
  let done = 0;
  const t0 = performance.now();
  await execute(
    pending,
    (i, m) => {
      const p = pending[i] as (typeof pending)[number];
      csv.append(rowOf(p.task, p.key, m));
      done++;
      log(`  [${done}/${pending.length}] ${describePoint(p.task.point)}: mean return ${m.mean_return?.toFixed(3)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    },
    'grid',
  );

  const records = csv.records();
  const byKey = new Map(records.map((r) => [r.key as string, r]));
  const validationRows = keyed.map((k) => byKey.get(k.key)).filter((r): r is Record<string, CsvValue> => r !== undefined);

  const selections: Selection[] = [];
  if (config.select !== undefined && validationRows.length === keyed.length) {
    const { metric, maximize } = config.select;
    const groupBy = config.select.groupBy ?? [];
    const groups = new Map<string, typeof keyed>();
    for (const k of keyed) {
      const g = JSON.stringify(groupBy.map((a) => k.task.point[a] ?? null));
      groups.set(g, [...(groups.get(g) ?? []), k]);
    }
    const plans: { group: GridPoint; best: Record<string, CsvValue>; extra: { task: SweepTask; key: string }[] }[] = [];
    for (const members of groups.values()) {
      let bestMember: (typeof keyed)[number] | undefined;
      let bestValue = Number.NaN;
      for (const k of members) {
        const v = byKey.get(k.key)?.[metric];
        if (typeof v !== 'number') continue;
        if (bestMember === undefined || (maximize ? v > bestValue : v < bestValue)) {
          bestMember = k;
          bestValue = v;
        }
      }
      if (bestMember === undefined) continue;
      const point = bestMember.task.point;
      const extra = [
        makeTask(config, point, 'test', { range: testRange, seed: testSeed }),
        ...config.cloneTo.map((env) => makeTask(config, point, `clone:${env}`, { envId: env, range: testRange, seed: testSeed })),
      ].map((task) => ({ task, key: taskKey(task) }));
      const group: GridPoint = {};
      for (const a of groupBy) if (point[a] !== undefined) group[a] = point[a];
      plans.push({ group, best: byKey.get(bestMember.key) as Record<string, CsvValue>, extra });
    }
    const todo = plans.flatMap((p) => p.extra).filter((e, i, all) => !csv.has(e.key) && all.findIndex((x) => x.key === e.key) === i);
    await execute(
      todo,
      (i, m) => {
        const e = todo[i] as (typeof todo)[number];
        csv.append(rowOf(e.task, e.key, m));
      },
      'follow-up',
    );
    const after = new Map(csv.records().map((r) => [r.key as string, r]));
    for (const p of plans) {
      selections.push({
        group: p.group,
        best: p.best,
        outOfSample: after.get(p.extra[0]?.key as string) ?? null,
        clones: p.extra.slice(1).map((e) => after.get(e.key)).filter((r): r is Record<string, CsvValue> => r !== undefined),
      });
    }
  }

  const files: string[] = [];
  if (options.figuresDir !== null && validationRows.length > 0) {
    const dir = options.figuresDir ?? join(dirname(csvPath), `${config.name}-figures`);
    const metric = config.figures?.metric ?? 'mean_return';
    const axesForFigures = ['policy', ...gridKeys];
    const x = config.figures?.x ?? gridKeys[0] ?? 'policy';
    const y = config.figures?.y ?? gridKeys[1] ?? (x === 'policy' ? undefined : 'policy');
    const figures: Figure[] = [];
    if (y !== undefined && x !== y) figures.push(sweepHeatmapFigure(validationRows, x, y, metric));
    figures.push(sweepBoxPlotFigure(validationRows, axesForFigures, metric));
    figures.push(sharpeDrawdownFigure(validationRows, gridKeys[0] ?? 'policy', axesForFigures));
    const rendered = [];
    for (const f of figures) {
      const r = await renderFigure(f);
      const png = join(dir, `${f.name}.png`);
      writeFileAtomic(png, r.png);
      files.push(png);
      rendered.push(r);
    }
    // Points are named by their grid values (as in the figures), never by the CSV's hash key.
    const names = configNames(validationRows, axesForFigures, ['policy']);
    const nameOf = new Map(validationRows.map((r, i) => [String(r.key), names[i] ?? String(r.key)]));
    const details = [
      `experiments: ${csvPath} (${validationRows.length} validation rows of this sweep)`,
      ...selections.map((sel) => selectionLine(sel, nameOf.get(String(sel.best.key)) ?? String(sel.best.policy), config.select?.metric ?? 'mean_return')),
    ];
    const html = join(dir, 'report.html');
    writeFileAtomic(html, reportHtml({ title: `mmgym sweep ${config.name}`, details }, null, rendered));
    files.push(html);
  }
  return { config, csvPath, points: points.length, skipped: points.length - pending.length, evaluated: done, selections, files };
}
