import { createHash } from 'node:crypto';

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

export const producer = 'briefs (Chromium, pdf-lib)';

/** A file identifier derived from the inputs (not from Chromium's bytes, which hold the time). */
export const fileId = (meta: PdfMetadata) => createHash('md5').update(JSON.stringify(meta)).digest('hex');
