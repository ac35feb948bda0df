/** The training driver's start-up lines say which variance reducers are on (the fill control variate included). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { train } from './train.js';
import { tinyRun } from './test-utils/tiny-run.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-train-startup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function startupLines(name: string, fillControlVariate: boolean): Promise<string[]> {
  const lines: string[] = [];
  const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  await train(tinyRun(root, name, { env: 'liquidation', timesteps: 512, evalEvery: 512, checkpointEvery: 0, agentConfig: { nSteps: 256, batchSize: 256, nEpochs: 1, fillControlVariate } }), { logger });
  return lines;
}

describe('train: start-up lines', () => {
  it('says when the fill control variate is on, and says nothing of it when off', async () => {
    expect(await startupLines('fcv-on', true)).toContainEqual(expect.stringMatching(/^fill control variate: on: each fill's outcome replaced by its expectation/));
    expect((await startupLines('fcv-off', false)).some((l) => l.startsWith('fill control variate'))).toBe(false);
  });
});
