/** CSV files from lines in one temp folder per test file, removed after it: `const file = csvFiles('mmgym-l1-')`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export function csvFiles(prefix: string): (lines: string[]) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  return (lines: string[]): string => {
    const p = join(dir, `f${n++}.csv`);
    writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
}
