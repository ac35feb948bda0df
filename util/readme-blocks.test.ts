import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeBlock } from './readme-blocks.js';

describe('readmeBlock', () => {
  it('takes the first block of the language after the marker; errors name the marker', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-readme-blocks-'));
    try {
      const file = join(dir, 'R.md');
      writeFileSync(file, '# T\n```ts\nconst a = 0;\n```\n## Part\ntext\n```sh\nls\n```\n```ts\nconst b = 1;\n```\n');
      expect(readmeBlock('## Part', { file })).toBe('const b = 1;\n');
      expect(readmeBlock('## Part', { file, lang: 'sh' })).toBe('ls\n');
      expect(readmeBlock('# T', { file })).toBe('const a = 0;\n');
      expect(() => readmeBlock('## Missing', { file })).toThrow(/"## Missing" not found/);
      expect(() => readmeBlock('## Part', { file, lang: 'py' })).toThrow(/no ```py block after "## Part"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
