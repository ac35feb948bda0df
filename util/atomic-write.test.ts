import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeJsonAtomic } from './atomic-write.js';

describe('atomic writes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmgym-atomic-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes text and bytes, replacing an existing file, leaving no temp file', () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new text é');
    expect(readFileSync(path, 'utf8')).toBe('new text é');
    writeFileAtomic(path, Uint8Array.from([1, 2, 3]));
    expect(Array.from(readFileSync(path))).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });

  it('creates the parent directory; JSON is 2-space indented with a trailing newline', () => {
    const path = join(dir, 'sub', 'deeper', 'x.json');
    writeJsonAtomic(path, { a: 1, b: [2] });
    expect(readFileSync(path, 'utf8')).toBe('{\n  "a": 1,\n  "b": [\n    2\n  ]\n}\n');
  });

  it('a failed write leaves the old file and no temp file', () => {
    const path = join(dir, 'keep.json');
    writeJsonAtomic(path, { v: 1 });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => writeJsonAtomic(path, cyclic)).toThrow();
    // renaming onto a directory fails after the temp file was written
    const target = join(dir, 'adir');
    writeJsonAtomic(join(target, 'inner.json'), 1);
    expect(() => writeFileAtomic(target, 'x')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('{\n  "v": 1\n}\n');
    expect(readdirSync(dir).sort()).toEqual(['adir', 'keep.json']);
  });

  it('writes through a symlink (the link stays a link), keeps the file mode, and names a symlink loop', () => {
    const real = join(dir, 'real.json');
    writeFileSync(real, 'old', { mode: 0o600 });
    chmodSync(real, 0o600);
    const link = join(dir, 'link.json');
    symlinkSync(real, link);
    writeFileAtomic(link, 'new');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(statSync(real).mode & 0o777).toBe(0o600);
    symlinkSync(join(dir, 'b'), join(dir, 'a'));
    symlinkSync(join(dir, 'a'), join(dir, 'b'));
    expect(() => writeFileAtomic(join(dir, 'a'), 'x')).toThrow(/cannot write .*a: symbolic link loop/);
  });
});
