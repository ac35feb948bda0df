/**
 * No import cycles among the project's modules (static imports and `import type` alike; a
 * dynamic `import()` is not an edge: it is how the CLI loads a command on use). Each cycle found
 * is printed as a path a -> b -> ... -> a.
 */
import { readFileSync } from 'node:fs';
import { join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, sourceFiles } from './module-graph.js';

const ROOTS = ['agents', 'baselines', 'bench', 'calibration', 'cli', 'env', 'evals', 'kernels', 'marketdata', 'models', 'queue', 'scripts', 'studies', 'training', 'util', 'index.ts'];

const sources = sourceFiles;
const edges = importEdges;

/** Every elementary cycle reachable by DFS (one representative per back edge). */
export function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (v: string): void => {
    state.set(v, 1);
    stack.push(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (state.get(w) === 1) cycles.push([...stack.slice(stack.indexOf(w)), w]);
      else if (state.get(w) === undefined) visit(w);
    }
    stack.pop();
    state.set(v, 2);
  };
  for (const v of [...graph.keys()].sort()) if (state.get(v) === undefined) visit(v);
  return cycles;
}

describe('module graph', () => {
  it('finds a cycle where there is one', () => {
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
  });

  it('reads static, type-only and side-effect imports as edges', () => {
    const text = "import './b.js';\nimport type { X } from '../c.js';\nexport { y } from './d/e.js';\nconst m = await import('./lazy.js');\n";
    expect(edges('env/a.ts', text)).toEqual([join('env', 'b.ts'), 'c.ts', join('env', 'd', 'e.ts')]);
  });

  it('has no import cycles', () => {
    const graph = new Map<string, string[]>();
    for (const f of ROOTS.flatMap(sources)) graph.set(normalize(f), edges(f, readFileSync(f, 'utf8')));
    expect(graph.size).toBeGreaterThan(150);
    const cycles = findCycles(graph).map((c) => c.map((f) => relative('.', f)).join(' -> '));
    expect(cycles).toEqual([]);
  });
});
