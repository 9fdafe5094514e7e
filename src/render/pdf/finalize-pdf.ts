import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFDocument, PDFHexString } from 'pdf-lib';

/** Document information written into each PDF. */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly creator: string;
  readonly lang: string;
  /** Pinned creation and modification date (from SOURCE_DATE_EPOCH), for reproducible files. */
  readonly date?: Date | undefined;
  /** A digest of what the PDF was made from (its HTML): the file identifier derives from it. */
  readonly fingerprint: string;
}

/**
 * Chromium writes only the title: set author, subject, keywords, creator and language with
 * pdf-lib, keeping everything else (tags, outline) as Chromium wrote it. With a pinned date,
 * the dates and the trailer /ID are fixed so the same inputs give the same bytes.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // Parse and write without yielding to the event loop between objects: the file is small and
  // the build is waiting for it.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords([...meta.keywords]);
  pdf.setCreator(meta.creator);
  pdf.setProducer('kosovo-trafficking-briefs (Chromium, pdf-lib)');
  pdf.setLanguage(meta.lang);
  if (meta.date) {
    pdf.setCreationDate(meta.date);
    pdf.setModificationDate(meta.date);
  }
  // A file identifier derived from the inputs (not from Chromium's bytes, which hold the time).
  const id = createHash('md5').update(JSON.stringify(meta)).digest('hex');
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
