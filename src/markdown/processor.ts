import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { EvidencePlacement } from './evidence.js';
import type { ResultCache } from '../cache/index.js';
import type { FormattedCitations } from '../cite/index.js';
import type { FrontMatter } from './front-matter.js';
import { englishLocale, type Locale } from '../locale/index.js';
import remarkCitations from './plugins/remark-citations.js';
import { sanitizeSchema } from './sanitize-schema.js';
import remarkFrontMatterData from './plugins/remark-front-matter-data.js';
import rehypeChart from './plugins/rehype-chart.js';
import rehypeDropExternal from './plugins/rehype-drop-external.js';
import rehypeEvidence from './plugins/rehype-evidence.js';
import rehypeSources from './plugins/rehype-sources.js';

/** How the citation stage formats the notes of one brief. */
export interface NoteFormatter {
  /** Whether a footnote label names a fact. */
  readonly knows: (factId: string) => boolean;
  /** Notes and Sources: one note per marker (the facts it cites), in reading order. */
  readonly format: (groups: readonly (readonly string[])[]) => FormattedCitations;
  /** Where the printed brief quotes the passages behind its notes (default `annex`). */
  readonly evidence?: EvidencePlacement;
}

declare module 'vfile' {
  interface DataMap {
    /** The brief's front matter (set by remark-front-matter-data). */
    matter: FrontMatter;
    /** Formats notes (set by the caller before processing). */
    formatNotes: NoteFormatter;
    /** The notes and Sources of the brief (set by remark-citations). */
    citations: FormattedCitations;
    /** False to skip drawing charts (a check needs the data, not the SVG); default true. */
    drawCharts: boolean;
    /** Where charts drawn before are kept (set by the caller; default none). */
    resultCache: ResultCache;
  }
}

/** What the processor is made for. */
export interface ProcessorOptions {
  /**
   * The interface language: the headings and words the stage writes (Notes, Evidence,
   * Sources …) and the brief's `lang` where its front matter gives none. Default English.
   */
  readonly language?: Locale;
}

/**
 * The Markdown → HTML processor: remark-parse (with GFM and front matter) → notes from facts
 * → remark-rehype → charts (SVG) → Sources → rehype-stringify. Raw HTML in Markdown is dropped. Frozen: one
 * processor serves every brief (of one collection: its words are in the collection's language).
 */
export function createProcessor(options: ProcessorOptions = {}) {
  const language = options.language ?? englishLocale();
  const back = (rereference: number) => language.t('noteBack', { rereference });
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfm)
    .use(remarkFrontMatterData, { lang: language.lang })
    .use(remarkCitations, { language })
    .use(remarkRehype, {
      clobberPrefix: '',
      footnoteLabel: language.t('notes'),
      footnoteLabelTagName: 'h2',
      footnoteLabelProperties: { className: ['notes-heading'] },
      // The back link's visible word starts its accessible name (WCAG 2.5.3, axe's
      // label-content-name-mismatch): "back" / "back to the text of note 3".
      footnoteBackContent: (_index: number, rereference: number) => [{ type: 'text', value: back(rereference) }],
      footnoteBackLabel: (index: number, rereference: number) => language.t('noteBackLabel', { back: back(rereference), note: String(index + 1) }),
    })
    .use(rehypeDropExternal)
    .use(rehypeSanitize, sanitizeSchema)
    .use(rehypeChart)
    .use(rehypeEvidence, { language })
    .use(rehypeSources, { language })
    .use(rehypeStringify)
    .freeze();
}

export type BriefProcessor = ReturnType<typeof createProcessor>;
