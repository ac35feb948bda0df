import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ArgumentsCamelCase } from 'yargs';
import { calibrateCommand } from './calibrate.js';

describe('mmgym calibrate', () => {
  it('calibrates a sample, prints the fit and writes a preset usable as calibrated:<file>', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mmgym-calcli-')), 'btc.json');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      written.push(String(s));
      return true;
    });
    try {
      const args = { data: 'data/binance-spot-btcusdt-2024-08-08', out, dt: 0.05, horizon: 15, from: 0, to: 0.6, 'max-inventory': 25, 'maker-fee-bps': 0, 'ladder-levels': 16, json: false, _: [], $0: 'mmgym' };
      await calibrateCommand.handler(args as unknown as ArgumentsCamelCase<never>);
    } finally {
      spy.mockRestore();
    }
    const text = written.join('');
    console.log(text);
    expect(text).toMatch(/sigma .* per sqrt\(s\)/);
    expect(text).toMatch(/fills {3}A = .* k = .*Poisson MLE/);
    expect(text).toContain(`wrote   ${out}`);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; config: { dt: number; horizon: number } };
    expect(file.kind).toBe('mmgym-calibrated-env');
    expect(file.config.dt).toBe(0.05);
  });
});
