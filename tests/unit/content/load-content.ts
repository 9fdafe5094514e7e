import path from 'node:path';
import { loadTemplates, renderBrief, type BriefMarkdown, type TemplateSet } from '../../../src/compose/index.js';
import { loadCollection } from '../../../src/collection/load-collection.js';
import { attachMetrics, loadFacts, verifyQuotes, type VerifiedFact } from '../../../src/facts/index.js';
import { readSources, type SourceDoc } from '../../../src/ingest/index.js';

/** The project's real sources, facts and templates, rendered to Markdown (no browser). */
export interface Content {
  readonly facts: ReadonlyMap<string, VerifiedFact>;
  readonly docs: ReadonlyMap<string, SourceDoc>;
  readonly templates: TemplateSet;
  readonly factsPath: string;
  /** Problems found while loading (must be none). */
  readonly problems: readonly string[];
  /** Each brief's Markdown, rendered for this edition. */
  readonly briefs: ReadonlyMap<string, BriefMarkdown>;
}

/** Load and render a project folder (`sources/`, `templates/`) for an edition date. */
export async function loadContent(root: string, edition = '23 November 2026'): Promise<Content> {
  const sources = await readSources(path.join(root, 'sources'));
  const templates = await loadTemplates(path.join(root, 'templates'));
  const factsPath = path.join(root, 'sources', 'facts.yaml');
  const factsFile = await loadFacts(factsPath);
  // Figures get their metrics' labels from the collection's briefs.yaml, as a build gives them.
  const facts = verifyQuotes(attachMetrics(factsFile.facts, loadCollection(root).collection.metrics, factsFile.file), sources.docs, factsFile.file);
  const briefs = new Map(
    [...templates.briefs.values()].map((template) => {
      const brief = renderBrief(template, { templates, facts, docs: sources.docs, edition });
      return [brief.briefId, brief] as const;
    }),
  );
  const problems = [...sources.messages, ...factsFile.file.messages, ...[...briefs.values()].flatMap((brief) => brief.file.messages)].map(String);
  return { facts, docs: sources.docs, templates, factsPath, problems, briefs };
}

/** The rows of the first GFM table after `heading` in a brief's Markdown, as cell texts. */
export function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  if (start < 0) throw new Error(`no ${heading} in the brief`);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim()));
  }
  return rows;
}
