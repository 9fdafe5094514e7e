import { archivedDate } from '../fetch/archive-name.js';
import type { Manifest, ManifestEntry } from './manifest.js';
import type { Snapshot } from './snapshot.js';

/** A brief's output formats. */
export type OutputFormat = 'html' | 'pdf' | 'docx';

/** Options that change what a brief looks like. */
export interface RenderOptions {
  readonly paper: string;
  /** Footnotes or endnotes (PDF only). */
  readonly notes: string;
  /** Where the passages behind the notes are quoted. */
  readonly evidence: string;
  readonly author: string;
  readonly citationStyle: string;
  readonly locale: string;
  /** Digest of the collection (briefs.yaml as the pipeline uses it: title, language, logo, metrics …). */
  readonly collection: string;
  /** Only when pinned (SOURCE_DATE_EPOCH): otherwise a brief's edition is the day it was built. */
  readonly edition?: string | undefined;
  /** Identity of the browser (path, size, mtime), for PDFs. */
  readonly browser: string;
}

/** What a brief used in its last build. */
export interface BriefDeps {
  readonly facts: readonly string[];
  readonly sources: readonly string[];
}

/** One output and whether to build it. */
export interface PlanStep {
  readonly output: string;
  readonly brief: string;
  readonly format: OutputFormat;
  readonly action: 'build' | 'skip';
  /** Why it is built (empty when skipped). */
  readonly reasons: readonly string[];
}

/** An output the build deletes, and why. */
export interface PlanRemoval {
  readonly output: string;
  /** The brief (or `(site)`) it was made for. */
  readonly brief: string;
  readonly reason: string;
}

/** What a build will do. */
export interface BuildPlan {
  readonly steps: readonly PlanStep[];
  /** Outputs of briefs whose template is gone (and viewer pages of removed documents): deleted by the build. */
  readonly remove: readonly string[];
  /** The same, each with its brief and why. */
  readonly removals: readonly PlanRemoval[];
  /**
   * Inputs (sources.yaml, facts.yaml, documents) changed since the last build that no step
   * rebuilds from (a comment, a fact copied twice, an entry no brief uses): the build checks
   * them as `briefs check` does before it calls anything up to date. Empty when a step builds
   * (building checks every input).
   */
  readonly check: readonly string[];
}

/** The handout pack's pseudo brief id in plans and the manifest. */
export const packId = '(handout pack)';


/** The pseudo brief id of the pages made from the whole collection: the index and the source viewer. */
export const siteId = '(site)';

/** The index page's file name. */
export const indexFile = 'index.html';

/** Output file name of a brief in a format (the pack's is the collection's `pack.file`). */
export const outputName = (brief: string, format: OutputFormat, packFile = 'briefs-handout.pdf') => (brief === packId ? packFile : `${brief}.${format}`);

/**
 * Every input of one output, with its current digest (or value). Facts: every fact of the
 * brief's topic (so an added fact shows up) and every fact it used; sources: those it cited.
 */
export function collectInputs(
  brief: string,
  format: OutputFormat,
  deps: BriefDeps,
  snapshot: Snapshot,
  options: RenderOptions,
  templatesPrefix: string,
): Record<string, string> {
  const inputs: Record<string, string> = {};
  const briefsPrefix = `${templatesPrefix}/briefs/`;
  // The pack and the site pages are made of every brief; a brief, of itself.
  const covered = brief === packId || brief === siteId ? snapshot.briefIds : [brief];
  for (const [file, value] of snapshot.files) {
    if (!file.startsWith(`${templatesPrefix}/`)) continue;
    // Other briefs' templates are not inputs of this one.
    if (file.startsWith(briefsPrefix) && !covered.some((id) => file === `${briefsPrefix}${id}.md.hbs`)) continue;
    inputs[file] = value;
  }
  for (const id of covered) if (!(`${briefsPrefix}${id}.md.hbs` in inputs)) inputs[`${briefsPrefix}${id}.md.hbs`] = 'missing';
  for (const source of deps.sources) {
    const file = snapshot.documents.get(source);
    inputs[file ?? `source:${source}`] = file ? (snapshot.files.get(file) ?? 'missing') : 'missing';
    inputs[`sources/sources.yaml#${source}`] = snapshot.bibliography.get(source) ?? 'missing';
    // Which file the source is read from: when it moves (a pin moved by `briefs fetch`), the
    // build says so in one reason rather than as a file removed, one added and an entry changed.
    if (file) inputs[`${sourceFileKey}${source}`] = file;
  }
  const facts = new Set(deps.facts);
  for (const [id, stamp] of snapshot.facts) if (stamp.topics.some((topic) => covered.includes(topic))) facts.add(id);
  for (const id of facts) inputs[`sources/facts.yaml#${id}`] = snapshot.facts.get(id)?.digest ?? 'missing';
  if (!snapshot.readable) inputs['sources/*.yaml'] = 'unreadable';
  inputs['option:paper'] = options.paper;
  inputs['option:evidence'] = options.evidence;
  inputs['option:author'] = options.author;
  inputs['option:citation-style'] = `${options.citationStyle}/${options.locale}`;
  inputs['collection'] = options.collection;
  if (options.edition) inputs['option:edition'] = options.edition;
  inputs['tool'] = snapshot.tool;
  if (format === 'pdf') {
    inputs['browser'] = options.browser;
    inputs['option:notes'] = options.notes;
  }
  return inputs;
}

/** The input key naming the file a source is read from. */
const sourceFileKey = 'source-file:';

function describe(key: string, kind: 'added' | 'removed' | 'changed', before?: string, after?: string): string {
  const fact = /^sources\/facts\.yaml#(.+)$/.exec(key);
  if (fact) return `fact ${fact[1]} ${kind}`;
  const entry = /^sources\/sources\.yaml#(.+)$/.exec(key);
  if (entry) return `bibliography entry ${entry[1]} ${kind}`;
  if (key === 'tool') return 'the tool changed (its code, built-in templates or dependencies)';
  if (key === 'collection') return 'briefs.yaml changed';
  if (key === 'browser') return 'the browser changed';
  if (key.startsWith('option:')) {
    const name = key.slice('option:'.length);
    return kind === 'changed' ? `${name} changed from ${before} to ${after}` : `${name} ${kind}`;
  }
  return `${key} ${kind}`;
}

/**
 * Why an output's recorded inputs differ from the current ones (empty: up to date). A source
 * now read from another file is one reason: `sources/documents/x.txt updated upstream (fetched
 * 2026-12-02)` when the new file is an archived version, else `source x is now read from …`.
 */
export function diffInputs(recorded: Readonly<Record<string, string>>, current: Readonly<Record<string, string>>): string[] {
  const reasons: string[] = [];
  const said = new Set<string>();
  for (const [key, value] of Object.entries(current)) {
    if (!key.startsWith(sourceFileKey)) continue;
    const before = recorded[key];
    if (before === undefined || before === value) continue;
    const id = key.slice(sourceFileKey.length);
    const archived = archivedDate(value);
    reasons.push(archived ? `${before} updated upstream (fetched ${archived.date})` : `source ${id} is now read from ${value} (was ${before})`);
    said.add(key).add(before).add(value).add(`sources/sources.yaml#${id}`);
  }
  for (const [key, value] of Object.entries(current)) {
    if (said.has(key) || key.startsWith(sourceFileKey)) continue;
    if (!(key in recorded)) reasons.push(describe(key, 'added'));
    else if (recorded[key] !== value) reasons.push(describe(key, 'changed', recorded[key], value));
  }
  for (const key of Object.keys(recorded)) if (!(key in current) && !said.has(key) && !key.startsWith(sourceFileKey)) reasons.push(describe(key, 'removed'));
  return reasons;
}

/** Everything planning needs. */
export interface PlanInput {
  readonly manifest: Manifest | undefined;
  readonly snapshot: Snapshot;
  readonly options: RenderOptions;
  /** Brief ids to consider (the selection, or every brief). */
  readonly briefs: readonly string[];
  readonly formats: readonly (OutputFormat)[];
  /** Output path → digest of the file now on disk (undefined if missing). */
  readonly onDisk: ReadonlyMap<string, string | undefined>;
  readonly force: boolean;
  /** Whether to make the handout pack (every brief selected, PDFs wanted, a pack layout). */
  readonly pack: boolean;
  /** The pack's file name (briefs.yaml's `pack.file`). */
  readonly packFile: string;
  /** Whether every brief was selected (only then are outputs of deleted templates removed). */
  readonly all: boolean;
  /** Output names of the site pages (index, source viewer) to make; empty when not made. */
  readonly site?: readonly string[];
  readonly templatesPrefix: string;
}

/** Decide, from digests alone, which outputs to build and why. Pure. */
export function planBuild(input: PlanInput): BuildPlan {
  const steps: PlanStep[] = [];
  const targets: Array<[string, OutputFormat, string]> = input.briefs.flatMap((brief) =>
    input.formats.map((format) => [brief, format, outputName(brief, format)] as [string, OutputFormat, string]),
  );
  if (input.pack) targets.push([packId, 'pdf', input.packFile]);
  for (const output of input.site ?? []) targets.push([siteId, 'html', output]);
  for (const [brief, format, output] of targets) {
    {
      const entry: ManifestEntry | undefined = input.manifest?.outputs[output];
      const reasons: string[] = [];
      // A forced build gives one reason, so two forced builds report the same thing.
      if (input.force) reasons.push('--force');
      else if (!entry) {
        reasons.push('no previous build');
      } else {
        const disk = input.onDisk.get(output);
        if (disk === undefined) reasons.push(`${output} is missing`);
        else if (disk !== entry.digest) reasons.push(`${output} was changed outside the build`);
        const current = collectInputs(brief, format, entry.deps, input.snapshot, input.options, input.templatesPrefix);
        reasons.push(...diffInputs(entry.inputs, current));
      }
      steps.push({ output, brief, format, action: reasons.length > 0 ? 'build' : 'skip', reasons });
    }
  }
  const removals = input.all ? plannedRemovals(input) : [];
  const building = steps.some((step) => step.action === 'build');
  const check = building ? [] : changedInputs(input.manifest?.checked ?? {}, input.snapshot.checked);
  return { steps, remove: removals.map((removal) => removal.output), removals, check };
}

/**
 * Outputs of templates deleted from the templates folder they were built from, and viewer pages
 * of deleted documents (when the site is made). With no brief left at all nothing goes: that is a typo or a lost folder, not every brief
 * retired at once (the build refuses it before planning; this keeps the plan safe on its own).
 */
function plannedRemovals(input: PlanInput): PlanRemoval[] {
  const known = new Set(input.snapshot.briefIds);
  if (known.size === 0) return [];
  const site = new Set(input.site ?? []);
  const removals: PlanRemoval[] = [];
  for (const [output, entry] of Object.entries(input.manifest?.outputs ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (entry.brief === siteId) {
      if (site.size > 0 && !site.has(output)) removals.push({ output, brief: siteId, reason: 'its document is no longer in sources.yaml' });
    } else if (entry.brief !== packId && !known.has(entry.brief)) {
      // Only a template deleted from this templates folder retires its brief: outputs built from
      // another folder (another --templates) are not this folder's to remove.
      const template = `${input.templatesPrefix}/briefs/${entry.brief}.md.hbs`;
      if (template in entry.inputs) removals.push({ output, brief: entry.brief, reason: `its template ${template} was removed` });
    }
  }
  return removals;
}

/** The inputs whose digest differs from the one the last successful build checked, sorted. */
export function changedInputs(checked: Readonly<Record<string, string>>, current: ReadonlyMap<string, string>): string[] {
  const changed = [...current].filter(([file, value]) => checked[file] !== value).map(([file]) => file);
  return changed.sort();
}
