/**
 * The README's baselines example, executed (ARCHITECTURE habit 12): the ```ts block of the
 * "## Baselines" section runs against env/ and baselines/ (both re-exported by the package entry;
 * importing the barrels directly skips loading tfjs), and the figures its comments quote are checked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('README: Baselines', () => {
  it('runs the example code and its quoted figures hold', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Baselines'));
    const match = /```ts\n([\s\S]*?)```/.exec(section);
    expect(match).not.toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-readme-baselines-'));
    try {
      const shim = join(dir, 'entry.ts');
      const href = (p: string): string => pathToFileURL(join(root, p)).href;
      writeFileSync(shim, `export * from '${href('env/index.ts')}';\nexport * from '${href('baselines/index.ts')}';\n`);
      const code = `${match![1]!.replace("from 'mmgym'", `from '${pathToFileURL(shim).href}'`)}\nexport const result = { hjb, quotes, theta00, best, exact };\n`;
      const file = join(dir, 'example.ts');
      writeFileSync(file, code);
      const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as {
        result: { hjb: { name: string }; quotes: unknown[]; theta00: number; best: number; exact: number };
      };
      const r = mod.result;
      expect(r.hjb.name).toBe('hjb');
      expect(r.quotes).toHaveLength(51);
      expect(r.theta00).toBeCloseTo(66.295, 3);
      expect(r.best).toBeCloseTo(66.295, 3);
      expect(r.exact).toBeCloseTo(64.517, 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
