/**
 * Every literal `@defaultValue` in the TSDoc of a config interface equals the field of the
 * `DEFAULT_*` object it documents (top-level fields; nested parts are checked where their default
 * object is exported). A tag that is a description rather than a literal must be listed below.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_A2C_CONFIG } from '../agents/a2c.js';
import { DEFAULT_PPO_CONFIG } from '../agents/ppo.js';
import { DEFAULT_VEC_NORMALIZE_CONFIG } from '../agents/vec-normalize.js';
import { DEFAULT_WARM_START_CONFIG } from '../agents/warm-start.js';
import { DEFAULT_ENV_CONFIG } from '../env/config.js';
import { DEFAULT_NET_CONFIG } from '../models/network-spec.js';
import { DEFAULT_TRAIN_OPTIONS } from '../training/train-options.js';

/** The top-level members of `export interface <name>` with their @defaultValue tag text. */
export function defaultTags(source: string, name: string): Map<string, string> {
  const start = source.indexOf(`export interface ${name} `);
  if (start < 0) throw new Error(`interface ${name} not found`);
  const open = source.indexOf('{', start);
  const out = new Map<string, string>();
  let depth = 0;
  let i = open;
  let pendingDoc: string | null = null;
  while (i < source.length) {
    if (source.startsWith('/**', i)) {
      const end = source.indexOf('*/', i);
      if (depth === 1) pendingDoc = source.slice(i, end);
      i = end + 2;
      continue;
    }
    const ch = source[i];
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) break;
    } else if (depth === 1 && /[A-Za-z_]/.test(ch ?? '') && pendingDoc !== null) {
      const m = /^(?:readonly\s+)?([A-Za-z_]\w*)\??:/.exec(source.slice(i));
      if (m) {
        const tag = /@defaultValue\s+([\s\S]*?)\s*(?:\*\s*)?$/.exec(pendingDoc.replace(/\n\s*\*/g, ' '));
        if (tag) out.set(m[1]!, tag[1]!.trim());
        pendingDoc = null;
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  return out;
}

/** A tag's literal value, or undefined where it is a description. */
function literal(tag: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(tag.replace(/'/g, '"').replace(/(\d)_(\d)/g, '$1$2')) };
  } catch {
    return undefined;
  }
}

const CASES: { file: string; iface: string; defaults: object }[] = [
  { file: 'agents/ppo.ts', iface: 'PPOConfig', defaults: DEFAULT_PPO_CONFIG },
  { file: 'agents/a2c.ts', iface: 'A2CConfig', defaults: DEFAULT_A2C_CONFIG },
  { file: 'agents/on-policy-config.ts', iface: 'OnPolicyConfig', defaults: DEFAULT_PPO_CONFIG },
  { file: 'agents/vec-normalize.ts', iface: 'VecNormalizeConfig', defaults: DEFAULT_VEC_NORMALIZE_CONFIG },
  { file: 'agents/warm-start.ts', iface: 'WarmStartConfig', defaults: DEFAULT_WARM_START_CONFIG },
  { file: 'models/network-spec.ts', iface: 'NetConfig', defaults: DEFAULT_NET_CONFIG },
  { file: 'training/train-options.ts', iface: 'TrainOptions', defaults: DEFAULT_TRAIN_OPTIONS },
  { file: 'env/config.ts', iface: 'EnvConfig', defaults: DEFAULT_ENV_CONFIG },
];

describe('@defaultValue tags', () => {
  it('parses an interface\'s tags', () => {
    const src = "export interface X {\n  /** a. @defaultValue 3 */\n  a: number;\n  b: { /** inner @defaultValue 9 */ c: number };\n  /**\n   * d, over\n   * two lines. @defaultValue 'x'\n   */\n  readonly d?: string;\n}\n";
    expect([...defaultTags(src, 'X')]).toEqual([['a', '3'], ['d', "'x'"]]);
  });

  it('equal the DEFAULT_* objects they document', () => {
    let checked = 0;
    const descriptive: string[] = [];
    for (const c of CASES) {
      const tags = defaultTags(readFileSync(c.file, 'utf8'), c.iface);
      for (const [field, tag] of tags) {
        const lit = literal(tag);
        if (lit === undefined) {
          descriptive.push(`${c.iface}.${field}: ${tag}`);
          continue;
        }
        expect((c.defaults as Record<string, unknown>)[field], `${c.file} ${c.iface}.${field} @defaultValue ${tag}`).toEqual(lit.value);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
    // descriptions, not literals (each says what the default is in words)
    expect(descriptive).toEqual([]);
  });
});
