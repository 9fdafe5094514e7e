// Finishing any PDF (finalize-pdf.ts takes this way when a file is not as Chromium writes it):
// parsed and written whole by pdf-lib, which this module loads in full.
import { ParseSpeeds, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName } from 'pdf-lib';
import { fileId, producer, type PdfMetadata } from './pdf-metadata.js';
import { dictsIn, renameKeys, renamer, structureName, text } from './structure-names.js';

/** finalizePdf for any PDF: parsed and written whole by pdf-lib. */
export async function finalizeWhole(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  // Parse and write without yielding to the event loop between objects: the file is small and
  // the build is waiting for it.
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  pdf.setTitle(meta.title, { showInWindowTitleBar: true });
  pdf.setAuthor(meta.author);
  pdf.setSubject(meta.subject);
  pdf.setKeywords([...meta.keywords]);
  pdf.setCreator(meta.creator);
  pdf.setProducer(producer);
  pdf.setLanguage(meta.lang);
  if (meta.date) {
    pdf.setCreationDate(meta.date);
    pdf.setModificationDate(meta.date);
  }
  renumberStructureIds(pdf);
  const id = fileId(meta);
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFHexString.of(id), PDFHexString.of(id)]);
  return pdf.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}

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
    if (id !== undefined && !names.has(id)) names.set(id, structureName(names.size + 1));
  };
  for (const [, object] of objects) {
    if (object instanceof PDFDict && object.has(PDFName.of('S'))) name(text(object.get(ID)));
  }
  const dicts: PDFDict[] = [];
  for (const [, object] of objects) dictsIn(object, dicts);
  // Table cells can refer to header cells that have no element of their own: name those too.
  for (const dict of dicts) {
    const headers = dict.get(PDFName.of('Headers'));
    if (headers instanceof PDFArray) for (let index = 0; index < headers.size(); index++) name(text(headers.get(index)));
  }
  if (names.size === 0) return;
  const rename = renamer(names);
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
    const pairs = object.get(PDFName.of('Names'));
    if (pairs instanceof PDFArray && pairs.size() % 2 === 0 && rename(pairs.get(0))) {
      const keys = renameKeys(pairs, rename);
      const limits = object.get(PDFName.of('Limits'));
      if (limits instanceof PDFArray && limits.size() === 2) {
        limits.set(0, keys[0]!);
        limits.set(1, keys.at(-1)!);
      }
    }
  }
}
