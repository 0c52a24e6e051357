import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ownPackage } from '../../conventions/own-package.js';
import plugin from '../../eslint-plugin/index.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

describe('ownPackage', () => {
  it("finds many-first's folder and version above the module, past other package.json files", () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    expect(ownPackage()).toEqual({ root: repoRoot.replace(/\/$/, ''), version: manifest.version });
    // The plugin reports the same version it found there.
    expect(plugin.meta.version).toBe(manifest.version);
  });
});
