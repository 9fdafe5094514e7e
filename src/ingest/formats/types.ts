/** The formats a source document can be in. Chosen by content (see detect-format.ts). */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf';

/** One block of a document's main text, in reading order. */
export interface Block {
  readonly kind: 'heading' | 'paragraph';
  /** The block's text on one line (white space runs as in the document; normalised later). */
  readonly text: string;
  /** Heading level, 1 for the title (headings only). */
  readonly depth?: number;
  /** 1-based page of a PDF the block starts on (PDF only). */
  readonly page?: number;
  /** Where a paragraph goes on to the next page: offsets in `text` where each new page starts. */
  readonly pageBreaks?: readonly { readonly offset: number; readonly page: number }[];
  /** 1-based line of the document file where the block starts, where the format tells (Markdown). */
  readonly line?: number;
}

/** What a format reader extracts from a document's bytes. */
export interface Extracted {
  readonly blocks: readonly Block[];
  /** Pages in the document (PDF only). */
  readonly pages?: number;
  /** The printed label of each page (`labels[0]` is page 1's), where the PDF defines them. */
  readonly pageLabels?: readonly string[];
}

/** A document that cannot be read in the format it appears to be in. */
export class FormatError extends Error {
  constructor(
    readonly format: SourceFormat,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(detail, options);
    this.name = 'FormatError';
  }
}
