/** The calibrated preset file: its format on disk, bare configs, and errors naming the file (the AMZN round trip is in calibrate.test.ts). */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveEnvConfig } from '../env/resolve-config.js';
import type { CalibrationResult } from './calibrate.js';
import { CALIBRATED_KIND, loadCalibratedConfig, writeCalibratedConfig } from './calibrated-config.js';

const dir = mkdtempSync(join(tmpdir(), 'mmgym-calcfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = resolveEnvConfig('default', { gamma: 0.3, arrivals: { A: 12, k: 40 } });

describe('calibrated env files', () => {
  it('writes { kind, version 1, config, calibration without config } and reads the config back', () => {
    const p = join(dir, 'a.json');
    const result = { config, data: { name: 'x' }, warnings: ['w'] } as unknown as CalibrationResult;
    writeCalibratedConfig(p, result);
    const onDisk = JSON.parse(readFileSync(p, 'utf8'));
    expect(onDisk).toEqual({ kind: CALIBRATED_KIND, version: 1, config, calibration: { data: { name: 'x' }, warnings: ['w'] } });
    expect(CALIBRATED_KIND).toBe('mmgym-calibrated-env');
    expect(loadCalibratedConfig(p)).toEqual(config);
    expect(readdirSync(dir).filter((f) => f !== 'a.json')).toEqual([]); // no temp file left
  });
  it('accepts a bare EnvConfig', () => {
    const p = join(dir, 'bare.json');
    writeFileSync(p, JSON.stringify(config));
    expect(loadCalibratedConfig(p)).toEqual(config);
  });
  it('errors name the file: not an object, missing config, invalid config (the field), bad JSON without its content', () => {
    const cases: [string, string, RegExp][] = [
      ['num.json', '42', /^calibrated env file .*num\.json: expected a JSON object$/],
      ['null.json', 'null', /null\.json: expected a JSON object$/],
      ['nocfg.json', JSON.stringify({ kind: CALIBRATED_KIND, version: 1 }), /nocfg\.json: missing "config" object$/],
      ['bad.json', JSON.stringify({ kind: CALIBRATED_KIND, version: 1, config: { ...config, arrivals: { kind: 'exponential', A: 12, k: -1 } } }), /bad\.json: .*arrivals\.k must be > 0, got -1/],
      ['json.json', 'password=hunter2', /json\.json: not valid JSON \(unexpected character: not JSON\)$/],
    ];
    for (const [name, text, msg] of cases) {
      const p = join(dir, name);
      writeFileSync(p, text);
      expect(() => loadCalibratedConfig(p)).toThrow(msg);
    }
    expect(() => loadCalibratedConfig(join(dir, 'json.json'))).not.toThrow(/hunter2/);
  });
});
