import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernels, KERNEL_MODULE, kernelModuleText } from '../scripts/build-kernels.js';

describe('the committed wasm kernels', () => {
  it('are what `npm run build:kernels` compiles from kernels/mlp.ts (rerun it after editing the kernels)', async () => {
    const text = kernelModuleText(await compileKernels());
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(text);
  });
});
