/**
 * The tfjs LayersModel form of the actor-critic (layers-model.ts): the parameter-to-layer-weight
 * names, a built model computing what the network computes, a serialise/deserialise round trip
 * bit for bit (log-std slot included), and each refusal naming the weight or the file.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActorCritic, type ActorCriticSpec } from './actor-critic.js';
import { selectBackend } from './backend.js';
import { buildLayersModel, deserializeLayersModel, layerWeightName, serializeLayersModel } from './layers-model.js';

beforeAll(async () => {
  await selectBackend('wasm');
});

const spec = (hidden: number[], distribution: ActorCriticSpec['distribution'] = 'diag-gaussian'): ActorCriticSpec => ({
  obsDim: 3,
  outDim: 2,
  distribution,
  net: { hidden, activation: 'tanh', logStdInit: -0.7, orthoInit: true },
});

describe('layerWeightName', () => {
  it('maps branch/layer/kind to branch_layer/kind; log_std has no layer', () => {
    expect(layerWeightName('actor/dense_0/kernel')).toBe('actor_dense_0/kernel');
    expect(layerWeightName('critic/value_net/bias')).toBe('critic_value_net/bias');
    expect(layerWeightName('actor/action_net/kernel')).toBe('actor_action_net/kernel');
    expect(layerWeightName('log_std')).toBeNull();
  });
});

describe('buildLayersModel', () => {
  it('outputs the Gaussian mean and the value the network predicts', () => {
    const ac = ActorCritic.create(spec([5, 4]), { seed: 3 });
    // a non-trivial head (SB3's init scales it by 0.01)
    ac.view('actor/action_net/kernel').forEach((_, i, v) => (v[i] = 0.3 * Math.sin(i + 1)));
    ac.markDirty();
    const obs = Float32Array.from([0.5, -1, 2, -0.3, 0.1, 0.7]);
    const model = buildLayersModel(ac);
    expect(model.inputs[0]!.name).toMatch(/^obs/);
    expect(model.outputNames).toEqual(['actor_action_net', 'critic_value_net']);
    const [mu, v] = model.predict(tf.tensor2d(obs, [2, 3])) as tf.Tensor[];
    const m = mu!.dataSync();
    const val = v!.dataSync();
    const want = ac.predict(obs, 2);
    for (let r = 0; r < 2; r++) {
      expect(m[2 * r]).toBeCloseTo(want[3 * r]!, 5);
      expect(m[2 * r + 1]).toBeCloseTo(want[3 * r + 1]!, 5);
      expect(val[r]).toBeCloseTo(want[3 * r + 2]!, 5);
    }
    tf.dispose([mu!, v!]);
    model.dispose();
    ac.dispose();
  });
});

describe('serializeLayersModel / deserializeLayersModel', () => {
  it('round-trips every parameter bit for bit (Gaussian with its log-std, categorical without)', async () => {
    for (const dist of ['diag-gaussian', 'categorical'] as const) {
      const s = spec([4], dist);
      const ac = ActorCritic.create(s, { seed: 11 });
      const { modelJson, weights } = await serializeLayersModel(ac);
      const mj = JSON.parse(modelJson);
      expect(mj.format).toBe('layers-model');
      expect(mj.weightsManifest[0].paths).toEqual(['./weights.bin']);
      const logStd = dist === 'diag-gaussian' ? Array.from(ac.view('log_std')) : null;
      expect(weights.byteLength).toBe(4 * (ac.numParams - (logStd?.length ?? 0)));
      const back = await deserializeLayersModel(s, mj, weights, logStd);
      expect(Array.from(back.params)).toEqual(Array.from(ac.params));
      back.dispose();
      ac.dispose();
    }
  });

  it('refuses a missing topology, truncated weights, a bad log-std, a wrong shape and non-finite weights', async () => {
    const ac = ActorCritic.create(spec([4]), { seed: 1 });
    const logStd = Array.from(ac.view('log_std'));
    const { modelJson, weights } = await serializeLayersModel(ac);
    const mj = JSON.parse(modelJson);
    await expect(deserializeLayersModel(spec([4]), { weightsManifest: mj.weightsManifest }, weights, logStd)).rejects.toThrow('model.json has no modelTopology or no weightsManifest');
    await expect(deserializeLayersModel(spec([4]), { modelTopology: mj.modelTopology }, weights, logStd)).rejects.toThrow('model.json has no modelTopology or no weightsManifest');
    await expect(deserializeLayersModel(spec([4]), mj, weights.subarray(0, weights.length - 4), logStd)).rejects.toThrow(
      `weights.bin has ${weights.length - 4} bytes, model.json's manifest needs ${weights.length} (truncated or from another model)`,
    );
    await expect(deserializeLayersModel(spec([4]), mj, weights, [0])).rejects.toThrow('policy.json network.logStd must hold 2 finite numbers, got [0]');
    await expect(deserializeLayersModel(spec([4]), mj, weights, [0, Number.NaN])).rejects.toThrow(/network\.logStd must hold 2 finite numbers/);
    await expect(deserializeLayersModel(spec([4]), mj, weights, null)).rejects.toThrow(/got null/);
    await expect(deserializeLayersModel(spec([6]), mj, weights, logStd)).rejects.toThrow("weight 'actor_dense_0/kernel' has shape [3, 4], policy.json's network needs [3, 6]");
    const bad = weights.slice();
    new Float32Array(bad.buffer, bad.byteOffset, bad.byteLength / 4)[0] = Number.NaN;
    await expect(deserializeLayersModel(spec([4]), mj, bad, logStd)).rejects.toThrow(/weight '\w+\/\w+' holds non-finite values \(corrupt weights\.bin\)/);
    ac.dispose();
  });
});
