/**
 * Anchors of the source viewer (`output/sources/<id>.html`), shared by the pages that link to
 * it (notes of the HTML briefs, the index) and the viewer itself.
 */

/** Folder of the source viewer pages, relative to the output folder. */
export const sourcesFolder = 'sources';

/** A document's viewer page, relative to the output folder. */
export const sourcePagePath = (sourceId: string) => `${sourcesFolder}/${sourceId}.html`;

/** Anchor of a numbered paragraph. */
export const paragraphAnchor = (n: number) => `p${n}`;

/** Anchor of the start of a PDF page (1-based index). */
export const pageAnchor = (page: number) => `page-${page}`;

/**
 * Anchor of one quoted passage: its paragraph and its offsets (UTF-16 code units) in the
 * paragraph's text. Two facts quoting the same words share it.
 */
export const passageAnchor = (paragraph: number, start: number, end: number) => `q${paragraph}-${start}-${end}`;

/** Link from a page in the output folder to a passage in the viewer. */
export const passageHref = (sourceId: string, paragraph: number, start: number, end: number) =>
  `${sourcePagePath(sourceId)}#${passageAnchor(paragraph, start, end)}`;
