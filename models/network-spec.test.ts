/**
 * The network's shape without tfjs (network-spec.ts): the flat parameter layout (actor, critic,
 * then log_std; contiguous; shapes from the widths) and validateSpec's refusals, each naming the
 * field, the rule and the value.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_NET_CONFIG, paramLayout, validateSpec, type ActorCriticSpec } from './network-spec.js';

const net = { hidden: [5, 3], activation: 'tanh' as const, logStdInit: 0, orthoInit: true };

describe('paramLayout', () => {
  it('lists actor layers, critic layers, then log_std (Gaussian), back to back', () => {
    const layout = paramLayout({ obsDim: 4, outDim: 2, distribution: 'diag-gaussian', net });
    expect(layout.map((e) => [e.name, e.shape, e.offset, e.size])).toEqual([
      ['actor/dense_0/kernel', [4, 5], 0, 20],
      ['actor/dense_0/bias', [5], 20, 5],
      ['actor/dense_1/kernel', [5, 3], 25, 15],
      ['actor/dense_1/bias', [3], 40, 3],
      ['actor/action_net/kernel', [3, 2], 43, 6],
      ['actor/action_net/bias', [2], 49, 2],
      ['critic/dense_0/kernel', [4, 5], 51, 20],
      ['critic/dense_0/bias', [5], 71, 5],
      ['critic/dense_1/kernel', [5, 3], 76, 15],
      ['critic/dense_1/bias', [3], 91, 3],
      ['critic/value_net/kernel', [3, 1], 94, 3],
      ['critic/value_net/bias', [1], 97, 1],
      ['log_std', [2], 98, 2],
    ]);
  });

  it('categorical: no log_std; the count is the sum of (in + 1) * out over the layers of both branches', () => {
    const layout = paramLayout({ obsDim: 7, outDim: 3, distribution: 'categorical', net: { ...net, hidden: [64, 64] } });
    expect(layout.some((e) => e.name === 'log_std')).toBe(false);
    const last = layout.at(-1)!;
    const total = (8 * 64 + 65 * 64 + 65 * 3) + (8 * 64 + 65 * 64 + 65 * 1);
    expect(last.offset + last.size).toBe(total);
    for (let i = 1; i < layout.length; i++) expect(layout[i]!.offset).toBe(layout[i - 1]!.offset + layout[i - 1]!.size);
    for (const e of layout) expect(e.size).toBe(e.shape.reduce((a, b) => a * b, 1));
  });

  it('the default config is SB3\'s (64x64 tanh, log-std 0, orthogonal init) and frozen', () => {
    expect(DEFAULT_NET_CONFIG).toEqual({ hidden: [64, 64], activation: 'tanh', logStdInit: 0, orthoInit: true });
    expect(Object.isFrozen(DEFAULT_NET_CONFIG)).toBe(true);
    expect(Object.isFrozen(DEFAULT_NET_CONFIG.hidden)).toBe(true);
  });
});

describe('validateSpec', () => {
  const good: ActorCriticSpec = { obsDim: 2, outDim: 1, distribution: 'diag-gaussian', net };
  const msg = (s: ActorCriticSpec): string => {
    try {
      validateSpec(s);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      return (e as Error).message;
    }
  };
  it('accepts a valid spec and the smallest shapes', () => {
    expect(msg(good)).toBe('ok');
    expect(msg({ ...good, distribution: 'categorical', outDim: 2, net: { ...net, hidden: [1], activation: 'relu' } })).toBe('ok');
  });
  it('refuses each bad field by name', () => {
    expect(msg({ ...good, obsDim: 0 })).toBe('obsDim must be an integer >= 1, got 0');
    expect(msg({ ...good, obsDim: 1.5 })).toBe('obsDim must be an integer >= 1, got 1.5');
    expect(msg({ ...good, outDim: 0 })).toBe('outDim must be an integer >= 1, got 0');
    expect(msg({ ...good, distribution: 'categorical', outDim: 1 })).toBe('outDim must be an integer >= 2, got 1');
    const multi: ActorCriticSpec = { ...good, distribution: 'multi-categorical', outDim: 5, nvec: [3, 2] };
    expect(msg(multi)).toBe('ok');
    expect(msg({ obsDim: 2, outDim: 5, distribution: 'multi-categorical', net })).toBe('nvec must list the categories of each factor for a multi-categorical distribution, got undefined');
    expect(msg({ ...multi, nvec: [4, 1] })).toBe('nvec[1] must be an integer >= 2, got 1');
    expect(msg({ ...multi, outDim: 6 })).toBe('outDim must equal sum(nvec) = 5 for a multi-categorical distribution, got 6');
    expect(msg({ ...good, distribution: 'categorical', outDim: 6, nvec: [3, 2] })).toBe("nvec is only for a multi-categorical distribution, got nvec [3,2] with 'categorical'");
    expect(msg({ ...good, net: { ...net, hidden: [] } })).toBe('net.hidden must list at least one layer width, got []');
    expect(msg({ ...good, net: { ...net, hidden: [4, 0] } })).toBe('net.hidden[1] must be an integer >= 1, got 0');
    expect(msg({ ...good, net: { ...net, activation: 'gelu' as never } })).toBe("net.activation must be 'tanh' | 'relu', got 'gelu'");
    expect(msg({ ...good, net: { ...net, logStdInit: Number.POSITIVE_INFINITY } })).toBe('net.logStdInit must be finite, got Infinity');
  });
});
