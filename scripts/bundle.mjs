// Bundle the `briefs` CLI into dist/bundle/ with esbuild (run by `npm run compile`, and so by
// `npm ci`). The code and its dependencies load from a few large files instead of about a
// thousand small modules: a cold build spends ~0.35 s less before its first brief is ready.
// What is only sometimes needed (charts, the PDF stage, the viewer's readers) stays in chunks
// of its own, loaded on first use, as the dynamic imports in src/ ask.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Chunks are named by their content: clear the old ones first.
await rm(path.join(root, 'dist', 'bundle'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { briefs: 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  // The chunks sit beside the entry, one folder below the repository like src/<stage>/*.ts:
  // paths the code finds from its own file (package.json, src/, node_modules) stay right.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Left to Node: puppeteer reads its config file through CommonJS globals, pdfjs-dist starts a
  // worker from its own files, chokidar has optional native parts.
  external: ['puppeteer', 'pdfjs-dist', 'chokidar', 'fsevents'],
  // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
