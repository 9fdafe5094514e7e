import { z } from 'zod';

/** The file that describes a collection, at its root (as `mkdocs.yml` or `_quarto.yml`). */
export const collectionFile = 'briefs.yaml';

const metricSchema = z.strictObject({
  /** The id facts use in `figure.metric`, e.g. `victims-identified`. */
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens'),
  /** What tables and charts call it: `Victims identified`. */
  label: z.string().trim().min(1),
  /**
   * The unit it is normally counted in (`persons`, `USD`, `percent`): a number in that unit is
   * shown bare under the label; a number in another unit carries its unit.
   */
  unit: z.string().trim().min(1),
});

/**
 * `briefs.yaml`: what a collection is called, who publishes it, in which language, how its
 * briefs look and print, and the figure metrics its facts may use. Every field is optional: a
 * collection without the file gets the defaults. Options given on the command line win over it.
 */
export const collectionSchema = z.strictObject({
  /** The series title, on every brief, the index, the viewer and the pack: `Human trafficking in Kosovo`. */
  title: z.string().trim().min(1).default('Policy briefs'),
  /** A line under the title: `Policy briefs`. */
  subtitle: z.string().trim().min(1).optional(),
  /** Who publishes the briefs. */
  organisation: z.string().trim().min(1).optional(),
  /** The author written into each PDF and HTML (default: the organisation, else the title). */
  author: z.string().trim().min(1).optional(),
  /** The language of the interface text (BCP 47: `en`, `sq`, `sr-Latn`). Quotes keep their own. */
  lang: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'write a language tag such as en, sq or sr-Latn').default('en'),
  /** An SVG logo, relative to the collection's root. */
  logo: z.string().trim().min(1).optional(),
  /** The accent colour of headings and rules: `#1f4e79`. */
  accent: z.string().regex(/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'write a colour as #rgb or #rrggbb').optional(),
  /** The licence the briefs are published under: `CC BY 4.0`. */
  licence: z.string().trim().min(1).optional(),
  /** How readers reach the publisher: an address or a web page. */
  contact: z.string().trim().min(1).optional(),
  /** The address of the online edition (where output/ is published). */
  site: z.url({ protocol: /^https?$/, error: 'write a web address starting with http:// or https://' }).optional(),
  /** Folders, relative to the root (the command line's --sources, --templates, --out win). */
  sources: z.string().min(1).optional(),
  templates: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  /** Paper of the PDFs. */
  paper: z.enum(['a4', 'letter']).optional(),
  /** Where the PDF notes go. */
  notes: z.enum(['footnotes', 'endnotes']).optional(),
  /** Where the printed brief quotes the passages behind its notes. */
  evidence: z.enum(['annex', 'notes', 'none']).optional(),
  /** The CSL style file (without `.csl`): the collection's templates/csl/, else the built-in ones. */
  'citation-style': z.string().min(1).optional(),
  /** The handout pack: its cover title and its file name. */
  pack: z
    .strictObject({
      title: z.string().trim().min(1).optional(),
      file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.pdf$/, 'write a file name ending in .pdf, without folders').optional(),
      /** Also write the pack imposed for saddle-stitch printing, as `<file>-booklet.pdf` (the command line's --booklet turns it on too). */
      booklet: z.boolean().optional(),
    })
    .optional(),
  /** The order of the briefs in the index and the pack (ids; the others follow in name order). */
  briefs: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'write brief ids as their template names')).optional(),
  /** The metrics a fact's `figure` may count, each with its label and unit. */
  metrics: z.array(metricSchema).optional(),
});

/** `briefs.yaml` as written. */
export type CollectionEntry = z.output<typeof collectionSchema>;

/** What a metric is called in tables and charts, and the unit its number is usually counted in. */
export interface MetricInfo {
  readonly label: string;
  readonly unit: string;
}

/** The collection as the pipeline uses it: every default filled. */
export interface Collection {
  readonly title: string;
  readonly subtitle?: string;
  readonly organisation?: string;
  readonly author: string;
  readonly lang: string;
  /** The logo's SVG text (read from `logo`), for inlining. */
  readonly logo?: string;
  readonly accent?: string;
  readonly licence?: string;
  readonly contact?: string;
  readonly site?: string;
  readonly pack: { readonly title: string; readonly file: string };
  /** Brief ids in the order the collection gives (may be empty). */
  readonly order: readonly string[];
  /** Metric id → label and unit. */
  readonly metrics: ReadonlyMap<string, MetricInfo>;
  /** Where briefs.yaml is (undefined when the collection has none). */
  readonly file?: string;
}
