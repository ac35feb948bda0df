/**
 * The calibrated env preset file (`mmgym calibrate --out params.json`), read back by
 * `calibrated:<path>` env ids. Format: `{ kind: 'mmgym-calibrated-env', version: 1, config:
 * EnvConfig, calibration: {...} }`; a bare EnvConfig JSON is accepted too.
 */
import { jsonErrorMessage } from '../util/json-error.js';
import { readFileSync } from 'node:fs';
import { writeJsonAtomic } from '../util/atomic-write.js';
import type { EnvConfig } from '../env/config.js';
import { validateConfig } from '../env/validate-config.js';
import type { CalibrationResult } from './calibrate.js';

export const CALIBRATED_KIND = 'mmgym-calibrated-env';

export interface CalibratedEnvFile {
  kind: typeof CALIBRATED_KIND;
  version: 1;
  config: EnvConfig;
  calibration: Omit<CalibrationResult, 'config'>;
}

/** Write atomically (util/atomic-write.ts: temp file in the same folder, fsync, rename). */
export function writeCalibratedConfig(path: string, result: CalibrationResult): void {
  const { config, ...calibration } = result;
  const file: CalibratedEnvFile = { kind: CALIBRATED_KIND, version: 1, config, calibration };
  writeJsonAtomic(path, file);
}

/** Read a calibrated preset (or a bare EnvConfig) and validate it. Errors name the file. */
export function loadCalibratedConfig(path: string): EnvConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`calibrated env file ${path}: cannot read it (${(e as Error).message}); create one with \`mmgym calibrate --data <file> --out ${path}\``);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`calibrated env file ${path}: not valid JSON (${jsonErrorMessage(e)})`);
  }
  if (json === null || typeof json !== 'object') throw new Error(`calibrated env file ${path}: expected a JSON object`);
  const obj = json as Record<string, unknown>;
  const config = obj['kind'] === CALIBRATED_KIND ? obj['config'] : obj;
  if (config === null || typeof config !== 'object') throw new Error(`calibrated env file ${path}: missing "config" object`);
  try {
    return validateConfig(config as EnvConfig);
  } catch (e) {
    throw new Error(`calibrated env file ${path}: ${(e as Error).message}`);
  }
}
