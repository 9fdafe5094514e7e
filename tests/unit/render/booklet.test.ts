import { PDFDocument, StandardFonts } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { bookletOrder, imposeBooklet } from '../../../src/render/pdf/booklet.js';

const a4 = [595.28, 841.89] as const;
const pinned = new Date('2025-12-01T00:00:00Z');

/** A pack-like PDF: `pages` A4 pages, each with its number (`P1`, `P2` …) printed in it. */
async function makePack(pages: number, size: readonly [number, number] = a4): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let number = 1; number <= pages; number++) {
    pdf.addPage([...size]).drawText(`P${number}`, { x: 100, y: 400, size: 48, font });
  }
  pdf.setTitle('Human trafficking in Kosovo: policy briefs');
  pdf.setAuthor('Kosovo Trafficking Briefs');
  pdf.setCreator('briefs');
  pdf.setProducer('briefs (Chromium, pdf-lib)');
  pdf.setCreationDate(pinned);
  pdf.setModificationDate(pinned);
  return pdf.save({ useObjectStreams: false });
}

interface Side {
  readonly width: number;
  readonly height: number;
  /** The page numbers on the left and right half of the side (undefined: blank). */
  readonly left?: number;
  readonly right?: number;
  /** How much the page numbers (48 pt in the pack) were scaled. */
  readonly scale?: number;
}

/** Each side of the booklet: its size and which page number is printed in each half. */
async function readSides(bytes: Uint8Array): Promise<Side[]> {
  const pdf = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const sides: Side[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const [, , width, height] = page.view as [number, number, number, number];
    const side: { width: number; height: number; left?: number; right?: number; scale?: number } = { width, height };
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item)) continue;
      const match = /^P(\d+)$/.exec(item.str.trim());
      if (!match) continue;
      side[(item.transform[4] as number) < width / 2 ? 'left' : 'right'] = Number(match[1]);
      side.scale = Math.hypot(item.transform[0] as number, item.transform[1] as number) / 48;
    }
    sides.push(side);
  }
  await pdf.destroy();
  return sides;
}

describe('imposeBooklet', () => {
  it('should give the saddle-stitch order of the sides', () => {
    expect(bookletOrder(4)).toEqual([
      [3, 0],
      [1, 2],
    ]);
    expect(bookletOrder(8)).toEqual([
      [7, 0],
      [1, 6],
      [5, 2],
      [3, 4],
    ]);
    expect(() => bookletOrder(6)).toThrow(RangeError);
  });

  it('should impose 8 pages on 2 landscape A4 sheets in saddle-stitch order', async () => {
    const booklet = await imposeBooklet(await makePack(8), 'a4');
    const sides = await readSides(booklet);
    expect(sides).toHaveLength(4);
    // An A4 page scaled to fit half an A4 sheet: an A5 page, 1/√2 of it.
    expect(sides[0]!.scale).toBeCloseTo(Math.SQRT1_2, 3);
    for (const side of sides) {
      expect(side.width).toBeCloseTo(841.89, 1);
      expect(side.height).toBeCloseTo(595.28, 1);
    }
    expect(sides.map((side) => [side.left, side.right])).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it('should pad 5 pages with blanks at the end, positions 6 to 8', async () => {
    const sides = await readSides(await imposeBooklet(await makePack(5), 'a4'));
    expect(sides).toHaveLength(4);
    expect(sides.map((side) => [side.left, side.right])).toEqual([
      [undefined, 1],
      [2, undefined],
      [undefined, 3],
      [4, 5],
    ]);
  });

  it('should print on landscape Letter sheets, and scale each page to fit half a sheet', async () => {
    const booklet = await imposeBooklet(await makePack(3), 'letter');
    const sides = await readSides(booklet);
    expect(sides).toHaveLength(2);
    for (const side of sides) expect([side.width, side.height]).toEqual([792, 612]);
    expect(sides.map((side) => [side.left, side.right])).toEqual([
      [undefined, 1],
      [2, 3],
    ]);
    // An A4 page scaled to fit half a Letter sheet: to 396 pt wide of its 595.28.
    expect(sides[1]!.scale).toBeCloseTo(396 / 595.28, 3);
  });

  it("should carry the pack's metadata and give the same bytes for the same pack", async () => {
    const pack = await makePack(6);
    const first = await imposeBooklet(pack, 'a4');
    const second = await imposeBooklet(pack, 'a4');
    expect(Buffer.compare(Buffer.from(first), Buffer.from(second))).toBe(0);
    const pdf = await PDFDocument.load(first, { updateMetadata: false });
    expect(pdf.getTitle()).toBe('Human trafficking in Kosovo: policy briefs');
    expect(pdf.getAuthor()).toBe('Kosovo Trafficking Briefs');
    expect(pdf.getCreator()).toBe('briefs');
    expect(pdf.getProducer()).toBe('briefs (Chromium, pdf-lib)');
    expect(pdf.getCreationDate()?.toISOString()).toBe(pinned.toISOString());
    expect(pdf.getModificationDate()?.toISOString()).toBe(pinned.toISOString());
    const later = new Date('2026-01-01T00:00:00Z');
    const dated = await PDFDocument.load(await imposeBooklet(pack, 'a4', { date: later }), { updateMetadata: false });
    expect(dated.getCreationDate()?.toISOString()).toBe(later.toISOString());
  });
});
