import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * Before any test: the end-to-end tests run `bin/briefs.js` as `npm ci` installs it, which runs
 * the esbuild bundle. After `npm ci` the bundle is current; after an edit of src/ it is made
 * again here (as `npm run compile` would), so the tests never run a stale bundle, and never
 * silently run the TypeScript sources instead (they set BRIEFS_ENTRY=bundle).
 */
export default function setup(): void {
  const bundle = path.join(root, 'dist', 'bundle', 'briefs.js');
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    // Not bundled yet.
  }
  if (built >= Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'scripts', 'bundle-options.mjs')).mtimeMs)) return;
  const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'bundle.mjs')], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`Bundling the CLI failed (node scripts/bundle.mjs):\n${run.stdout}${run.stderr}`);
}
