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

  it('marketdata/ imports only marketdata/ and util/; only cli/ imports cli/', () => {
    const bad = [...graph].flatMap(([f, to]) => to.filter((t) => (top(f) === 'marketdata' && !['marketdata', 'util'].includes(top(t))) || (top(t) === 'cli' && top(f) !== 'cli')).map((t) => `${f} -> ${t}`));
    expect(bad).toEqual([]);
    expect(graph.has(normalize('marketdata/tape/market-tape.ts'))).toBe(true);
  });
});
