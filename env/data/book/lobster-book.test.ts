import { describe, expect, it } from 'vitest';
import { readLobsterMessages, readLobsterOrderbook } from '../loaders/lobster.js';
import { checkLobsterReconstruction } from './lobster-book.js';

const AAPL = 'data/lobster-aapl-2012-06-21-l10-head/AAPL_2012-06-21_34200000_57600000_';
const AMZN = 'data/lobster-amzn-2012-06-21-l1/AMZN_2012-06-21_34200000_57600000_';

describe('LOBSTER book reconstruction', () => {
  it('AAPL level 10: every message-determined level equals the orderbook file on all rows', async () => {
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AAPL}message_10.csv`), readLobsterOrderbook(`${AAPL}orderbook_10.csv`, 10), 10);
    console.log('AAPL L10', r);
    expect(r.rowsChecked).toBe(998);
    expect(r.rowsMismatched).toBe(0);
    expect(r.unknownLevelMessages).toBe(0);
    // rows where level 10 was refilled from beyond the window (not describable by a level-10 message file)
    expect(r.rowsExact + r.rowsWithRevealedLevel).toBe(998);
  });

  it('AMZN level 1 (full day): best quotes rebuilt from messages, a new best revealed only when a level empties', async () => {
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AMZN}message_1.csv`), readLobsterOrderbook(`${AMZN}orderbook_1.csv`, 1), 1);
    console.log('AMZN L1', r);
    expect(r.rowsChecked).toBe(57_514);
    expect(r.rowsMismatched).toBe(0);
    expect(r.unknownLevelMessages).toBe(0);
  });

  it('detects a corrupted orderbook row', async () => {
    async function* corrupt() {
      let i = 0;
      for await (const row of readLobsterOrderbook(`${AAPL}orderbook_10.csv`, 10)) {
        if (++i === 500) row.bidSize[3] = (row.bidSize[3] as number) + 1;
        yield row;
      }
    }
    const r = await checkLobsterReconstruction(readLobsterMessages(`${AAPL}message_10.csv`), corrupt(), 10);
    expect(r.rowsMismatched).toBeGreaterThanOrEqual(1);
    expect(r.firstMismatches[0]?.row).toBe(500);
  });
});
