import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docPath, readDoc, readmeBlock } from './readme-blocks.js';

/** GitHub's heading anchors of a markdown text (headings outside code fences; repeats get -1, -2, ...). */
function anchors(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  let fence = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const m = fence ? null : /^#+ (.*)$/.exec(line);
    if (m === null) continue;
    const slug = m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replaceAll(' ', '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    out.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return out;
}

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

describe('README.md and docs/', () => {
  const pages = ['README.md', ...readdirSync(docPath('docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

  it('README links to every docs page', () => {
    const readme = readDoc('README.md');
    for (const page of pages.slice(1)) expect(readme, page).toContain(`](${page})`);
  });

  it('every relative link points to a file that exists, and every #anchor to a heading of it', () => {
    for (const page of pages) {
      const text = readDoc(page).replace(/```[\s\S]*?```/g, '');
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target!)) continue; // https:, mailto:
        const [path, anchor] = target!.split('#') as [string, string | undefined];
        const file = path === '' ? page : normalize(join(dirname(page), path));
        expect(existsSync(docPath(file)), `${page}: ${target}`).toBe(true);
        if (anchor !== undefined) expect(anchors(readDoc(file)).has(anchor), `${page}: ${target}`).toBe(true);
      }
    }
  });
});
