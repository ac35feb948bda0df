/**
 * The actor-critic as a standard tfjs LayersModel (one input `obs`, outputs `actor_action_net`
 * and `critic_value_net`), serialised to model.json + weights.bin with an in-memory IO handler
 * (`tf.io.withSaveHandler` / `tf.io.fromMemory`), so it needs no tfjs-node file system handler
 * and the files load in any tfjs runtime with `tf.loadLayersModel`.
 */
import * as tf from '@tensorflow/tfjs';
import { ActorCritic, type ActorCriticSpec } from './actor-critic.js';

/** Layer-weight name (`actor_dense_0/kernel`) of a parameter (`actor/dense_0/kernel`); null for log_std. */
export function layerWeightName(param: string): string | null {
  if (param === 'log_std') return null;
  const [branch, layer, kind] = param.split('/');
  return `${branch}_${layer}/${kind}`;
}

export function buildLayersModel(ac: ActorCritic): tf.LayersModel {
  const { obsDim, outDim, net } = ac.spec;
  const input = tf.input({ shape: [obsDim], name: 'obs' });
  const branch = (prefix: 'actor' | 'critic', head: string, out: number): tf.SymbolicTensor => {
    let h: tf.SymbolicTensor = input;
    net.hidden.forEach((units, i) => {
      h = tf.layers.dense({ units, activation: net.activation, name: `${prefix}_dense_${i}`, kernelInitializer: 'zeros' }).apply(h) as tf.SymbolicTensor;
    });
    return tf.layers.dense({ units: out, name: `${prefix}_${head}`, kernelInitializer: 'zeros' }).apply(h) as tf.SymbolicTensor;
  };
  const model = tf.model({ inputs: input, outputs: [branch('actor', 'action_net', outDim), branch('critic', 'value_net', 1)], name: 'actor_critic' });
  const byName = new Map(ac.layout.map((e) => [layerWeightName(e.name), e]));
  const values = model.weights.map((w) => {
    const e = byName.get(w.originalName);
    if (e === undefined) throw new Error(`buildLayersModel: no parameter for layer weight ${w.originalName}`);
    return tf.tensor(ac.params.subarray(e.offset, e.offset + e.size), e.shape as number[]);
  });
  model.setWeights(values);
  for (const v of values) v.dispose();
  return model;
}

/** model.json (weights manifest pointing at weights.bin) and the weights' bytes. */
export async function serializeLayersModel(ac: ActorCritic): Promise<{ modelJson: string; weights: Uint8Array }> {
  const model = buildLayersModel(ac);
  try {
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const a = artifacts as tf.io.ModelArtifacts | null;
    if (a === null || a.weightData === undefined || a.weightSpecs === undefined) throw new Error('serializeLayersModel: tfjs produced no weights');
    const weightData = tf.io.CompositeArrayBuffer.join(a.weightData);
    const modelJson = {
      modelTopology: a.modelTopology,
      format: a.format ?? 'layers-model',
      generatedBy: a.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      weightsManifest: [{ paths: ['./weights.bin'], weights: a.weightSpecs }],
    };
    return { modelJson: JSON.stringify(modelJson), weights: new Uint8Array(weightData) };
  } finally {
    model.dispose();
  }
}

/**
 * Rebuild the parameters of `spec` from model.json + weights.bin; throws with the weight's name on
 * any missing weight or wrong shape. `logStd` is written into the log_std slot (Gaussian).
 */
export async function deserializeLayersModel(spec: ActorCriticSpec, modelJson: unknown, weights: Uint8Array, logStd: number[] | null): Promise<ActorCritic> {
  const mj = modelJson as { modelTopology?: unknown; weightsManifest?: { weights?: tf.io.WeightsManifestEntry[] }[] };
  const specs = mj.weightsManifest?.flatMap((g) => g.weights ?? []) ?? [];
  if (mj.modelTopology === undefined || specs.length === 0) throw new Error('model.json has no modelTopology or no weightsManifest');
  const expectedBytes = specs.reduce((s, w) => s + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
  if (weights.byteLength !== expectedBytes) {
    throw new Error(`weights.bin has ${weights.byteLength} bytes, model.json's manifest needs ${expectedBytes} (truncated or from another model)`);
  }
  const buffer = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: mj.modelTopology as tf.io.ModelJSON['modelTopology'], weightSpecs: specs, weightData: buffer }));
  try {
    const ac = new ActorCritic(spec);
    const got = new Map(model.weights.map((w) => [w.originalName, w]));
    for (const e of ac.layout) {
      const name = layerWeightName(e.name);
      if (name === null) {
        if (logStd === null || logStd.length !== e.size || !logStd.every(Number.isFinite)) {
          throw new Error(`policy.json network.logStd must hold ${e.size} finite numbers, got ${JSON.stringify(logStd)}`);
        }
        ac.params.set(logStd, e.offset);
        continue;
      }
      const w = got.get(name);
      if (w === undefined) throw new Error(`model.json has no weight '${name}' (the network described in policy.json needs it)`);
      if (w.shape.length !== e.shape.length || w.shape.some((d, i) => d !== e.shape[i])) {
        throw new Error(`weight '${name}' has shape [${w.shape.join(', ')}], policy.json's network needs [${e.shape.join(', ')}]`);
      }
      const data = w.read().dataSync() as Float32Array;
      if (!data.every(Number.isFinite)) throw new Error(`weight '${name}' holds non-finite values (corrupt weights.bin)`);
      ac.params.set(data, e.offset);
    }
    if (got.size !== ac.layout.length - (logStd === null ? 0 : 1)) {
      throw new Error(`model.json has ${got.size} weights, policy.json's network has ${ac.layout.length - (logStd === null ? 0 : 1)}`);
    }
    return ac;
  } finally {
    model.dispose();
  }
}
