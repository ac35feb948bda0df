/**
 * Read the optional `tape.json` of a generic level-1 tape folder (written by `mmgym data convert`,
 * tape/write-generic.ts): name, source, trading session, tick, order source. Every field is
 * optional; a present field of the wrong kind is refused naming the file, the field, what is
 * allowed and what it holds (a tape is never annualised or gridded on a guess).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../../util/errors.js';
import type { TradingSession } from './market-tape.js';
import { TAPE_META_FILE } from './write-generic.js';
import { jsonErrorMessage } from '../../util/json-error.js';

export interface TapeMeta {
  readonly name?: string;
  readonly source?: string;
  readonly session?: TradingSession;
  readonly tickSize?: number;
  readonly orderSource?: 'trades' | 'candles';
}

/** The folder's tape.json, or undefined when it has none. */
export function readTapeMeta(dir: string): TapeMeta | undefined {
  const path = join(dir, TAPE_META_FILE);
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${jsonErrorMessage(e)})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new DataError(`${path}: must be a JSON object, got ${JSON.stringify(raw)}`);
  const o = raw as Record<string, unknown>;
  const bad = (field: string, allowed: string): never => {
    throw new DataError(`${path}: ${field} must be ${allowed}, got ${JSON.stringify(o[field])}`);
  };
  const out: { -readonly [K in keyof TapeMeta]: TapeMeta[K] } = {};
  if (o.name !== undefined) out.name = typeof o.name === 'string' ? o.name : bad('name', 'a string');
  if (o.source !== undefined) out.source = typeof o.source === 'string' ? o.source : bad('source', 'a string');
  if (o.session !== undefined) out.session = o.session === 'equity' || o.session === 'continuous' ? o.session : bad('session', "'equity' or 'continuous'");
  if (o.tickSize !== undefined) out.tickSize = typeof o.tickSize === 'number' && Number.isFinite(o.tickSize) && o.tickSize >= 0 ? o.tickSize : bad('tickSize', 'a number >= 0');
  if (o.orderSource !== undefined) out.orderSource = o.orderSource === 'trades' || o.orderSource === 'candles' ? o.orderSource : bad('orderSource', "'trades' or 'candles'");
  return out;
}
