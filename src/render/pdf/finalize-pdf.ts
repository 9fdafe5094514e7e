import { createHash } from 'node:crypto';
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';

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
  pdf.setProducer('briefs (Chromium, pdf-lib)');
  pdf.setLanguage(meta.lang);
  if (meta.date) {
    pdf.setCreationDate(meta.date);
    pdf.setModificationDate(meta.date);
  }
  renumberStructureIds(pdf);
  // A file identifier derived from the inputs (not from Chromium's bytes, which hold the time).
  const id = createHash('md5').update(JSON.stringify(meta)).digest('hex');
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

const text = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/**
 * Chromium names the tagged PDF's structure elements after its internal DOM node numbers
 * (`node00000225`), which shift by one or two from run to run. Rename them in the order the
 * objects appear (`n1`, `n2` …) wherever they are used: the elements' /ID, table cells'
 * /Headers and the ID tree. Same document, same names.
 */
function renumberStructureIds(pdf: PDFDocument): void {
  const objects = pdf.context
    .enumerateIndirectObjects()
    .sort(([a], [b]) => a.objectNumber - b.objectNumber || a.generationNumber - b.generationNumber);
  const names = new Map<string, string>();
  const ID = PDFName.of('ID');
  const name = (id: string | undefined) => {
    if (id !== undefined && !names.has(id)) names.set(id, `n${String(names.size + 1).padStart(6, '0')}`);
  };
  for (const [, object] of objects) {
    if (object instanceof PDFDict && object.has(PDFName.of('S'))) name(text(object.get(ID)));
  }
  // Every dictionary, also those nested in others (a cell's /Headers sits in its /A attributes).
  const dicts: PDFDict[] = [];
  const collect = (object: unknown) => {
    if (object instanceof PDFDict) {
      dicts.push(object);
      for (const [, value] of object.entries()) collect(value);
    } else if (object instanceof PDFArray) {
      for (let index = 0; index < object.size(); index++) collect(object.get(index));
    }
  };
  for (const [, object] of objects) collect(object);
  // Table cells can refer to header cells that have no element of their own: name those too.
  for (const dict of dicts) {
    const headers = dict.get(PDFName.of('Headers'));
    if (headers instanceof PDFArray) for (let index = 0; index < headers.size(); index++) name(text(headers.get(index)));
  }
  if (names.size === 0) return;
  const rename = (value: unknown) => {
    const old = text(value);
    const renamed = old === undefined ? undefined : names.get(old);
    return renamed === undefined ? undefined : PDFString.of(renamed);
  };
  for (const object of dicts) {
    const id = rename(object.get(ID));
    if (id && object.has(PDFName.of('S'))) object.set(ID, id);
    const headers = object.get(PDFName.of('Headers'));
    if (headers instanceof PDFArray) {
      for (let index = 0; index < headers.size(); index++) {
        const renamed = rename(headers.get(index));
        if (renamed) headers.set(index, renamed);
      }
    }
    // The ID tree: key/value pairs, kept sorted by key.
    const pairs = object.get(PDFName.of('Names'));
    if (pairs instanceof PDFArray && pairs.size() % 2 === 0 && rename(pairs.get(0))) {
      const entries: Array<[PDFString, ReturnType<PDFArray['get']>]> = [];
      for (let index = 0; index < pairs.size(); index += 2) {
        entries.push([rename(pairs.get(index)) ?? PDFString.of(text(pairs.get(index)) ?? ''), pairs.get(index + 1)]);
      }
      entries.sort(([a], [b]) => a.decodeText().localeCompare(b.decodeText()));
      entries.forEach(([key, value], index) => {
        pairs.set(index * 2, key);
        pairs.set(index * 2 + 1, value);
      });
      const limits = object.get(PDFName.of('Limits'));
      if (limits instanceof PDFArray && limits.size() === 2 && entries.length > 0) {
        limits.set(0, entries[0]![0]);
        limits.set(1, entries.at(-1)![0]);
      }
    }
  }
}
