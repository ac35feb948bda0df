/**
 * writeDirAtomic (atomic-dir.ts) on real directories: the files land complete (text and bytes),
 * missing parents are made, an existing directory is replaced as a whole (its other files gone),
 * a bad file name is refused before anything is moved, and no temporary sibling is left behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDirAtomic } from './atomic-dir.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-atomic-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeDirAtomic', () => {
  it('writes the files into a new directory (parents made), leaving no temporary sibling', async () => {
    const dir = join(root, 'a', 'b', 'pol');
    await writeDirAtomic(dir, { 'x.json': '{"a":1}', 'w.bin': Uint8Array.from([0, 255, 7]) });
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('{"a":1}');
    expect(Array.from(readFileSync(join(dir, 'w.bin')))).toEqual([0, 255, 7]);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['pol']);
  });

  it('replaces an existing directory as a whole', async () => {
    const dir = join(root, 'replace');
    mkdirSync(dir);
    writeFileSync(join(dir, 'old.txt'), 'old');
    writeFileSync(join(dir, 'x.json'), 'old x');
    await writeDirAtomic(dir, { 'x.json': 'new x' });
    expect(readdirSync(dir)).toEqual(['x.json']);
    expect(readFileSync(join(dir, 'x.json'), 'utf8')).toBe('new x');
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a name with a path separator or a leading dot; the existing directory stays intact and no temp dir is left', async () => {
    const dir = join(root, 'keep');
    await writeDirAtomic(dir, { 'a.txt': 'A' });
    for (const name of ['../evil', 'sub/x', 'sub\\x', '.hidden']) {
      await expect(writeDirAtomic(dir, { 'ok.txt': 'fine', [name]: 'x' })).rejects.toThrow(`writeDirAtomic: bad file name '${name}'`);
    }
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('A');
    expect(readdirSync(root).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(join(root, 'evil'))).toBe(false);
  });

  it('an empty file set makes an empty directory', async () => {
    const dir = join(root, 'empty');
    await writeDirAtomic(dir, {});
    expect(readdirSync(dir)).toEqual([]);
  });
});
