/**
 * The bad-input fuzzer (issue #11): random configs within and far beyond the validator's ranges
 * (numeric fields of a preset scaled by 10^U(-4, 4), signs flipped, non-numbers, unknown keys,
 * prototype keys), random actions (inside and outside the action space, NaN, strings), and random
 * corruptions of a saved policy (a flipped byte of any file, a truncated file, an edited field).
 * Every case must end in finite outputs or a named error; a case that returns a non-finite
 * number, or throws something unnamed (a bare TypeError, a zlib error), is a failure.
 * `npm run fuzz -- --cases N` runs it long; util/fuzz.test.ts runs a few hundred cases.
 */
import { PRESETS } from '../env/presets.js';
import { makeVec } from '../env/registry.js';
import { SeededRandom } from '../models/random.js';

export interface FuzzOutcome {
  cases: number;
  /** Ran to the end with finite rewards and observations. */
  finite: number;
  /** Refused with a named error (counted by error name). */
  named: Record<string, number>;
  /** Anything else: the case and what happened. */
  failures: { case: string; what: string }[];
}

/** Errors that name what is wrong (the project's own classes and its RangeErrors/TypeErrors with a field in the message). */
function isNamed(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if (['EnvConfigError', 'NonFiniteStepError', 'InvalidActionError', 'PolicyLoadError', 'BaselineParameterError', 'CorruptGzipError'].includes(e.name)) return true;
  // Our RangeErrors / TypeErrors / Errors say "<field> must be ..." or "... is not allowed".
  return /must be|is not allowed|unknown option|not valid|does not fit|cannot/.test(e.message) && !/Cannot read properties|is not a function|is not iterable/.test(e.message);
}

const NUMERIC_PATHS = ['s0', 'horizon', 'dt', 'price.sigma', 'price.mu', 'arrivals.A', 'arrivals.k', 'toxicity.fraction', 'toxicity.jump', 'fees.makerPerUnit', 'fees.makerBps', 'tickSize', 'latencySteps', 'maxInventory', 'orderSize', 'gamma', 'initialInventory', 'initialCash', 'reward.terminalPenalty', 'action.maxDepth'];

function setAt(o: Record<string, unknown>, path: string, v: unknown): void {
  const parts = path.split('.');
  let node = o;
  for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = v;
}

function getAt(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((n, p) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[p] : undefined), o);
}

/** One random override set of `preset` and a short label. */
export function randomOverrides(rng: SeededRandom, preset: string): { overrides: Record<string, unknown>; label: string } {
  const base = PRESETS[preset as keyof typeof PRESETS] as unknown;
  const o: Record<string, unknown> = {};
  const labels: string[] = [];
  const k = 1 + Math.floor(rng.uniform() * 3);
  for (let i = 0; i < k; i++) {
    const path = NUMERIC_PATHS[Math.floor(rng.uniform() * NUMERIC_PATHS.length)]!;
    const cur = getAt(base, path);
    const u = rng.uniform();
    let v: unknown;
    if (u < 0.05) v = 'x';
    else if (u < 0.08) v = NaN;
    else if (u < 0.1) v = null;
    else {
      const x = typeof cur === 'number' && cur !== 0 ? cur : 1;
      v = x * 10 ** (8 * rng.uniform() - 4) * (rng.uniform() < 0.1 ? -1 : 1);
      if (rng.uniform() < 0.3 && typeof v === 'number') v = Math.round(v);
    }
    setAt(o, path, v);
    labels.push(`${path}=${String(v)}`);
  }
  if (rng.uniform() < 0.03) {
    // an own "__proto__" key, as JSON.parse makes it (an assignment would replace the prototype instead)
    Object.defineProperty(o, '__proto__', { value: { maxEpisodeSteps: 3 }, enumerable: true, configurable: true, writable: true });
    labels.push('__proto__');
  }
  if (rng.uniform() < 0.03) {
    o['unknownField'] = 1;
    labels.push('unknownField');
  }
  return { overrides: o, label: `${preset} ${labels.join(' ')}` };
}

/** Play `steps` steps of random actions (some outside the space, some NaN) on a 2-env vector env. */
function play(env: ReturnType<typeof makeVec>, steps: number, rng: SeededRandom): void {
  const a = new Float32Array(env.numEnvs * env.actDim);
  const bad = rng.uniform() < 0.15; // some cases also send actions outside the space, or NaN
  const space = env.actionSpace;
  env.reset({ seed: Math.floor(rng.uniform() * 1e6) });
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < a.length; i++) {
      const u = bad ? rng.uniform() : 1;
      if (space.kind === 'discrete') a[i] = u < 0.01 ? space.n + 3 : Math.floor(rng.uniform() * space.n);
      else {
        const d = i % env.actDim;
        a[i] = u < 0.005 ? NaN : u < 0.02 ? space.high[d]! * 3 : space.low[d]! + (space.high[d]! - space.low[d]!) * rng.uniform();
      }
    }
    const r = env.step(a); // the env's own guard throws NonFiniteStepError on a non-finite reward/observation
    for (const x of r.rewards) if (!Number.isFinite(x)) throw new Error(`UNGUARDED non-finite reward ${x}`);
  }
}

/** Run `cases` random config + action cases from `seed`. */
export function fuzzEnvs(cases: number, seed: number, steps = 60): FuzzOutcome {
  const rng = SeededRandom.fromSeed(seed);
  const presets = Object.keys(PRESETS);
  const out: FuzzOutcome = { cases: 0, finite: 0, named: {}, failures: [] };
  for (let c = 0; c < cases; c++) {
    const preset = presets[Math.floor(rng.uniform() * presets.length)]!;
    const { overrides, label } = randomOverrides(rng, preset);
    out.cases++;
    try {
      const env = makeVec(preset, { numEnvs: 2, overrides });
      play(env, steps, rng);
      out.finite++;
    } catch (e) {
      if (isNamed(e)) {
        const name = (e as Error).name;
        out.named[name] = (out.named[name] ?? 0) + 1;
      } else out.failures.push({ case: label, what: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  }
  return out;
}

/**
 * Random corruptions of the saved policy in `dir` (each on a fresh copy): one flipped bit of any
 * file, a truncated or an emptied file. Loading must refuse a damaged model.json or weights.bin
 * with a named error; damage to policy.json may load only where it touches no defining field
 * (the training summary, which the digest does not cover), and agent-state.json is not read by
 * `loadPolicy` (a resume checks it).
 */
export async function fuzzSavedModel(dir: string, cases: number, seed: number): Promise<FuzzOutcome> {
  const { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { loadPolicy } = await import('../models/save-load.js');
  const rng = SeededRandom.fromSeed(seed);
  const out: FuzzOutcome = { cases: 0, finite: 0, named: {}, failures: [] };
  const root = mkdtempSync(join(tmpdir(), 'mmgym-fuzz-model-'));
  try {
    const files = readdirSync(dir).filter((f) => !f.startsWith('.'));
    for (let c = 0; c < cases; c++) {
      const copy = join(root, `c${c}`);
      cpSync(dir, copy, { recursive: true });
      const file = files[Math.floor(rng.uniform() * files.length)]!;
      const bytes = readFileSync(join(copy, file));
      const u = rng.uniform();
      let label: string;
      if (u < 0.6 && bytes.length > 0) {
        const at = Math.floor(rng.uniform() * bytes.length);
        const bit = 1 << Math.floor(rng.uniform() * 8);
        bytes[at] = bytes[at]! ^ bit;
        label = `${file}: byte ${at} ^ ${bit}`;
      } else if (u < 0.8) {
        label = `${file}: truncated`;
      } else label = `${file}: emptied`;
      writeFileSync(join(copy, file), label.endsWith('truncated') ? bytes.subarray(0, Math.floor(bytes.length / 2)) : label.endsWith('emptied') ? Buffer.alloc(0) : bytes);
      out.cases++;
      try {
        const p = await loadPolicy(copy, { onChoice: () => undefined });
        p.dispose();
        // a flipped bit inside policy.json's training summary or an unused field changes no behaviour
        if (file === 'policy.json' || file === 'agent-state.json' || file === 'rollout-state.json') out.finite++;
        else out.failures.push({ case: label, what: 'loaded without an error' });
      } catch (e) {
        if (isNamed(e)) {
          const name = (e as Error).name;
          out.named[name] = (out.named[name] ?? 0) + 1;
        } else out.failures.push({ case: label, what: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}

/** The tape formats the fuzzer corrupts: a sample file of each (its first `lines` lines) and its reader. */
export interface TapeFormat {
  name: string;
  file: string;
  read: (path: string) => Iterable<unknown> & { report: { rowsOk: number } };
}

/**
 * Random corruptions of each tape format's sample (first 400 lines, plain or gzip as shipped): a
 * flipped byte, lines shuffled, duplicated, truncated mid-line, a column dropped, garbage
 * appended. Reading must end in rows with a load report (skips counted) or a named error
 * (DataSchemaError, CorruptGzipError); any other throw is a failure.
 */
export async function fuzzTapes(formats: readonly TapeFormat[], cases: number, seed: number): Promise<FuzzOutcome> {
  const { mkdtempSync, readFileSync, rmSync, writeFileSync } = await import('node:fs');
  const { gunzipSync, gzipSync } = await import('node:zlib');
  const { tmpdir } = await import('node:os');
  const { basename, join } = await import('node:path');
  const rng = SeededRandom.fromSeed(seed);
  const out: FuzzOutcome = { cases: 0, finite: 0, named: {}, failures: [] };
  const root = mkdtempSync(join(tmpdir(), 'mmgym-fuzz-tape-'));
  try {
    const heads = formats.map((f) => {
      const raw = readFileSync(f.file);
      const text = (f.file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      return text.split('\n').slice(0, 400);
    });
    for (let c = 0; c < cases; c++) {
      const k = Math.floor(rng.uniform() * formats.length);
      const f = formats[k]!;
      const lines = heads[k]!.slice();
      const pick = (): number => 1 + Math.floor(rng.uniform() * Math.max(1, lines.length - 2));
      const u = rng.uniform();
      let label: string;
      if (u < 0.2) {
        for (let i = lines.length - 1; i > 1; i--) {
          const j = 1 + Math.floor(rng.uniform() * i);
          [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        }
        label = 'shuffled';
      } else if (u < 0.35) {
        const i = pick();
        lines.splice(i, 0, lines[i]!);
        label = `line ${i + 1} duplicated`;
      } else if (u < 0.5) {
        const i = pick();
        lines.length = i;
        lines.push(lines[i - 1]!.slice(0, Math.floor(lines[i - 1]!.length / 2)));
        label = `truncated at line ${i + 1}`;
      } else if (u < 0.65) {
        const i = pick();
        lines[i] = lines[i]!.split(',').slice(1).join(',');
        label = `line ${i + 1} lost a column`;
      } else if (u < 0.8) {
        lines.push('garbage,\u0000\u00ff,"unterminated');
        label = 'garbage appended';
      } else {
        const i = pick();
        const s = lines[i]!;
        const at = Math.floor(rng.uniform() * Math.max(1, s.length));
        lines[i] = s.slice(0, at) + String.fromCharCode(32 + Math.floor(rng.uniform() * 90)) + s.slice(at + 1);
        label = `line ${i + 1} byte ${at} changed`;
      }
      const text = lines.join('\n');
      const path = join(root, `c${c}-${basename(f.file)}`);
      writeFileSync(path, f.file.endsWith('.gz') ? gzipSync(text) : text);
      out.cases++;
      try {
        const rows = f.read(path);
        let n = 0;
        for (const r of rows) if (r !== undefined) n++;
        if (n !== rows.report.rowsOk) out.failures.push({ case: `${f.name}: ${label}`, what: `yielded ${n} rows, the report says ${rows.report.rowsOk}` });
        else out.finite++;
      } catch (e) {
        if (isNamed(e) || (e instanceof Error && e.name === 'DataSchemaError')) {
          const name = (e as Error).name;
          out.named[name] = (out.named[name] ?? 0) + 1;
        } else out.failures.push({ case: `${f.name}: ${label}`, what: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      } finally {
        rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return out;
}
