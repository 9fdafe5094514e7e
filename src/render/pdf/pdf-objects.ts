import { Buffer } from 'node:buffer';
import { PDFContext, PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRef, type PDFObject } from './pdf-core.js';

/**
 * A PDF read only as far as its cross-reference table: the objects themselves are parsed (by
 * pdf-lib's object parser) when asked for, and the file is written again with the objects that
 * changed written anew and every other byte as it was. For PDFs as Chromium writes them (one
 * cross-reference table, no object streams, no encryption), where changing a handful of small
 * objects need not parse and write again the fonts, pages and structure tree around them.
 */
export interface PdfObjects {
  readonly context: PDFContext;
  /** The trailer dictionary (a copy: change it and pass it to `write`). */
  readonly trailer: PDFDict;
  /** The object `ref` refers to, parsed; undefined if the table has no such object or it cannot be read. */
  readonly lookup: (ref: PDFRef) => PDFObject | undefined;
  /** The objects whose bytes hold `marker` (say `/Headers`), parsed, in the order of their numbers. */
  readonly holding: (marker: string) => Array<readonly [PDFRef, PDFObject]>;
  /** The file with `changed` objects and `trailer` written anew, the rest of its bytes kept. */
  readonly write: (changed: ReadonlyMap<PDFRef, PDFObject>, trailer: PDFDict) => Uint8Array;
}

interface Entry {
  readonly ref: PDFRef;
  readonly offset: number;
  /** Where the next object (or the cross-reference table) starts. */
  end: number;
}

interface Subsection {
  readonly first: number;
  /** Per object number from `first`: an object in use, or the free entry as written. */
  readonly rows: ReadonlyArray<Entry | string>;
}

const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

/**
 * The cross-reference table and trailer of a PDF written in one piece, or undefined if it has
 * anything else (an update appended, a cross-reference stream, encryption): those files go
 * through a full parse instead.
 */
export function readPdfObjects(bytes: Uint8Array): PdfObjects | undefined {
  const tail = latin1(bytes, Math.max(0, bytes.length - 1024), bytes.length);
  const at = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!at) return undefined;
  const xrefOffset = Number(at[1]);
  if (xrefOffset <= 0 || xrefOffset >= bytes.length) return undefined;
  const table = latin1(bytes, xrefOffset, bytes.length);
  const head = /^xref\s+/y;
  if (!head.test(table)) return undefined;
  const subsections: Subsection[] = [];
  const entries: Entry[] = [];
  const section = /(\d+) (\d+)\s*?\r?\n/y;
  const row = /(\d{10}) (\d{5}) ([nf])(?: \r| \n|\r\n)/y;
  let position = head.lastIndex;
  for (;;) {
    section.lastIndex = position;
    const found = section.exec(table);
    if (!found) break;
    const first = Number(found[1]);
    const count = Number(found[2]);
    position = section.lastIndex;
    const rows: Array<Entry | string> = [];
    for (let index = 0; index < count; index++) {
      row.lastIndex = position;
      const line = row.exec(table);
      if (!line) return undefined;
      position = row.lastIndex;
      if (line[3] === 'f') {
        rows.push(line[0]);
      } else {
        const entry: Entry = { ref: PDFRef.of(first + index, Number(line[2])), offset: Number(line[1]), end: xrefOffset };
        if (entry.offset <= 0 || entry.offset >= xrefOffset) return undefined;
        rows.push(entry);
        entries.push(entry);
      }
    }
    subsections.push({ first, rows });
  }
  const trailerAt = /\s*trailer\s*/y;
  trailerAt.lastIndex = position;
  if (subsections.length === 0 || !trailerAt.test(table)) return undefined;

  const context = PDFContext.create();
  let trailer: PDFObject;
  try {
    trailer = PDFObjectParser.forBytes(bytes.subarray(xrefOffset + trailerAt.lastIndex), context).parseObject();
  } catch {
    return undefined;
  }
  if (!(trailer instanceof PDFDict)) return undefined;
  for (const key of ['Prev', 'XRefStm', 'Encrypt']) if (trailer.has(PDFName.of(key))) return undefined;
  const size = trailer.get(PDFName.of('Size'));
  const numbers = new Set(entries.map((entry) => entry.ref.objectNumber));
  if (!(size instanceof PDFNumber) || numbers.size !== entries.length || entries.some((entry) => entry.ref.objectNumber >= size.asNumber())) return undefined;

  // In the order they are in the file: each object runs to where the next starts.
  const inFile = [...entries].sort((a, b) => a.offset - b.offset);
  for (let index = 0; index < inFile.length - 1; index++) {
    if (inFile[index + 1]!.offset === inFile[index]!.offset) return undefined;
    inFile[index]!.end = inFile[index + 1]!.offset;
  }
  const byNumber = new Map(entries.map((entry) => [entry.ref.objectNumber, entry]));
  const parsed = new Map<number, PDFObject | undefined>();

  const parse = (entry: Entry): PDFObject | undefined => {
    if (parsed.has(entry.ref.objectNumber)) return parsed.get(entry.ref.objectNumber);
    let object: PDFObject | undefined;
    const header = /^(\d+)\s+(\d+)\s+obj\b\s*/.exec(latin1(bytes, entry.offset, Math.min(entry.end, entry.offset + 32)));
    if (header && Number(header[1]) === entry.ref.objectNumber && Number(header[2]) === entry.ref.generationNumber) {
      try {
        // Parsed within its own bytes: an object cannot run on into the next.
        object = PDFObjectParser.forBytes(bytes.subarray(entry.offset + header[0].length, entry.end), context).parseObject();
      } catch {
        object = undefined;
      }
    }
    parsed.set(entry.ref.objectNumber, object);
    return object;
  };

  return {
    context,
    trailer: trailer.clone(context),
    lookup: (ref) => {
      const entry = byNumber.get(ref.objectNumber);
      return entry && entry.ref.generationNumber === ref.generationNumber ? parse(entry) : undefined;
    },
    holding: (marker) => {
      const needle = Buffer.from(marker, 'latin1');
      const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      const hits: Entry[] = [];
      // One search through the file; each hit is placed in the object around it.
      for (let found = source.indexOf(needle, inFile[0]?.offset ?? 0); found !== -1 && found < xrefOffset; ) {
        let low = 0;
        let high = inFile.length - 1;
        while (low < high) {
          const middle = (low + high + 1) >> 1;
          if (inFile[middle]!.offset <= found) low = middle;
          else high = middle - 1;
        }
        const entry = inFile[low]!;
        hits.push(entry);
        found = source.indexOf(needle, entry.end);
      }
      return hits
        .sort((a, b) => a.ref.objectNumber - b.ref.objectNumber)
        .flatMap((entry) => {
          const object = parse(entry);
          return object ? [[entry.ref, object] as const] : [];
        });
    },
    write: (changed, newTrailer) => {
      const renewed = new Map([...changed].map(([ref, object]) => [ref.objectNumber, object]));
      const chunks: Uint8Array[] = [bytes.subarray(0, inFile[0]?.offset ?? xrefOffset)];
      let length = chunks[0]!.length;
      const offsets = new Map<number, number>();
      for (const entry of inFile) {
        offsets.set(entry.ref.objectNumber, length);
        const object = renewed.get(entry.ref.objectNumber);
        const chunk = object
          ? Buffer.from(`${entry.ref.objectNumber} ${entry.ref.generationNumber} obj\n${object.toString()}\nendobj\n`, 'latin1')
          : bytes.subarray(entry.offset, entry.end);
        chunks.push(chunk);
        length += chunk.length;
      }
      let xref = 'xref\n';
      for (const { first, rows } of subsections) {
        xref += `${first} ${rows.length}\n`;
        for (const entry of rows) {
          xref +=
            typeof entry === 'string'
              ? entry
              : `${String(offsets.get(entry.ref.objectNumber)).padStart(10, '0')} ${String(entry.ref.generationNumber).padStart(5, '0')} n \n`;
        }
      }
      xref += `trailer\n${newTrailer.toString()}\nstartxref\n${length}\n%%EOF\n`;
      chunks.push(Buffer.from(xref, 'latin1'));
      return Buffer.concat(chunks);
    },
  };
}
