/** The static module graph: which files are sources, which import forms are edges, and reachability. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importEdges, moduleGraph, reachable, sourceFiles } from './module-graph.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-module-graph-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('sourceFiles', () => {
  it('lists .ts files recursively, leaving out .d.ts, other extensions and node_modules', () => {
    mkdirSync(join(root, 'src', 'sub'), { recursive: true });
    mkdirSync(join(root, 'src', 'node_modules', 'dep'), { recursive: true });
    for (const f of ['src/a.ts', 'src/sub/b.ts', 'src/types.d.ts', 'src/c.js', 'src/notes.md', 'src/node_modules/dep/index.ts']) writeFileSync(join(root, f), '');
    expect(sourceFiles(join(root, 'src')).sort()).toEqual([join(root, 'src/a.ts'), join(root, 'src/sub/b.ts')]);
    expect(sourceFiles(join(root, 'src/a.ts'))).toEqual([join(root, 'src/a.ts')]);
    expect(sourceFiles(join(root, 'src/types.d.ts'))).toEqual([]);
  });
});

describe('importEdges', () => {
  it('relative imports and re-exports, .js mapped to .ts, resolved against the file\'s folder', () => {
    const text = [
      "import { a } from './a.js';",
      "import {\n  b,\n  c,\n} from '../lib/b.js';",
      "export { d } from './d.js';",
      "export * from './e.js';",
      "import './side-effect.js';",
      "import type { T } from './types.js';",
      "import x from 'yargs';",
      "import { y } from 'node:fs';",
      "const m = await import('./dynamic.js');",
      "// import { z } from './commented.js' has no semicolon at the end",
      "  import { indented } from './indented.js';",
    ].join('\n');
    expect(importEdges('pkg/src/f.ts', text)).toEqual(['pkg/src/a.ts', 'pkg/lib/b.ts', 'pkg/src/d.ts', 'pkg/src/e.ts', 'pkg/src/side-effect.ts', 'pkg/src/types.ts']);
  });

  it('no imports, no edges', () => {
    expect(importEdges('f.ts', 'export const x = 1;\n')).toEqual([]);
  });
});

describe('moduleGraph and reachable', () => {
  it('builds the graph of the kept files and walks it from the start modules (cycles terminate)', () => {
    const g = join(root, 'g');
    mkdirSync(g, { recursive: true });
    writeFileSync(join(g, 'a.ts'), "import { b } from './b.js';\n");
    writeFileSync(join(g, 'b.ts'), "import { c } from './c.js';\nimport { a } from './a.js';\n");
    writeFileSync(join(g, 'c.ts'), 'export const c = 1;\n');
    writeFileSync(join(g, 'd.ts'), "import { c } from './c.js';\n");
    writeFileSync(join(g, 'a.test.ts'), "import { d } from './d.js';\n");
    const graph = moduleGraph([g], (f) => !f.endsWith('.test.ts'));
    expect([...graph.keys()].sort()).toEqual(['a', 'b', 'c', 'd'].map((x) => join(g, `${x}.ts`)));
    expect(graph.get(join(g, 'b.ts'))).toEqual([join(g, 'c.ts'), join(g, 'a.ts')]);
    expect([...reachable(graph, [join(g, 'a.ts')])].sort()).toEqual(['a', 'b', 'c'].map((x) => join(g, `${x}.ts`)));
    expect([...reachable(graph, [join(g, 'd.ts')])].sort()).toEqual([join(g, 'c.ts'), join(g, 'd.ts')]);
    // a module outside the graph is reached (it was asked for) but has no edges
    expect([...reachable(graph, ['elsewhere.ts'])]).toEqual(['elsewhere.ts']);
  });
});
