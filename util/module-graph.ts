/**
 * The project's static module graph (relative imports, `import type` and side-effect imports
 * included; a dynamic `import()` is not an edge), for the import-cycle and layering checks.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

/** Every .ts file under `p` (node_modules skipped). */
export function sourceFiles(p: string): string[] {
  if (statSync(p).isFile()) return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  return readdirSync(p).flatMap((f) => (f === 'node_modules' ? [] : sourceFiles(join(p, f))));
}

/** Static import edges of a file: relative specifiers, .js mapped back to .ts. */
export function importEdges(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:(?:import|export)\s[^;]*?\sfrom\s+|import\s+)'(\.{1,2}\/[^']+)';/gms)) {
    out.push(normalize(join(dirname(file), m[1]!.replace(/\.js$/, '.ts'))));
  }
  return out;
}

export function moduleGraph(roots: readonly string[], keep: (file: string) => boolean = () => true): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of roots.flatMap(sourceFiles)) if (keep(f)) graph.set(normalize(f), importEdges(f, readFileSync(f, 'utf8')));
  return graph;
}

/** Every module reachable from `start` (itself included). */
export function reachable(graph: Map<string, string[]>, start: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const v = stack.pop() as string;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const w of graph.get(v) ?? []) if (!seen.has(w)) stack.push(w);
  }
  return seen;
}
