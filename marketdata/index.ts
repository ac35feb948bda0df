// Public API of marketdata/ (real market data, no env): CSV loaders, order-book rebuild, the market tape.
export { CsvRows, openDataFile, type RowSchema, type ColumnSpec } from './loaders/csv-rows.js';
export { DataSchemaError, formatReport, type LoadReport, type SkippedRow } from './loaders/load-report.js';
export * from './loaders/lobster.js';
export * from './loaders/binance.js';
export { readL1Quotes, readL1Trades, type L1Quote, type L1Trade } from './loaders/l1.js';
export { readCandles, type Candle } from './loaders/ohlcv.js';
export { readTardisBook, readTardisTrades, type TardisBookRow, type TardisTrade } from './loaders/tardis.js';
export { TardisBook, type TopOfBook } from './book/tardis-book.js';
export { BookSide, type BookSideName } from './book/book-side.js';
export { LobsterBook, checkLobsterReconstruction, type LobsterCheck } from './book/lobster-book.js';
export * from './book/binance-book.js';
export * from './tape/market-tape.js';
export * from './tape/load-tape.js';
export * from './tape/write-generic.js';
export { readTapeMeta, type TapeMeta } from './tape/tape-meta.js';
