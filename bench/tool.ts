import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

/** The briefs tool as the benchmark runs it: a compiled snapshot of the repository's code. */
export interface Tool {
  readonly dir: string;
  /** bin/briefs.js of the snapshot. */
  readonly bin: string;
  /** The floor script, compiled. */
  readonly floor: string;
  /** The layout floor script (the pipeline's own print step alone), compiled. */
  readonly layoutFloor: string;
  /** Whether `tsc` reported problems (the snapshot was still emitted and is run as it is). */
  readonly compileWarnings: string | undefined;
}

// defaults/ (built-in locales, templates, CSL styles) and schemas/ are read at run time from
// beside dist/: without them the snapshot cannot even resolve a configuration.
const copied = ['src', 'bin', 'scripts', 'defaults', 'schemas', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Compile bench/<name>.ts to <dir>/bench/<name>.js (one file, types erased). */
async function transpile(repo: string, dir: string, name: string): Promise<string> {
  const source = await readFile(path.join(repo, 'bench', `${name}.ts`), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: `${name}.ts`,
  });
  const file = path.join(dir, 'bench', `${name}.js`);
  // The snapshot runs compiled code: imports of the tool's sources go to dist/.
  await writeFile(file, outputText.replace(/(['"])\.\.\/src\//g, '$1../dist/'));
  return file;
}

/**
 * Copy the tool (src/, bin/, scripts/, defaults/, schemas/, package files) into `dir` and compile and bundle it there
 * as `npm ci` does in a clean clone (`tsc -p tsconfig.build.json`, scripts/bundle.mjs). The
 * benchmark then runs compiled JavaScript only (bin/briefs.js picks the bundle), and edits made
 * to src/ while it runs do not change what it measures. node_modules is linked, not copied.
 */
export async function prepareTool(repo: string, dir: string): Promise<Tool> {
  await mkdir(dir, { recursive: true });
  await Promise.all(copied.map((entry) => cp(path.join(repo, entry), path.join(dir, entry), { recursive: true })));
  await symlink(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsc = path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
  const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, encoding: 'utf8' });
  const main = path.join(dir, 'dist', 'cli', 'main.js');
  if (!existsSync(main)) throw new Error(`compiling the tool failed:\n${compiled.stdout}${compiled.stderr}`);
  // Then bundled, as `npm run compile` does: bin/briefs.js runs the bundle.
  const bundled = spawnSync(process.execPath, [path.join('scripts', 'bundle.mjs')], { cwd: dir, encoding: 'utf8' });
  if (bundled.status !== 0) throw new Error(`bundling the tool failed:\n${bundled.stdout}${bundled.stderr}`);
  await mkdir(path.join(dir, 'bench'), { recursive: true });
  await transpile(repo, dir, 'chromium');
  const floor = await transpile(repo, dir, 'floor');
  const layoutFloor = await transpile(repo, dir, 'floor-layout');
  return {
    dir,
    bin: path.join(dir, 'bin', 'briefs.js'),
    floor,
    layoutFloor,
    compileWarnings: compiled.status === 0 ? undefined : `${compiled.stdout}${compiled.stderr}`.trim(),
  };
}
