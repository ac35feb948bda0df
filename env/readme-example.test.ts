/**
 * The README's environment example, executed (ARCHITECTURE habit 12): the ```ts block of the
 * "## The environment" section runs against env/index.ts (re-exported by the package entry).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('README: The environment', () => {
  it('runs the example code', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The environment'));
    const match = /```ts\n([\s\S]*?)```/.exec(section);
    expect(match).not.toBeNull();
    // the env barrel, which the package entry re-exports (skips loading tfjs for this test)
    const entry = pathToFileURL(join(root, 'env', 'index.ts')).href;
    const code = `${match![1]!.replace("from 'mmgym'", `from '${entry}'`)}\nexport const result = { reward, terminated, truncated, info, r, observation };\n`;
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-readme-'));
    try {
      const file = join(dir, 'example.ts');
      writeFileSync(file, code);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { result: { reward: number; r: { rewards: Float64Array } } };
      expect(Number.isFinite(mod.result.reward)).toBe(true);
      expect(mod.result.r.rewards).toHaveLength(1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
