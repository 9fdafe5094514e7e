import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** The text of each page of a PDF, read back with pdfjs-dist (lines joined by spaces). */
export async function pdfPages(file: string): Promise<string[]> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    const parts = content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : ''));
    pages.push(parts.join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The PDF's document information (title, author …). */
export async function pdfInfo(file: string): Promise<Record<string, unknown>> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, verbosity: 0 }).promise;
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return info as Record<string, unknown>;
}

/** The note markers and the notes printed on one page of a PDF. */
export interface PageNotes {
  /** 1-based page number. */
  readonly page: number;
  /** Numbers of the superscript note markers in the text. */
  readonly markers: readonly number[];
  /** Numbers of the notes printed at the foot of the page ("7. United States …"), top to bottom. */
  readonly notes: readonly number[];
}

/**
 * Find note markers and page-foot notes page by page, from the text items' sizes: a marker is a
 * number set smaller than the text just before it (a superscript); a note starts with "N." at
 * the left margin in the small note size.
 */
export async function pdfNotes(file: string): Promise<PageNotes[]> {
  const data = new Uint8Array(await readFile(file));
  const pdf = await getDocument({ data, verbosity: 0 }).promise;
  const result: PageNotes[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const items = (await page.getTextContent()).items.filter(
      (item): item is Extract<typeof item, { str: string }> => 'str' in item && item.str.trim() !== '',
    );
    const left = Math.min(...items.map((item) => item.transform[4] as number));
    const markers: number[] = [];
    const notes: number[] = [];
    items.forEach((item, index) => {
      const previous = items[index - 1];
      if (/^\d+$/.test(item.str) && previous && item.height < 8.5 && item.height < previous.height * 0.8) markers.push(Number(item.str));
      if (/^\d+\.$/.test(item.str) && item.height < 9 && Math.abs((item.transform[4] as number) - left) < 2) notes.push(Number(item.str.slice(0, -1)));
    });
    result.push({ page: number, markers, notes });
  }
  await pdf.destroy();
  return result;
}
