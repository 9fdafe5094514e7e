// Bundle the `briefs` CLI into dist/bundle/ with esbuild (run by `npm run compile`, and so by
// `npm ci`). The code and its dependencies load from a few large files instead of about a
// thousand small modules: a cold build spends ~0.35 s less before its first brief is ready.
// What is only sometimes needed (charts, the PDF stage, the viewer's readers) stays in chunks
// of its own, loaded on first use, as the dynamic imports in src/ ask.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleOptions, dynamicCommonJsImports } from './bundle-options.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Chunks are named by their content: clear the old ones first.
await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
const result = await build(bundleOptions(root));
const broken = dynamicCommonJsImports(result.metafile);
if (broken.length > 0) {
  await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
  console.error(`bundle: a dynamic import of a CommonJS module loses its named exports in the bundle:\n  ${broken.join('\n  ')}\nImport it statically from a module that is loaded on first use.`);
  process.exit(1);
}
