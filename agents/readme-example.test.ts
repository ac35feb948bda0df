/**
 * The README's "## Models and agents" example, executed (ARCHITECTURE habit 12): its ```ts block
 * runs against the env, baselines, models and agents barrels (what the package entry re-exports),
 * with the output directory moved to a temporary one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('README: Models and agents', () => {
  it('runs the example code', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Models and agents'));
    const match = /```ts\n([\s\S]*?)```/.exec(section);
    expect(match).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-readme-agents-'));
    try {
      const shim = join(dir, 'entry.ts');
      const href = (p: string): string => pathToFileURL(join(root, p)).href;
      writeFileSync(shim, ['env', 'baselines', 'models', 'agents'].map((f) => `export * from '${href(`${f}/index.ts`)}';`).join('\n'));
      const code = `${match![1]!.replace("from 'mmgym'", `from '${pathToFileURL(shim).href}'`).replace("'runs/readme-ppo'", JSON.stringify(join(dir, 'ppo')))}\nexport const result = { backend, clone, log, quotes, agent };\n`;
      const file = join(dir, 'example.ts');
      writeFileSync(file, code);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
        result: { backend: { name: string }; clone: { bcLoss: number }; log: Record<string, number>[]; quotes: Float32Array; agent: { numTimesteps: number } };
      };
      const r = mod.result;
      console.log('README example:', r.backend, 'bc mse', r.clone.bcLoss, 'updates', r.log.length, 'quotes', Array.from(r.quotes));
      expect(r.backend.name).toBe('wasm');
      expect(r.clone.bcLoss).toBeLessThan(0.01);
      expect(r.log).toHaveLength(4);
      expect(Number.isFinite(r.log[3]!['train/approx_kl'])).toBe(true);
      expect(r.agent.numTimesteps).toBe(2048);
      expect(r.quotes).toHaveLength(2);
      // Near the HJB quotes at q = 0, t = 0 (depth ~0.7-0.8 of maxDepth 5 -> about -0.7 normalised).
      for (const a of r.quotes) expect(a).toBeGreaterThan(-0.9), expect(a).toBeLessThan(-0.5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
