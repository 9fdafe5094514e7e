#!/usr/bin/env node
// The `briefs` command. Runs the bundle in dist/bundle/ (made by `npm ci` / `npm run compile`,
// see scripts/bundle.mjs), or else the compiled JavaScript in dist/, whichever is at least as
// new as every file in src/; otherwise runs the TypeScript sources directly through tsx, so an
// edit to src/ never runs stale code.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function freshest(candidates) {
  const sources = newest(path.join(root, 'src'));
  for (const candidate of candidates) {
    try {
      if (statSync(path.join(root, candidate)).mtimeMs >= sources) return candidate;
    } catch {
      // Not built: try the next.
    }
  }
  return undefined;
}

// BRIEFS_ENTRY=bundle or =sources insists on one of the two (the tests run the bundle as
// `npm ci` installs it, and compare it with the sources): a stale or missing bundle is then an
// error, never a silent fall-back to the other.
const bundle = path.join('dist', 'bundle', 'briefs.js');
const wanted = process.env.BRIEFS_ENTRY;
let entry;
if (wanted === 'bundle') {
  if (freshest([bundle]) === undefined) {
    process.stderr.write(`BRIEFS_ENTRY=bundle, but ${bundle} is missing or older than src/: run \`npm run compile\`.\n`);
    process.exit(2);
  }
  entry = pathToFileURL(path.join(root, bundle)).href;
} else {
  const compiled = wanted === 'sources' ? undefined : freshest([bundle, path.join('dist', 'cli', 'main.js')]);
  if (compiled) {
    entry = pathToFileURL(path.join(root, compiled)).href;
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    entry = pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href;
  }
}
const { main } = await import(entry);

// `briefs build | head` closes the pipe early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

// Ctrl-C and SIGTERM abort the build: the browser is closed, nothing half-written is left, the
// previous output stays. A second Ctrl-C exits at once.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(signal === 'SIGTERM' ? 143 : 130);
    controller.abort(new Error(signal));
  });
}
const io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  cwd: process.cwd(),
  signal: controller.signal,
};
process.exitCode = await main(process.argv.slice(2), io);
