import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the build scripts, without types.
import { bundleOptions, dynamicCommonJsImports } from '../../../scripts/bundle-options.mjs';
import { repoRoot } from '../../helpers/project.js';

type Metafile = Parameters<(metafile: import('esbuild').Metafile) => void>[0];
const check = dynamicCommonJsImports as (metafile: Metafile) => string[];
const options = bundleOptions as (root: string) => import('esbuild').BuildOptions;

describe('the CLI bundle (scripts/bundle.mjs)', () => {
  it('should hold no dynamic import of a CommonJS module, which would lose its named exports', async () => {
    const result = await build({ ...options(repoRoot), write: false, logLevel: 'silent' });
    expect(check(result.metafile!)).toEqual([]);
    // Every reader is in it: the web page reader takes Readability with it.
    expect(Object.keys(result.metafile!.inputs).some((input) => input.includes('@mozilla/readability'))).toBe(true);
  });

  it('should find a dynamic import of a CommonJS package', async () => {
    const result = await build({
      ...options(repoRoot),
      entryPoints: { probe: 'tests/fixtures/bundle/dynamic-commonjs.ts' },
      write: false,
      logLevel: 'silent',
    });
    const found = check(result.metafile!);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/import\("@mozilla\/readability"\) reaches CommonJS \S*node_modules\/@mozilla\/readability\/index\.js/);
  });
});
