/** packageRoot / packageVersion: this checkout's folder and the version of its package.json (named mmgym). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot, packageVersion } from './package-root.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('package root', () => {
  it('is the folder above util/ whose package.json is named mmgym', () => {
    expect(packageRoot()).toBe(resolve(here, '..'));
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
    expect(pkg.name).toBe('mmgym');
    expect(existsSync(join(packageRoot(), 'saved-models'))).toBe(true);
  });

  it('the version is package.json\'s, and the same on every call', () => {
    const pkg = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8')) as { version: string };
    expect(packageVersion()).toBe(pkg.version);
    expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(packageRoot()).toBe(packageRoot());
  });
});
