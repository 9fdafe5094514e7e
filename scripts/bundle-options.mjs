// What scripts/bundle.mjs gives esbuild, and the check it runs on the result; shared with
// tests/unit/build/bundle.test.ts, which bundles in memory and fails on what the bundle would lose.

// Left to Node: puppeteer reads its config file through CommonJS globals, pdfjs-dist starts a
// worker from its own files, chokidar has optional native parts. puppeteer-core is bundled (the
// print worker loads it in half the time), but not what it loads on use only, as CommonJS:
// debug (its logging) and the archive readers of @puppeteer/browsers (browser downloads).
export const external = ['puppeteer', 'pdfjs-dist', 'chokidar', 'fsevents', '@resvg/resvg-js', 'debug', 'extract-zip', 'tar-fs'];

/** esbuild's options for the CLI bundle, from the repository root. */
export function bundleOptions(root) {
  return {
    absWorkingDir: root,
    // The print worker is a script of its own (src/build/worker-printer.ts starts it from beside itself).
    entryPoints: { briefs: 'src/cli/main.ts', 'print-worker': 'src/build/print-worker.ts' },
    outdir: 'dist/bundle',
    // The chunks sit beside the entry, one folder below the repository like src/<stage>/*.ts:
    // paths the code finds from its own file (package.json, src/, node_modules) stay right.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    metafile: true,
    // CommonJS dependencies bundled into ESM still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    logLevel: 'warning',
  };
}

/**
 * The dynamic imports that reach a CommonJS module inside the bundle. esbuild puts such a module
 * in a chunk of its own that exports only `default` (module.exports), so `const { X } = await
 * import('pkg')` finds X under Node and `undefined` in the bundle ("X is not a constructor").
 * Import CommonJS packages statically, from a module that is itself loaded on first use.
 */
export function dynamicCommonJsImports(metafile) {
  const found = [];
  for (const [importer, input] of Object.entries(metafile.inputs)) {
    for (const edge of input.imports) {
      if (edge.kind !== 'dynamic-import' || edge.external) continue;
      if (metafile.inputs[edge.path]?.format === 'cjs') found.push(`${importer}: import(${JSON.stringify(edge.original ?? edge.path)}) reaches CommonJS ${edge.path}`);
    }
  }
  return found;
}

