/**
 * Issue #11 item 4, reproduced: bad actions and observations give named errors, never a bare
 * TypeError, a silent coercion or NaN actions.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { make, makeVec } from '../env/registry.js';
import { makeBaselinePolicy } from '../baselines/registry.js';
import { resolveEnvConfig } from '../env/resolve-config.js';
import { NetworkPolicy } from '../models/network-policy.js';
import { ActorCritic } from '../models/actor-critic.js';

describe('bad actions and observations', () => {
  it('the single env names a null, undefined or string action instead of a bare TypeError or a coercion', () => {
    const env = make('default');
    env.reset({ seed: 1 });
    expect(() => env.step(null as never)).toThrow(/action must be an array of 2 numbers for Box\(.*\), got null/);
    expect(() => env.step(undefined as never)).toThrow(/got undefined/);
    expect(() => env.step(['0', '0'] as never)).toThrow(/action\[0\] must be a number for Box.*, got the string "0"/);
    expect(() => env.step('3' as never)).toThrow(/action must be an array of 2 numbers .*got the string "3"/);
    expect(env.step([0, 0]).reward).toEqual(expect.any(Number));
  });

  it('the vector env refuses strings in a plain-array action', () => {
    const env = makeVec('default', { numEnvs: 2 });
    env.reset({ seed: 1 });
    expect(() => env.step([0, 0, '1', 0] as never)).toThrow(/actions\[2\] must be a number, got the string "1"/);
    expect(() => env.step(null as never)).toThrow(/actions must be a Float32Array .*got null/);
  });

  it('a NaN observation is refused by the HJB and the network policies, naming row and column', () => {
    const config = resolveEnvConfig('default');
    const obs = Float32Array.of(0, 0.5, 1, NaN);
    expect(() => makeBaselinePolicy('hjb', config).act(obs, 2)).toThrow(/hjb\.act: observation row 1, column 1 must be a finite number, got NaN/);
    const ac = ActorCritic.create({ obsDim: 2, outDim: 2, distribution: 'diag-gaussian', net: { hidden: [4], activation: 'tanh', logStdInit: -1, orthoInit: true } }, { seed: 1 });
    const p = new NetworkPolicy({ name: 'net', ac, actionSpace: { kind: 'box', low: [-1, -1], high: [1, 1] }, obsNorm: null, spec: config, residualBase: null, seed: 0 });
    expect(() => p.act(Float32Array.of(Infinity, 0), 1)).toThrow(/net\.act: observation row 0, column 0 must be a finite number, got Infinity/);
    p.dispose();
  });
});

describe('non-finite steps', () => {
  it('magnitudes whose arithmetic overflows float64 are refused by the validator, naming field and bound', () => {
    expect(() => makeVec('default', { numEnvs: 1, overrides: { price: { sigma: 1e160 } } })).toThrow(/price\.sigma must be .*<= 1000000000.*got 1e\+160/);
    expect(() => makeVec('default', { numEnvs: 1, overrides: { s0: 1e308 } })).toThrow(/s0 must be .*<= 1000000000.*got 1e\+308/);
    expect(() => makeVec('default', { numEnvs: 1, overrides: { fees: { makerPerUnit: 1e307 } } })).toThrow(/fees\.makerPerUnit must be .*got 1e\+307/);
  });

  it('a step whose reward overflows (CARA with a huge gamma) raises a named error instead of returning -Infinity', () => {
    const env = makeVec('default', { numEnvs: 2, overrides: { reward: { kind: 'cara' }, gamma: 1e4 } });
    env.reset({ seed: 1 });
    const a = new Float32Array(4).fill(-1); // tightest quotes: many fills, a large terminal wealth change
    expect(() => {
      for (let t = 0; t < 200; t++) env.step(a);
    }).toThrow(/NonFiniteStepError|MarketMakingVectorEnv: env \d, step 200: the reward is -Infinity \(the fields that scale it: .*reward\.kind=cara, gamma=10000\)/);
    const one = make('default', { reward: { kind: 'cara' }, gamma: 1e4 });
    one.reset({ seed: 2 });
    expect(() => {
      for (let t = 0; t < 200; t++) one.step([-1, -1]);
    }).toThrow(/MarketMakingEnv: env 0, step 200: the reward is -Infinity/);
  });
});

describe('paths in options', () => {
  it("a params file that is not JSON is refused without printing its content", async () => {
    const secret = join(mkdtempSync(join(tmpdir(), 'mmgym-secret-')), 'passwd');
    writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    let msg = '';
    try {
      makeVec(`replay:data/lobster-amzn-2012-06-21-l1?from=0.6&to=0.8&dt=1&horizon=120&params=${secret}`, { numEnvs: 1 });
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/calibrated env file .*passwd: not valid JSON \(unexpected character: not JSON\)/);
    expect(msg).not.toMatch(/root:x/);
  });
});

describe('corrupt gzip', () => {
  it('a corrupt .gz data file fails naming the file, sync and streaming', async () => {
    const { readBinanceTrades } = await import('../marketdata/loaders/binance.js');
    const bad = join(mkdtempSync(join(tmpdir(), 'mmgym-gz-')), 'trades.csv.gz');
    writeFileSync(bad, Buffer.from('this is not gzip at all, just text\n'));
    expect(() => [...readBinanceTrades(bad)]).toThrow(/data file .*trades\.csv\.gz: not a valid gzip file \(.*\); re-download it/);
    await expect((async () => {
      for await (const r of readBinanceTrades(bad)) void r;
    })()).rejects.toThrow(/data file .*trades\.csv\.gz: not a valid gzip file/);
  });
});

describe('symlink loops', () => {
  it('a saved-model path that is a symlink loop is named as such, not as a missing directory', async () => {
    const { resolvePolicy } = await import('../evals/resolve-policy.js');
    const d = mkdtempSync(join(tmpdir(), 'mmgym-loop-'));
    symlinkSync(join(d, 'b'), join(d, 'a'));
    symlinkSync(join(d, 'a'), join(d, 'b'));
    await expect(resolvePolicy(join(d, 'a'), resolveEnvConfig('default'))).rejects.toThrow(/is a symbolic link that leads nowhere \(broken, or a loop\)/);
  });
});

describe('tapes out of order', () => {
  it('shuffled or duplicated trades are skipped and counted with their lines, not loaded as a tape', async () => {
    const { readBinanceTrades } = await import('../marketdata/loaders/binance.js');
    const path = join(mkdtempSync(join(tmpdir(), 'mmgym-order-')), 'trades.csv');
    const row = (ts: number, id: number): string => `${ts * 1e9},${ts * 1000},${id},60000.5,0.01,true`;
    writeFileSync(path, ['local_ts_ns,trade_time_ms,trade_id,price,qty,is_buyer_maker', row(1, 10), row(2, 11), row(2, 11), row(1.5, 12), row(3, 13)].join('\n') + '\n');
    const rows = readBinanceTrades(path);
    const got = [...rows].map((r) => r.tradeId);
    expect(got).toEqual([10, 11, 13]);
    expect(rows.report.skipped).toEqual({ "duplicate or out-of-order id (not above the previous row's)": 1, 'out of time order (earlier than the previous row)': 1 });
    expect(rows.report.firstSkipped.map((x) => x.line)).toEqual([4, 5]);
  });
});
