/**
 * GLFT (2013) asymptotic quotes: delta_b = d0 + (2q+1)/2 omega, delta_a = d0 - (2q-1)/2 omega, in
 * the paper's closed form for xi = gamma (CARA), the bound sides not quoted, and the policy.
 */
import { describe, expect, it } from 'vitest';
import { actionToDepths } from '../env/action-map.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { defaultVariant, glftAsymptoticPolicy, glftAsymptoticQuote, glftAsymptoticQuotes } from './glft-asymptotic.js';
import type { HjbModel } from './hjb-model.js';

// glft2013 market: A 0.9, k 0.3, gamma 0.01, sigma 0.3, Q 30, CARA (xi = gamma, phi = gamma sigma^2/2)
const [A, k, gamma, sigma] = [0.9, 0.3, 0.01, 0.3];
const cara: HjbModel = { A, k, gamma, xi: gamma, phi: (gamma * sigma * sigma) / 2, alpha: 0, maxInventory: 30, horizon: 600 };
const glftBid = (q: number): number => (1 / gamma) * Math.log(1 + gamma / k) + ((2 * q + 1) / 2) * Math.sqrt(((sigma * sigma * gamma) / (2 * k * A)) * Math.pow(1 + gamma / k, 1 + k / gamma));
const glftAsk = (q: number): number => (1 / gamma) * Math.log(1 + gamma / k) - ((2 * q - 1) / 2) * Math.sqrt(((sigma * sigma * gamma) / (2 * k * A)) * Math.pow(1 + gamma / k, 1 + k / gamma));

describe('glftAsymptoticQuote(s)', () => {
  it('equal GLFT 2013\'s closed form for the CARA model', () => {
    for (const q of [-29, -3, 0, 1, 17, 29]) {
      const row = glftAsymptoticQuote(cara, q);
      expect(row.q).toBe(q);
      expect(row.bid!).toBeCloseTo(glftBid(q), 12);
      expect(row.ask!).toBeCloseTo(glftAsk(q), 12);
    }
  });
  it('one row per q in [-Q, Q], the bid null at Q, the ask null at -Q, symmetric: bid(q) = ask(-q)', () => {
    const rows = glftAsymptoticQuotes(cara);
    expect(rows.map((r) => r.q)).toEqual(Array.from({ length: 61 }, (_, i) => i - 30));
    expect(rows[60]!.bid).toBeNull();
    expect(rows[0]!.ask).toBeNull();
    for (let q = -29; q <= 29; q++) expect(rows[q + 30]!.bid!).toBeCloseTo(rows[-q + 30]!.ask!, 12);
    // bid(q+1) - bid(q) = omega
    expect(rows[31]!.bid! - rows[30]!.bid!).toBeCloseTo(glftBid(1) - glftBid(0), 12);
  });
  it('validates the model', () => {
    expect(() => glftAsymptoticQuotes({ ...cara, k: 0 })).toThrow('k must be > 0, got 0');
  });
});

describe('glftAsymptoticPolicy', () => {
  it('defaultVariant: cara for a CARA reward, else running-penalty', () => {
    expect(defaultVariant(resolveEnvConfig('default', { reward: { kind: 'cara' } }))).toBe('cara');
    expect(defaultVariant(resolveEnvConfig('default'))).toBe('running-penalty');
    expect(defaultVariant(resolveEnvConfig('default', { reward: { kind: 'pnl' } }))).toBe('running-penalty');
  });
  it('acts the asymptotic quotes, time-independent (the side at the bound is not compared: the env does not quote it)', () => {
    const config = resolveEnvConfig('glft2013', { action: { mode: 'depths', maxDepth: 1000 } });
    const pol = glftAsymptoticPolicy(config, { variant: 'cara' });
    const qs = [-30, -5, 0, 12, 30];
    const obs = Float32Array.from(qs.flatMap((q, i) => [q / 30, i / 5]));
    const a = pol.act(obs, qs.length);
    const out = new Float64Array(2);
    qs.forEach((q, i) => {
      actionToDepths(config.action, a, 2 * i, out, 0);
      const row = glftAsymptoticQuote(cara, q);
      if (row.bid !== null) expect(out[0]).toBeCloseTo(Math.max(0, row.bid), 3);
      if (row.ask !== null) expect(out[1]).toBeCloseTo(Math.max(0, row.ask), 3);
    });
    expect(pol.name).toBe('glft-asymptotic');
    // the running-penalty variant uses xi = 0: half-spread 1/k at q = 0 plus omega/2
    const rp = glftAsymptoticPolicy(resolveEnvConfig('default', { action: { mode: 'depths', maxDepth: 1000 } }));
    const d = new Float64Array(2);
    actionToDepths({ mode: 'depths', maxDepth: 1000 }, rp.act(Float32Array.from([0, 0]), 1), 0, d, 0);
    const omega = Math.sqrt(((0.1 * 4) / 2) * Math.E / (1.5 * 140));
    expect(d[0]).toBeCloseTo(1 / 1.5 + omega / 2, 5);
  });
});
