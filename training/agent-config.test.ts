import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAgentConfigFile, parseAgentConfig } from './agent-config.js';

describe('agent config (--config file.json)', () => {
  it('accepts SB3 names, nested net/normalize and linear schedules', () => {
    const c = parseAgentConfig(
      { nSteps: 1024, learningRate: { kind: 'linear', start: 3e-4, end: 0 }, targetKl: null, net: { hidden: [32, 32] }, normalize: { reward: false } },
      'ppo',
    );
    expect(c).toEqual({ nSteps: 1024, learningRate: { kind: 'linear', start: 3e-4, end: 0 }, targetKl: null, net: { hidden: [32, 32] }, normalize: { reward: false } });
    expect(parseAgentConfig({ useRmsProp: false }, 'a2c')).toEqual({ useRmsProp: false });
  });

  const bad: [unknown, 'ppo' | 'a2c', RegExp][] = [
    [{ nStep: 10, foo: 1 }, 'ppo', /unknown ppo hyperparameters "nStep", "foo"; allowed: .*nSteps/],
    [{ batchSize: 64 }, 'a2c', /unknown a2c hyperparameter "batchSize"/],
    [{ net: { layers: [3] } }, 'ppo', /unknown ppo hyperparameter "net.layers"; allowed in net: activation, hidden/],
    [{ nSteps: '2048' }, 'ppo', /nSteps must be a finite number \(default 2048\), got "2048"/],
    [{ learningRate: 'fast' }, 'ppo', /learningRate must be a finite number or \{ "kind": "linear"/],
    [{ learningRate: { kind: 'cosine' } }, 'ppo', /learningRate must be a number or \{ kind: 'linear', start, end\[, fraction\] \}/],
    [{ normalizeAdvantage: 1 }, 'ppo', /normalizeAdvantage must be a boolean \(default true\), got 1/],
    [{ net: { hidden: [64, 0] } }, 'ppo', /net.hidden must be an array of positive integers/],
    [{ seed: 3 }, 'ppo', /seed is set by --seed/],
    [[1, 2], 'ppo', /must be a JSON object of ppo hyperparameters, got array/],
  ];
  it.each(bad)('rejects %j for %s with a named-field error', (raw, agent, re) => {
    expect(() => parseAgentConfig(raw, agent)).toThrow(re);
  });

  it('reads a file and names it in errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmgym-cfg-'));
    try {
      const good = join(dir, 'good.json');
      writeFileSync(good, '{"nSteps": 256}');
      expect(loadAgentConfigFile(good, 'ppo')).toEqual({ nSteps: 256 });
      const broken = join(dir, 'broken.json');
      writeFileSync(broken, '{"nSteps": ');
      expect(() => loadAgentConfigFile(broken, 'ppo')).toThrow(/--config .*broken.json is not valid JSON/);
      const secret = join(dir, 'secret.json');
      writeFileSync(secret, 'root:x:0:0:root');
      expect(() => loadAgentConfigFile(secret, 'ppo')).toThrow(/^(?!.*root:x).*is not valid JSON/s); // the content is not printed
      expect(() => loadAgentConfigFile(join(dir, 'missing.json'), 'ppo')).toThrow(/cannot read --config .*missing.json/);
      const unknownKey = join(dir, 'unknown.json');
      writeFileSync(unknownKey, '{"gae_lambda": 0.9}');
      expect(() => loadAgentConfigFile(unknownKey, 'ppo')).toThrow(/--config .*unknown.json: unknown ppo hyperparameter "gae_lambda"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
