import { PDFDocument } from 'pdf-lib';

/** Document information written into each PDF. */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly creator: string;
  readonly lang: string;
}

/**
 * Chromium writes only the title: set author, subject, keywords, creator and language with
 * pdf-lib, keeping everything else (tags, outline) as Chromium wrote it.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords([...meta.keywords]);
  pdf.setCreator(meta.creator);
  pdf.setLanguage(meta.lang);
  return pdf.save({ useObjectStreams: false });
}
