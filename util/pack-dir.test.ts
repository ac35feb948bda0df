import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packDir, unpackDir } from './pack-dir.js';

describe('packDir / unpackDir', () => {
  const src = mkdtempSync(join(tmpdir(), 'mmgym-pack-'));
  mkdirSync(join(src, 'best'));
  mkdirSync(join(src, 'checkpoints'));
  writeFileSync(join(src, 'best', 'weights.bin'), Buffer.from([0, 1, 2, 255]));
  writeFileSync(join(src, 'run.json'), '{"a":1}');
  writeFileSync(join(src, 'checkpoints', 'big'), 'x');

  it('round-trips files byte for byte, skipping excluded top-level entries', () => {
    const files = packDir(src, ['checkpoints']);
    expect(files.map((f) => f.path)).toEqual(['best/weights.bin', 'run.json']);
    const dst = mkdtempSync(join(tmpdir(), 'mmgym-unpack-'));
    unpackDir(dst, JSON.parse(JSON.stringify(files)));
    expect([...readFileSync(join(dst, 'best', 'weights.bin'))]).toEqual([0, 1, 2, 255]);
    expect(readFileSync(join(dst, 'run.json'), 'utf8')).toBe('{"a":1}');
  });

  it('refuses altered content and paths outside the target', () => {
    const files = packDir(src, ['checkpoints']);
    const dst = mkdtempSync(join(tmpdir(), 'mmgym-unpack-'));
    expect(() => unpackDir(dst, [{ ...files[1]!, base64: Buffer.from('{"a":2}').toString('base64') }])).toThrow(/run.json: content does not match its sha256/);
    expect(() => unpackDir(dst, [{ ...files[1]!, path: '../evil' }])).toThrow(/outside .*refused/);
  });
});
