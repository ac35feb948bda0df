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
    expect(text).toMatch(/sigma .* on a 0\.05-s grid/);
    expect(text).toMatch(/range {3}depths \[0\.0000, 0\.7000\) = 70\.0 ticks, 141 depths; \d+ of the \d+ orders reaching the mid inside, \d+ beyond/);
    expect(text).toMatch(/deviance\/dof [\d.]+ \([\d.]+ on 138\), .*AIC [\d.]+/);
    expect(text).toMatch(/power law A = .* alpha = .* delta0 = .* k_eff = alpha\/delta0/);
    expect(text).toMatch(/choice {2}AIC exponential [\d.]+, power law [\d.]+ .*power-law preferred; preset uses exponential/);
    expect(text).toMatch(/full range \[0, .*former fit.*deviance\/dof/);
    expect(text).toMatch(/sides {3}bid: A = .* k = .*\n {8}ask: A = /);
    expect(text).toMatch(/symmetry: LR [\d.]+ on 2 dof, p = /);
    expect(text).toContain(`wrote   ${out}`);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { kind: string; config: { dt: number; horizon: number } };
    expect(file.kind).toBe('mmgym-calibrated-env');
    expect(file.config.dt).toBe(0.05);
  });

  it('--json prints the whole calibration with the range, both fits, the choice and the symmetry test', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'mmgym-calcli-')), 'amzn.json');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      written.push(String(s));
      return true;
    });
    try {
      const args = { data: 'data/lobster-amzn-2012-06-21-l1', out, dt: 1, horizon: 300, from: 0, to: 0.6, 'max-inventory': 25, 'maker-fee-bps': 0, 'ladder-levels': 16, 'reach-quantile': 0.99, 'max-ticks': 70, 'intensity-model': 'auto', json: true, _: [], $0: 'mmgym' };
      await calibrateCommand.handler(args as unknown as ArgumentsCamelCase<never>);
    } finally {
      spy.mockRestore();
    }
    const j = JSON.parse(written.join('')) as {
      volatility: { primary: { gridSeconds: number } };
      intensity: { range: { to: number; ordersInside: number; ordersBeyond: number }; powerLaw: { alpha: number }; choice: { criterion: string; used: string; preferred: string }; symmetry: { pValue: number; dof: number }; fullRange: { fit: { deviance: number } }; bidOnly: { k: number } };
      config: { arrivals: { kind: string } };
    };
    expect(j.volatility.primary.gridSeconds).toBe(1);
    expect(j.intensity.range.to).toBeGreaterThan(0);
    expect(j.intensity.range.ordersInside).toBeGreaterThan(j.intensity.range.ordersBeyond);
    expect(j.intensity.powerLaw.alpha).toBeGreaterThan(0);
    expect(j.intensity.choice.criterion).toBe('AIC');
    expect(j.intensity.choice.used).toBe(j.intensity.choice.preferred);
    expect(j.config.arrivals.kind).toBe(j.intensity.choice.used);
    expect(j.intensity.symmetry.dof).toBe(2);
    expect(j.intensity.fullRange.fit.deviance).toBeGreaterThan(0);
    expect(j.intensity.bidOnly.k).toBeGreaterThan(0);
  });
});
