/**
 * Real-data throughput: loaders (async stream and sync chunks), LOBSTER book rebuild, Binance
 * snapshot + diff replay, tape loading (AMZN, BTCUSDT, BTCUSDT as Tardis files; a replay id resolved
 * twice, the second from the process's tape cache), calibration, and
 * the replay vector env under each fill model (queue models and millisecond latency included).
 * Prints figures and the load average.
 * Run: npm run bench:data
 */
import { readLobsterMessages, readLobsterOrderbook } from '../marketdata/loaders/lobster.js';
import { readBinanceDepthSnapshot, readBinanceDepthUpdates } from '../marketdata/loaders/binance.js';
import { checkLobsterReconstruction } from '../marketdata/book/lobster-book.js';
import { BinanceDepthBook, collectSnapshots, groupDepthEvents } from '../marketdata/book/binance-book.js';
import { loadTape, loadTapeSync } from '../marketdata/tape/load-tape.js';
import { calibrateTape } from '../calibration/calibrate.js';
import { ReplayVectorEnv } from '../env/replay/replay-vector-env.js';
import { loadReplayWindow } from '../env/replay/replay-id.js';
import { DEFAULT_FILL_MODEL, type FillModelConfig } from '../env/replay/fill-model.js';
import { writeTardisSample } from '../marketdata/test-utils/tardis-sample.js';
import { cpus, loadavg } from 'node:os';

const AMZN = 'data/lobster-amzn-2012-06-21-l1/AMZN_2012-06-21_34200000_57600000_';
const BTC = 'data/binance-spot-btcusdt-2024-08-08/BTCUSDT_';
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
process.stdout.write(`bench:data: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n`);

async function timed<T>(label: string, count: (r: T) => number, unit: string, f: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const r = await f();
  const s = (performance.now() - t0) / 1000;
  process.stdout.write(`${label.padEnd(44)} ${s.toFixed(3).padStart(7)} s  ${fmt(count(r) / s).padStart(12)} ${unit}/s\n`);
  return r;
}

await timed('LOBSTER messages, async stream (57,515 rows)', (n: number) => n, 'rows', async () => {
  let n = 0;
  for await (const _ of readLobsterMessages(`${AMZN}message_1.csv`)) n++;
  return n;
});
await timed('LOBSTER messages, sync chunks', (n: number) => n, 'rows', () => {
  let n = 0;
  for (const _ of readLobsterMessages(`${AMZN}message_1.csv`)) n++;
  return n;
});
await timed('LOBSTER L1 rebuild + row-by-row check', (r) => r.rowsChecked, 'rows', () =>
  checkLobsterReconstruction(readLobsterMessages(`${AMZN}message_1.csv`), readLobsterOrderbook(`${AMZN}orderbook_1.csv`, 1), 1),
);
await timed('Binance snapshot + diff replay (gzip stream)', (n: number) => n, 'level changes', async () => {
  const book = new BinanceDepthBook(await collectSnapshots(readBinanceDepthSnapshot(`${BTC}depth_snapshot.csv`)));
  let changes = 0;
  for await (const ev of groupDepthEvents(readBinanceDepthUpdates(`${BTC}depth_updates.csv.gz`))) {
    book.apply(ev);
    changes += ev.changes.length;
  }
  return changes;
});
const { tape } = await timed('AMZN tape, loadTape (async)', (r) => r.tape.quoteTime.length + r.tape.orderTime.length, 'tape events', () => loadTape('data/lobster-amzn-2012-06-21-l1'));
await timed('BTCUSDT tape (Binance trades + bbo), loadTapeSync', (r) => r.tape.quoteTime.length + r.tape.orderTime.length, 'tape events', () => loadTapeSync('data/binance-spot-btcusdt-2024-08-08'));
const tardis = await writeTardisSample();
await timed('BTCUSDT as Tardis files (L2 rebuild), loadTapeSync', (r) => r.reports.reduce((a, x) => a + x.rowsOk, 0), 'rows', () => loadTapeSync(tardis.dir));
await timed('AMZN tape, loadTapeSync', (r) => r.tape.quoteTime.length + r.tape.orderTime.length, 'tape events', () => loadTapeSync('data/lobster-amzn-2012-06-21-l1'));
// what a replay env built again in the same process costs (the training span, each evaluation, the select and test spans)
await timed('Tardis files, replay env id resolved (1st)', (r) => r.tape.quoteTime.length + r.tape.orderTime.length, 'tape events', () => loadReplayWindow(`replay:${tardis.dir}`));
await timed('Tardis files, replay env id resolved (2nd)', (r) => r.tape.quoteTime.length + r.tape.orderTime.length, 'tape events', () => loadReplayWindow(`replay:${tardis.dir}`));
const cal = await timed('calibrateTape (first 60%)', () => 1, 'calibrations', () => calibrateTape(tape, { to: 0.6 }));
const fills: [string, Partial<FillModelConfig>][] = [
  ['trade-cross', { model: 'trade-cross' }],
  ['hybrid', { model: 'hybrid' }],
  ['risk-averse-queue', { model: 'risk-averse-queue' }],
  ['prob-queue', { model: 'prob-queue' }],
  ['prob-queue, latencyMs 50', { model: 'prob-queue', latencyMs: 50 }],
];
for (const [model, fill] of fills) {
  const N = 256;
  const env = new ReplayVectorEnv(tape, cal.config, { ...DEFAULT_FILL_MODEL, ...fill }, { numEnvs: N });
  const acts = new Float32Array(N * env.actDim).fill(-0.7);
  env.reset({ seed: 1 });
  await timed(`ReplayVectorEnv N=${N}, ${model}, 3000 steps`, (steps: number) => steps * N, 'env-steps', () => {
    for (let s = 0; s < 3000; s++) env.step(acts);
    return 3000;
  });
}
