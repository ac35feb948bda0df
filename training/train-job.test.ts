/**
 * runTrainJob: one seed trained in a temporary directory comes back as its summary and its files
 * (no checkpoints, no lock): the same networks, bit for bit, as the same options trained into a
 * directory here, each file's sha256 its content's.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unpackDir } from '../util/pack-dir.js';
import { seedSummary } from './seed-summary.js';
import { tinyRun } from './test-utils/tiny-run.js';
import { train } from './train.js';
import { runTrainJob } from './train-job.js';

const root = mkdtempSync(join(tmpdir(), 'mmgym-train-job-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('runTrainJob', () => {
  it('returns the run\'s files without checkpoints or lock, the same networks as training here, and its seed summary', async () => {
    const options = tinyRun(root, 'unused', { timesteps: 1024, checkpointEvery: 512, seed: 5 });
    const job = await runTrainJob({ options });
    expect(existsSync(options.out)).toBe(false); // the job trains elsewhere, never into options.out

    const paths = job.files.map((f) => f.path);
    expect(paths.some((p) => p.startsWith('checkpoints'))).toBe(false);
    expect(paths).not.toContain('.lock');
    for (const p of ['best/weights.bin', 'best/model.json', 'best/policy.json', 'final/weights.bin', 'updates.csv', 'evals.csv']) expect(paths, p).toContain(p);
    for (const f of job.files) expect(createHash('sha256').update(Buffer.from(f.base64, 'base64')).digest('hex'), f.path).toBe(f.sha256);

    const local = await train({ ...options, out: join(root, 'local'), force: true, resume: null, progress: 'none' });
    const unpacked = join(root, 'unpacked');
    unpackDir(unpacked, job.files);
    for (const f of ['best/weights.bin', 'best/model.json', 'final/weights.bin', 'final/model.json']) {
      expect(readFileSync(join(unpacked, f)), f).toEqual(readFileSync(join(root, 'local', f)));
    }
    expect(existsSync(join(root, 'local', 'checkpoints'))).toBe(true);

    const want = seedSummary(local);
    expect({ ...job.summary, wallSeconds: 0 }).toEqual({ ...want, wallSeconds: 0 });
    expect(job.summary.seed).toBe(5);
    expect(job.summary.timesteps).toBe(1024);
  }, 120_000);
});
