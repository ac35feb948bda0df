/** `mmgym data check` end to end (yargs, stdout captured): a clean tape, one with bad rows, one refused. */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommands } from '../test-utils/run-commands.js';
import { dataCommand } from './data.js';

const run = (argv: string[]): ReturnType<typeof runCommands> => runCommands([dataCommand], argv);

/** A copy of the AMZN day with `bad` message rows (CRLF kept) replaced by garbage. */
function amznWithBadRows(bad: number): string {
  const src = 'data/lobster-amzn-2012-06-21-l1';
  const dir = mkdtempSync(join(tmpdir(), 'mmgym-data-'));
  for (const f of readdirSync(src)) copyFileSync(join(src, f), join(dir, f));
  const msg = join(dir, readdirSync(dir).find((f) => f.includes('_message_'))!);
  const lines = readFileSync(msg, 'utf8').split('\n');
  for (let i = 0; i < bad; i++) lines[1000 + 7 * i] = 'garbage,x,y,z,w,v\r';
  writeFileSync(msg, lines.join('\n'));
  return dir;
}

describe('mmgym data check', () => {
  it('describes a clean tape and passes', async () => {
    const r = await run(['data', 'check', 'data/lobster-amzn-2012-06-21-l1']);
    expect(r.code).toBeUndefined();
    expect(r.out).toMatch(/ok {3}.*message_1\.csv \(LOBSTER message\): 57515 rows loaded, 0 skipped/);
    expect(r.out).toMatch(/26588 quote updates, 8158 market orders \(trades\); tick 0\.01/);
    expect(r.out).toMatch(/0 crossed quotes \(ask < bid\), 1 trades before the first quote/);
    expect(r.out).toMatch(/verdict: usable/);
    const j = JSON.parse((await run(['data', 'check', 'data/lobster-amzn-2012-06-21-l1', '--json'])).out) as { ok: boolean; files: { rowsRead: number }[]; marketOrders: number };
    expect(j.ok).toBe(true);
    expect(j.files.map((f) => f.rowsRead)).toEqual([57515, 57515]);
    expect(j.marketOrders).toBe(8158);
  });

  it('counts bad rows with their lines, and fails (exit code 1) past the 1% limit', async () => {
    const few = await run(['data', 'check', amznWithBadRows(3)]);
    expect(few.code).toBeUndefined();
    expect(few.out).toMatch(/57512 rows loaded, 3 skipped \(bad time: 3; first at lines 1001, 1008, 1015\)/);
    const many = await run(['data', 'check', amznWithBadRows(700)]);
    expect(many.code).toBe(1);
    expect(many.out).toMatch(/BAD .*message_1\.csv .*700 skipped.*more than 1% of its rows skipped/);
    expect(many.out).toMatch(/verdict: refused by replay and calibration/);
  });

  it('convert writes the generic level-1 tape, which check then reads as format l1', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mmgym-convert-'));
    const r = await run(['data', 'convert', 'data/lobster-amzn-2012-06-21-l1', '--out', out, '--json']);
    expect(r.code).toBeUndefined();
    const j = JSON.parse(r.out) as { quoteRows: number; tradeRows: number; skippedRows: number };
    expect(j.tradeRows).toBe(8158);
    expect(j.skippedRows).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['quotes.csv', 'tape.json', 'trades.csv']);
    const back = await run(['data', 'check', out]);
    expect(back.out).toMatch(/LOBSTER AMZN level 1 \(l1\)/);
    expect(back.out).toMatch(/8158 market orders \(trades\); tick 0\.01/);
    expect(back.out).toMatch(/verdict: usable/);
  });

  it('convert without --out is refused, naming the option', async () => {
    await expect(run(['data', 'convert', 'data/lobster-amzn-2012-06-21-l1'])).rejects.toThrow(/--out must name the folder/);
  });
});
