/**
 * The layering the README states, checked on the module graph (sources only, tests and test-utils
 * left out): evals/ has a measuring core — episodes on common random numbers (run-episodes.ts),
 * metrics/, stats/ and the comparison (compare.ts) — that sits below training/ (the training
 * driver evaluates with it); the rest of evals/ (reports, sweeps, the suite, the dashboard) sits
 * above training/. marketdata/ imports only itself and util/; nothing but cli/ imports cli/.
 */
import { normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleGraph, reachable } from './module-graph.js';

const ROOTS = ['agents', 'baselines', 'calibration', 'cli', 'env', 'evals', 'marketdata', 'models', 'queue', 'studies', 'training', 'util', 'index.ts'];
const graph = moduleGraph(ROOTS, (f) => !f.endsWith('.test.ts') && !f.includes('test-utils'));
const top = (f: string): string => f.split(/[\\/]/)[0] as string;
const isEvalsCore = (f: string): boolean => /^evals[\\/](run-episodes\.ts|compare\.ts|stats[\\/]|metrics[\\/])/.test(f);

describe('layering', () => {
  it("training/ imports of evals/ go only to evals' measuring core", () => {
    const bad = [...graph].flatMap(([f, to]) => (top(f) === 'training' ? to.filter((t) => top(t) === 'evals' && !isEvalsCore(t)).map((t) => `${f} -> ${t}`) : []));
    expect(bad).toEqual([]);
  });

  it("evals' measuring core reaches nothing of agents/, training/, studies/, queue/ or cli/", () => {
    const core = [...graph.keys()].filter(isEvalsCore);
    expect(core.length).toBeGreaterThan(10);
    const above = [...reachable(graph, core)].filter((f) => ['agents', 'training', 'studies', 'queue', 'cli'].includes(top(f)));
    expect(above).toEqual([]);
  });

  it('every part imports only the parts before it in the README order (two stated exceptions)', () => {
    const ORDER: Record<string, number> = { util: 0, marketdata: 1, env: 2, calibration: 2, baselines: 3, models: 4, agents: 5, training: 7, studies: 9, queue: 10, cli: 11, 'index.ts': 12 };
    const rank = (f: string): number => (top(f) === 'evals' ? (isEvalsCore(f) ? 6 : 8) : (ORDER[top(f)] ?? 99));
    // the bad-input fuzzer (util/fuzz*.ts) drives the whole package; the queue's submitter
    // (queue/run-on-queue.ts, which imports only util/ and queue/ basics) is used by training and sweeps
    const exception = (f: string, t: string): boolean => /^util[\\/]fuzz/.test(f) || /^queue[\\/](run-on-queue|connect|job-kind)/.test(t);
    const bad = [...graph].flatMap(([f, to]) => to.filter((t) => rank(t) > rank(f) && !exception(f, t)).map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
  });

  it('marketdata/ imports only marketdata/ and util/; only cli/ imports cli/', () => {
    const bad = [...graph].flatMap(([f, to]) => to.filter((t) => (top(f) === 'marketdata' && !['marketdata', 'util'].includes(top(t))) || (top(t) === 'cli' && top(f) !== 'cli')).map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
    expect(graph.has(normalize('marketdata/tape/market-tape.ts'))).toBe(true);
  });
});
