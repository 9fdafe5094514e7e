import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDocument, PDFHexString, PDFName, PDFString, type PDFEmbeddedPage } from 'pdf-lib';

/** Landscape sheets, in points: two A5 (or half-Letter) pages a side. */
export const bookletSheets = {
  a4: { width: 841.89, height: 595.28 },
  letter: { width: 792, height: 612 },
} as const;

export interface BookletOptions {
  /** Creation and modification date to write (default: the pack's, so a pinned pack gives a pinned booklet). */
  readonly date?: Date | undefined;
}

/**
 * The pages on each side of each sheet, in saddle-stitch order: 0-based page indexes of a
 * document of `pages` pages (a multiple of four), `[left, right]` per side, front then back.
 * For 8 pages: [7, 0], [1, 6], [5, 2], [3, 4].
 */
export function bookletOrder(pages: number): Array<readonly [number, number]> {
  if (pages <= 0 || pages % 4 !== 0) throw new RangeError(`A booklet takes a multiple of four pages, not ${pages}.`);
  const sides: Array<readonly [number, number]> = [];
  for (let side = 0; side < pages / 2; side++) {
    sides.push(side % 2 === 0 ? [pages - 1 - side, side] : [side, pages - 1 - side]);
  }
  return sides;
}

/**
 * Impose the handout pack for saddle-stitch printing: its pages padded with blank ones to a
 * multiple of four, two to a side of a landscape sheet (each scaled to fit half of it and
 * centred there), in the order that, printed double-sided (flip on the short edge), folded and
 * stapled, reads 1, 2, 3 … The booklet carries the pack's title, author, creator, producer and
 * dates; the same pack gives the same bytes.
 */
export async function imposeBooklet(packPdf: Uint8Array, paper: 'a4' | 'letter', options: BookletOptions = {}): Promise<Uint8Array> {
  const pack = await PDFDocument.load(packPdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const booklet = await PDFDocument.create({ updateMetadata: false });
  const sourcePages = pack.getPages();
  if (sourcePages.length === 0) throw new RangeError('The handout pack has no pages to make a booklet of.');
  // A page without contents (an empty page) cannot be embedded: it stays blank, as the padding does.
  const withContents = sourcePages.filter((page) => page.node.Contents() !== undefined);
  const embeddings = withContents.length > 0 ? await booklet.embedPages(withContents) : [];
  const embedded: Array<PDFEmbeddedPage | undefined> = sourcePages.map((page) => embeddings[withContents.indexOf(page)]);
  const total = Math.ceil(sourcePages.length / 4) * 4;
  const sheet = bookletSheets[paper];
  const half = sheet.width / 2;
  for (const [left, right] of bookletOrder(total)) {
    const side = booklet.addPage([sheet.width, sheet.height]);
    [left, right].forEach((index, slot) => {
      const page = embedded[index];
      if (!page) return; // a blank page of the padding
      const scale = Math.min(half / page.width, sheet.height / page.height);
      const width = page.width * scale;
      const height = page.height * scale;
      side.drawPage(page, { x: slot * half + (half - width) / 2, y: (sheet.height - height) / 2, width, height });
    });
  }

  const title = pack.getTitle();
  if (title !== undefined) booklet.setTitle(title, { showInWindowTitleBar: true });
  const author = pack.getAuthor();
  if (author !== undefined) booklet.setAuthor(author);
  const subject = pack.getSubject();
  if (subject !== undefined) booklet.setSubject(subject);
  const creator = pack.getCreator();
  if (creator !== undefined) booklet.setCreator(creator);
  booklet.setProducer(pack.getProducer() ?? 'briefs (pdf-lib)');
  const language = pack.catalog.lookup(PDFName.of('Lang'));
  if (language instanceof PDFString || language instanceof PDFHexString) booklet.setLanguage(language.decodeText());
  const created = options.date ?? pack.getCreationDate();
  const modified = options.date ?? pack.getModificationDate() ?? created;
  if (created) booklet.setCreationDate(created);
  if (modified) booklet.setModificationDate(modified);
  // A file identifier derived from the pack and the paper, so the same pack gives the same bytes.
  const id = createHash('md5').update(packPdf).update(`booklet:${paper}`).digest('hex');
  booklet.context.trailerInfo.ID = booklet.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return booklet.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
