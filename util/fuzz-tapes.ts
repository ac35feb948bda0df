/** The shipped sample of each tape format, for the tape corruption fuzzer (util/fuzz.ts). */
import { readBinanceBbo, readBinanceDepthSnapshot, readBinanceDepthUpdates, readBinanceTrades } from '../marketdata/loaders/binance.js';
import { readLobsterMessages, readLobsterOrderbook } from '../marketdata/loaders/lobster.js';
import { readCandles } from '../marketdata/loaders/ohlcv.js';
import type { TapeFormat } from './fuzz.js';

export { fuzzTapes } from './fuzz.js';

const B = 'data/binance-spot-btcusdt-2024-08-08';
const L = 'data/lobster-amzn-2012-06-21-l1';

export const TAPE_FORMATS: readonly TapeFormat[] = [
  { name: 'Binance trades', file: `${B}/BTCUSDT_trades.csv`, read: readBinanceTrades },
  { name: 'Binance bbo', file: `${B}/BTCUSDT_bbo.csv.gz`, read: readBinanceBbo },
  { name: 'Binance depth snapshot', file: `${B}/BTCUSDT_depth_snapshot.csv`, read: readBinanceDepthSnapshot },
  { name: 'Binance depth updates', file: `${B}/BTCUSDT_depth_updates.csv.gz`, read: readBinanceDepthUpdates },
  { name: 'LOBSTER messages', file: `${L}/AMZN_2012-06-21_34200000_57600000_message_1.csv`, read: readLobsterMessages },
  { name: 'LOBSTER order book', file: `${L}/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv`, read: (p) => readLobsterOrderbook(p, 1) },
  { name: 'OHLCV candles', file: 'data/binance-usdm-ohlcv-1m-2025-06/BTCUSDT_1m.csv', read: readCandles },
];
