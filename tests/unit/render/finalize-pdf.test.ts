import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type PdfBrowser } from '../../../src/render/pdf/browser.js';
import { finalizePdf } from '../../../src/render/pdf/finalize-pdf.js';
import type { PdfMetadata } from '../../../src/render/pdf/pdf-metadata.js';
import { finalizeWhole } from '../../../src/render/pdf/finalize-whole.js';
import { findBrowser } from '../../../src/render/pdf/find-browser.js';
import { readPdfObjects } from '../../../src/render/pdf/pdf-objects.js';
import { withTempDir } from '../../helpers/temp-dir.js';

// Chromium's own PDFs, as the build prints them (tagged, with an outline): a table whose
// header cells the data cells name, so the structure elements carry Chromium's node ids.
const table = (rows: number) =>
  `<table><thead><tr><th>Year</th><th>Tier</th></tr></thead><tbody>${Array.from({ length: rows }, (_, row) => `<tr><td>${2010 + row}</td><td>Tier ${1 + (row % 2)}</td></tr>`).join('')}</tbody></table>`;
const html = (title: string, extra = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${extra}<p>Before the table.</p>${table(6)}<h2>After</h2><p>Ärger, ç, š: text after it.</p>${table(3)}</body></html>`;

const meta: PdfMetadata = {
  title: 'The UNMIK era — 1999 to 2008',
  author: 'Analyst Ë',
  subject: 'What the sources say',
  keywords: ['Kosovo', 'trafficking'],
  creator: 'briefs',
  lang: 'en',
  date: new Date(Date.UTC(2025, 11, 1)),
  fingerprint: 'abc',
};

const infoOf = async (bytes: Uint8Array) => {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  return {
    title: pdf.getTitle(),
    author: pdf.getAuthor(),
    subject: pdf.getSubject(),
    keywords: pdf.getKeywords(),
    creator: pdf.getCreator(),
    producer: pdf.getProducer(),
    created: pdf.getCreationDate()?.toISOString(),
    modified: pdf.getModificationDate()?.toISOString(),
    pages: pdf.getPageCount(),
    lang: (pdf.catalog.get(PDFName.of('Lang')) as PDFString).decodeText(),
    displayTitle: String(pdf.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).get(PDFName.of('DisplayDocTitle'))),
  };
};

/** The structure elements' ids, the cells' header references and the ID tree's keys. */
const structureIds = async (bytes: Uint8Array) => {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const text = (value: unknown) => (value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined);
  const ids: string[] = [];
  const headers: string[] = [];
  let keys: string[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict)) continue;
    const id = text(object.get(PDFName.of('ID')));
    if (id && object.has(PDFName.of('S'))) ids.push(id);
    const attributes = object.get(PDFName.of('A'));
    const dicts = attributes instanceof PDFArray ? attributes.asArray() : [attributes];
    for (const dict of dicts) {
      const list = dict instanceof PDFDict ? dict.get(PDFName.of('Headers')) : undefined;
      if (list instanceof PDFArray) headers.push(...list.asArray().map((value) => text(value)!));
    }
    const names = object.get(PDFName.of('Names'));
    if (names instanceof PDFArray && !object.has(PDFName.of('Type'))) keys = names.asArray().filter((_, index) => index % 2 === 0).map((value) => text(value)!);
  }
  return { ids: ids.sort(), headers, keys };
};

describe('finalizePdf on the PDFs Chromium prints', () => {
  let browser: PdfBrowser | undefined;
  const printed: Uint8Array[] = [];

  beforeAll(async () => {
    const location = await findBrowser(process.env);
    if (!location) throw new Error('no browser found: install chromium');
    browser = await launchBrowser(location, 1);
    // The same document twice on one page, after another document: Chromium's node ids differ.
    for (const document of [html('The UNMIK era'), html('Warm-up', '<p>another paragraph</p>'.repeat(40)), html('The UNMIK era')]) {
      printed.push(
        await browser.withPage(async (sandboxed) => {
          await sandboxed.load(document);
          return sandboxed.page.pdf({ tagged: true, outline: true, printBackground: true, preferCSSPageSize: true });
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('should read what Chromium wrote in place, without a full parse', () => {
    const objects = readPdfObjects(printed[0]!);
    expect(objects).toBeDefined();
    expect(objects!.holding('/Headers').length).toBeGreaterThan(0);
  });

  it('should write the same metadata, text and structure as the whole-file pass', async () => {
    const [inPlace, whole] = await Promise.all([finalizePdf(printed[0]!, meta), finalizeWhole(printed[0]!, meta)]);
    // Written in place: the file keeps Chromium's bytes but for the objects that changed.
    expect(inPlace.length).toBeLessThan(printed[0]!.length + 2_000);
    expect(await infoOf(inPlace)).toEqual(await infoOf(whole));
    expect(await infoOf(inPlace)).toMatchObject({ title: meta.title, author: meta.author, keywords: 'Kosovo trafficking', created: '2025-12-01T00:00:00.000Z', lang: 'en' });
    expect(await structureIds(inPlace)).toEqual(await structureIds(whole));
    await withTempDir('briefs-finalize-', async (dir) => {
      const files = { inPlace: path.join(dir, 'in-place.pdf'), whole: path.join(dir, 'whole.pdf') };
      await writeFile(files.inPlace, inPlace);
      await writeFile(files.whole, whole);
      // poppler reads it without complaint, to the same words.
      const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(text(files.inPlace)).toBe(text(files.whole));
      expect(text(files.inPlace)).toContain('Ärger, ç, š');
      const info = execFileSync('pdfinfo', [files.inPlace], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^Author:\s+Analyst Ë$/m);
    });
  });

  it('should set the language when it is not the one Chromium wrote', async () => {
    const albanian = { ...meta, lang: 'sq' };
    const inPlace = await infoOf(await finalizePdf(printed[0]!, albanian));
    expect(inPlace).toEqual(await infoOf(await finalizeWhole(printed[0]!, albanian)));
    expect(inPlace).toMatchObject({ lang: 'sq', displayTitle: 'true' });
  });

  it('should name the structure elements the same whatever numbers Chromium gave them', async () => {
    const before = await structureIds(printed[0]!);
    const after = await structureIds(printed[2]!);
    // Chromium's own ids differ between the two prints of one document …
    expect(before.ids.length).toBeGreaterThan(0);
    expect(before.ids).not.toEqual(after.ids);
    // … the finished files are the same, byte for byte, and every reference still resolves.
    const [first, second] = await Promise.all([finalizePdf(printed[0]!, meta), finalizePdf(printed[2]!, meta)]);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
    const ids = await structureIds(first);
    expect(ids.ids[0]).toBe('n000001');
    expect(ids.headers.length).toBeGreaterThan(0);
    for (const header of ids.headers) expect(ids.ids).toContain(header);
    expect(ids.keys).toEqual([...ids.ids].sort());
  });

  it('should fall back to the whole-file pass for a PDF it cannot read in place', async () => {
    // An incremental update appended (a /Prev in the trailer): not Chromium's one-piece file.
    const updated = await PDFDocument.load(printed[0]!, { updateMetadata: false });
    const resaved = await updated.save({ useObjectStreams: true });
    expect(readPdfObjects(resaved)).toBeUndefined();
    expect(await infoOf(await finalizePdf(resaved, meta))).toEqual(await infoOf(await finalizeWhole(printed[0]!, meta)));
  });
});
