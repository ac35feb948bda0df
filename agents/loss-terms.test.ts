/** The named loss terms: the order of the flat metrics vectors, and the record read from one. */
import { describe, expect, it } from 'vitest';
import { A2C_TERM_NAMES, A2C_TERMS, PPO_TERM_NAMES, PPO_TERMS, ppoTerms } from './losses.js';

describe('loss terms', () => {
  it('name every slot of the metrics vectors, in order', () => {
    expect(PPO_TERM_NAMES).toEqual(['policy_gradient_loss', 'value_loss', 'entropy_loss', 'approx_kl', 'clip_fraction', 'loss']);
    expect(PPO_TERM_NAMES.map((k) => PPO_TERMS[k])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(A2C_TERM_NAMES).toEqual(['policy_gradient_loss', 'value_loss', 'entropy_loss', 'loss']);
    expect(A2C_TERM_NAMES.map((k) => A2C_TERMS[k])).toEqual([0, 1, 2, 3]);
    expect(ppoTerms(Float64Array.of(1, 2, 3, 4, 5, 6))).toEqual({ policy_gradient_loss: 1, value_loss: 2, entropy_loss: 3, approx_kl: 4, clip_fraction: 5, loss: 6 });
  });
});
