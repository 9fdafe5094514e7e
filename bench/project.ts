import { appendFile, cp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Command } from './measure.js';
import type { Tool } from './tool.js';

/** A throw-away copy of a project: sources/ and templates/, built into its own output/. */
export interface Project {
  readonly dir: string;
  readonly out: string;
}

/** Copy `from`'s briefs.yaml (where it has one), sources/ and templates/ into `dir` (which must not exist yet). */
export async function copyProject(from: string, dir: string): Promise<Project> {
  await mkdir(dir, { recursive: true });
  await cp(path.join(from, 'sources'), path.join(dir, 'sources'), { recursive: true });
  await cp(path.join(from, 'templates'), path.join(dir, 'templates'), { recursive: true });
  await cp(path.join(from, 'briefs.yaml'), path.join(dir, 'briefs.yaml')).catch(() => undefined);
  return { dir, out: path.join(dir, 'output') };
}

/** Remove the project's output, so the next build starts from nothing. */
export async function cleanOutput(project: Project): Promise<void> {
  await rm(project.out, { recursive: true, force: true });
}

/**
 * `briefs build --json` in the project, as a command to measure. With `briefs`, each is named
 * (`--brief ID`): the build then makes those briefs only, without the handout pack.
 */
export function buildCommand(tool: Tool, project: Project, briefs: readonly string[] = []): Command {
  return { file: process.execPath, args: [tool.bin, 'build', '--json', ...briefs.flatMap((brief) => ['--brief', brief])], cwd: project.dir };
}

/** The project's brief ids: the names of templates/briefs/*.md.hbs. */
export async function briefIds(project: Project): Promise<string[]> {
  const names = await readdir(path.join(project.dir, 'templates', 'briefs'));
  return names.filter((name) => name.endsWith('.md.hbs')).map((name) => name.slice(0, -'.md.hbs'.length)).sort();
}

const summarySchema = z.object({
  ok: z.boolean(),
  ms: z.number(),
  launchedBrowser: z.boolean(),
  briefs: z.array(z.object({ id: z.string(), action: z.string(), reasons: z.array(z.string()) })),
});

/** The `--json` summary a build prints on stdout. */
export type BuildSummary = z.output<typeof summarySchema>;

/** Read the summary out of a build's stdout. */
export function parseSummary(stdout: string): BuildSummary {
  const start = stdout.indexOf('{');
  if (start < 0) throw new Error(`the build printed no JSON summary:\n${stdout.slice(0, 500)}`);
  return summarySchema.parse(JSON.parse(stdout.slice(start)));
}

/** The final HTML files of these briefs, as the build wrote them. */
export function htmlOutputs(project: Project, briefs: readonly string[]): string[] {
  return briefs.map((brief) => path.join(project.out, `${brief}.html`));
}

const manifestSchema = z.object({
  outputs: z.record(z.string(), z.object({ brief: z.string(), deps: z.object({ sources: z.array(z.string()) }).optional() })),
});
const bibliographySchema = z.array(z.object({ id: z.string(), file: z.string() }));

/** A document chosen for the "one document changed" scenario, and the briefs citing it. */
export interface ChosenDocument {
  readonly sourceId: string;
  /** Absolute path of the document file. */
  readonly file: string;
  readonly citedBy: readonly string[];
}

/**
 * The document cited by the fewest briefs (at least one; ties: the first id alphabetically),
 * from the manifest of a finished build: the everyday edit, where an incremental build should
 * rebuild only part of the collection.
 */
export async function chooseDocument(project: Project, briefs: readonly string[]): Promise<ChosenDocument> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(path.join(project.out, 'build-manifest.json'), 'utf8')));
  const citedBy = new Map<string, Set<string>>();
  // The handout pack cites every document: only the briefs tell documents apart.
  for (const entry of Object.values(manifest.outputs).filter((output) => briefs.includes(output.brief))) {
    for (const source of entry.deps?.sources ?? []) citedBy.set(source, (citedBy.get(source) ?? new Set()).add(entry.brief));
  }
  const ranked = [...citedBy].sort(([a, x], [b, y]) => x.size - y.size || a.localeCompare(b));
  const bibliography = bibliographySchema.parse(parse(await readFile(path.join(project.dir, 'sources', 'sources.yaml'), 'utf8')));
  const [sourceId, citing] = ranked[0] ?? [bibliography[0]?.id ?? '', new Set<string>()];
  const entry = bibliography.find((source) => source.id === sourceId);
  if (!entry) throw new Error(`no document to edit: ${sourceId || 'sources.yaml lists none'}`);
  return { sourceId, file: path.join(project.dir, 'sources', entry.file), citedBy: [...citing].sort() };
}

/** Change a document without breaking any quote: append a new last paragraph. */
export async function touchDocument(document: ChosenDocument, run: number): Promise<void> {
  await appendFile(document.file, `\n\nBenchmark edit ${run}: a paragraph appended to change this document.\n`);
}
