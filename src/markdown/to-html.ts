import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import type { ResultCache } from '../cache/index.js';
import type { BriefMarkdown } from '../compose/index.js';
import type { FormattedCitations } from '../cite/index.js';
import type { FrontMatter } from './front-matter.js';
import { parseMarkdown } from './parse-markdown.js';
import type { BriefProcessor, NoteFormatter } from './processor.js';

/** A brief's body as HTML, with what the layout needs. */
export interface BriefHtmlBody {
  readonly briefId: string;
  /** `value` is the HTML fragment; diagnostics from this stage are on it. */
  readonly file: VFile;
  readonly matter: FrontMatter | undefined;
  readonly citations: FormattedCitations | undefined;
  /**
   * The Markdown's syntax tree as parsed, before the pipeline's transforms: `file.value` is
   * HTML now, and the lint reads the Markdown's paragraphs from this instead of parsing again.
   */
  readonly markdown: Root;
}

/** Run one brief's Markdown through the (frozen, shared) processor. */
export async function markdownToHtml(
  brief: BriefMarkdown,
  processor: BriefProcessor,
  formatNotes: NoteFormatter,
  options: { readonly drawCharts?: boolean; readonly cache?: ResultCache } = {},
): Promise<BriefHtmlBody> {
  const file = brief.file;
  file.data.formatNotes = formatNotes;
  file.data.drawCharts = options.drawCharts ?? true;
  if (options.cache) file.data.resultCache = options.cache;
  if (brief.templateLines) file.data.templateLines = brief.templateLines;
  const tree = parseMarkdown(processor, file, options.cache);
  // (A copy costs a tenth of a parse; the transforms change the tree in place.)
  const markdown = structuredClone(tree);
  const hast = await processor.run(tree, file);
  file.value = processor.stringify(hast, file);
  return { briefId: brief.briefId, file, matter: file.data.matter, citations: file.data.citations, markdown };
}
