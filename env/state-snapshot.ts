/**
 * The complete mutable state of a market core, for checkpoints that resume mid-episode.
 *
 * A core's state lives in typed arrays (struct-of-arrays: prices, cash, inventory, step counters,
 * generator states, Hawkes excitations, regimes, latency rings, the observer's history) and a
 * few scalar fields (e.g. the latency ring's position). A snapshot is every typed array and every
 * number or boolean field reachable from the core through own properties (not through `config`
 * or the names a core excludes), keyed by property path: arrays as the base64 of their raw bytes,
 * numbers exactly (NaN, +-Infinity and -0 as strings), so a restored env continues bit for bit.
 * Constants are captured too and restored to the same values. Restoring checks that the snapshot
 * names exactly the fields of the target, with the same types and lengths, before changing any.
 */

type Typed = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | Int8Array | Int16Array | Uint16Array;

const TYPED = { Float64Array, Float32Array, Int32Array, Uint32Array, Uint8Array, Int8Array, Int16Array, Uint16Array } as const;
type TypedName = keyof typeof TYPED;

export const ENV_STATE_VERSION = 1;

export interface ArrayRecord {
  type: TypedName;
  length: number;
  base64: string;
}

/** A scalar field: a finite number, a boolean, or 'NaN' | 'Infinity' | '-Infinity' | '-0'. */
export type ScalarRecord = number | boolean | string;

export interface EnvStateFile {
  version: number;
  arrays: Record<string, ArrayRecord>;
  scalars: Record<string, ScalarRecord>;
}

interface Fields {
  arrays: Map<string, Typed>;
  /** path -> [owner object, key] */
  scalars: Map<string, [Record<string, unknown>, string]>;
}

function typedName(x: unknown): TypedName | null {
  if (!ArrayBuffer.isView(x) || x instanceof DataView) return null;
  const name = x.constructor.name;
  return name in TYPED ? (name as TypedName) : null;
}

/** Typed arrays and number / boolean fields reachable from `root` by own properties, skipping `exclude` names at any depth. */
function stateFields(root: object, exclude: ReadonlySet<string>): Fields {
  const out: Fields = { arrays: new Map(), scalars: new Map() };
  const seen = new Set<object>([root]);
  const walk = (obj: Record<string, unknown>, prefix: string): void => {
    for (const key of Object.keys(obj).sort()) {
      if (exclude.has(key)) continue;
      const v = obj[key];
      const path = prefix === '' ? key : `${prefix}.${key}`;
      if (typedName(v) !== null) {
        out.arrays.set(path, v as Typed);
      } else if (typeof v === 'number' || typeof v === 'boolean') {
        out.scalars.set(path, [obj, key]);
      } else if (v !== null && typeof v === 'object' && !seen.has(v) && !Object.isFrozen(v)) {
        seen.add(v);
        walk(v as Record<string, unknown>, path);
      }
    }
  };
  walk(root as Record<string, unknown>, '');
  return out;
}

/** Paths of the typed arrays a snapshot of `root` holds. */
export function stateArrays(root: object, exclude: ReadonlySet<string>): Map<string, Typed> {
  return stateFields(root, exclude).arrays;
}

function encodeScalar(v: number | boolean): ScalarRecord {
  if (typeof v === 'boolean') return v;
  if (Object.is(v, -0)) return '-0';
  return Number.isFinite(v) ? v : String(v);
}

function decodeScalar(r: unknown, current: unknown, path: string): number | boolean {
  if (typeof current === 'boolean') {
    if (typeof r !== 'boolean') throw new RangeError(`env state ${path}: expected a boolean, got ${JSON.stringify(r)}`);
    return r;
  }
  if (typeof r === 'number' && Number.isFinite(r)) return r;
  if (r === 'NaN' || r === 'Infinity' || r === '-Infinity') return Number(r);
  if (r === '-0') return -0;
  throw new RangeError(`env state ${path}: expected a number, got ${JSON.stringify(r)}`);
}

export function encodeArray(a: Typed): ArrayRecord {
  return { type: typedName(a)!, length: a.length, base64: Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64') };
}

/** Decode into `target` (same type and length), with an error naming `path` otherwise. */
export function decodeInto(r: ArrayRecord, target: Typed, path: string): void {
  const want = typedName(target);
  if (r.type !== want || r.length !== target.length) {
    throw new RangeError(`env state ${path}: expected ${want}[${target.length}], got ${String(r.type)}[${String(r.length)}]`);
  }
  const bytes = Buffer.from(r.base64, 'base64');
  if (bytes.length !== target.byteLength) throw new RangeError(`env state ${path}: ${bytes.length} bytes for ${want}[${target.length}] (${target.byteLength} bytes)`);
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes);
}

export function snapshotState(root: object, exclude: ReadonlySet<string>): EnvStateFile {
  const f = stateFields(root, exclude);
  const arrays: Record<string, ArrayRecord> = {};
  for (const [path, a] of f.arrays) arrays[path] = encodeArray(a);
  const scalars: Record<string, ScalarRecord> = {};
  for (const [path, [obj, key]] of f.scalars) scalars[path] = encodeScalar(obj[key] as number | boolean);
  return { version: ENV_STATE_VERSION, arrays, scalars };
}

function mismatch(kind: string, want: Iterable<string>, got: Record<string, unknown>): string | null {
  const w = new Set(want);
  const missing = [...w].filter((k) => !Object.hasOwn(got, k));
  const extra = Object.keys(got).filter((k) => !w.has(k));
  if (missing.length === 0 && extra.length === 0) return null;
  return [missing.length > 0 ? `missing ${kind} ${missing.join(', ')}` : '', extra.length > 0 ? `unknown ${kind} ${extra.join(', ')}` : ''].filter((x) => x !== '').join('; ');
}

/** Restore a snapshot taken of an object of the same shape (same config); nothing is changed on a mismatch. */
export function restoreState(root: object, exclude: ReadonlySet<string>, s: EnvStateFile): void {
  const isRecord = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
  if (!isRecord(s) || s.version !== ENV_STATE_VERSION || !isRecord(s.arrays) || !isRecord(s.scalars)) {
    throw new RangeError(`env state must be { version: ${ENV_STATE_VERSION}, arrays, scalars }, got version ${JSON.stringify(isRecord(s) ? s.version : s)}`);
  }
  const f = stateFields(root, exclude);
  const problems = [mismatch('array', f.arrays.keys(), s.arrays), mismatch('field', f.scalars.keys(), s.scalars)].filter((x) => x !== null);
  if (problems.length > 0) throw new RangeError(`env state does not fit this env: ${problems.join('; ')}`);
  // Decode everything first, so a bad record leaves the env untouched.
  const decoded = new Map<string, Typed>();
  for (const [path, t] of f.arrays) {
    const scratch = new (TYPED[typedName(t)!])(t.length);
    decodeInto(s.arrays[path] as ArrayRecord, scratch, path);
    decoded.set(path, scratch);
  }
  const values = new Map<string, number | boolean>();
  for (const [path, [obj, key]] of f.scalars) values.set(path, decodeScalar(s.scalars[path], obj[key], path));
  for (const [path, t] of f.arrays) t.set(decoded.get(path)! as never);
  for (const [path, [obj, key]] of f.scalars) obj[key] = values.get(path);
}
