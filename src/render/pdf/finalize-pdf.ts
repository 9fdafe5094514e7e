import { PDFArray, PDFBool, PDFDict, PDFHexString, PDFName, PDFRef, PDFString, type PDFObject } from './pdf-core.js';
import { fileId, producer, type PdfMetadata } from './pdf-metadata.js';
import { readPdfObjects, type PdfObjects } from './pdf-objects.js';
import { dictsIn, renameKeys, renamer, structureName, text } from './structure-names.js';

/**
 * Chromium writes only the title: set author, subject, keywords, creator and language,
 * keeping everything else (tags, outline) as Chromium wrote it. With a pinned date, the dates
 * and the trailer /ID are fixed so the same inputs give the same bytes.
 *
 * Chromium's PDFs are written in one piece, so only the objects that change are parsed and
 * written again (the document information, the catalog if need be, the structure elements
 * named for their table headers), with every other byte kept (pdf-objects.ts); any other PDF
 * is parsed and written whole.
 */
export async function finalizePdf(bytes: Uint8Array, meta: PdfMetadata): Promise<Uint8Array> {
  const objects = readPdfObjects(bytes);
  const done = objects && finalizeInPlace(objects, meta);
  if (done) return done;
  // (All of pdf-lib loads only then.)
  const { finalizeWhole } = await import('./finalize-whole.js');
  return finalizeWhole(bytes, meta);
}

/** The metadata written into the objects that hold it, the rest of the file as it is; undefined if the file is not as Chromium writes it. */
function finalizeInPlace(pdf: PdfObjects, meta: PdfMetadata): Uint8Array | undefined {
  const { context, trailer } = pdf;
  const rootRef = trailer.get(PDFName.of('Root'));
  const infoRef = trailer.get(PDFName.of('Info'));
  if (!(rootRef instanceof PDFRef) || !(infoRef instanceof PDFRef)) return undefined;
  const catalog = pdf.lookup(rootRef);
  const info = pdf.lookup(infoRef);
  if (!(catalog instanceof PDFDict) || !(info instanceof PDFDict)) return undefined;
  const changed = renamedStructureIds(pdf, rootRef, catalog);
  if (!changed) return undefined;

  // As PDFDocument's setters write them: text as UTF-16 hex strings, dates as PDF dates.
  info.set(PDFName.of('Title'), PDFHexString.fromText(meta.title));
  info.set(PDFName.of('Author'), PDFHexString.fromText(meta.author));
  info.set(PDFName.of('Subject'), PDFHexString.fromText(meta.subject));
  info.set(PDFName.of('Keywords'), PDFHexString.fromText(meta.keywords.join(' ')));
  info.set(PDFName.of('Creator'), PDFHexString.fromText(meta.creator));
  info.set(PDFName.of('Producer'), PDFHexString.fromText(producer));
  if (meta.date) {
    info.set(PDFName.of('CreationDate'), PDFString.fromDate(meta.date));
    info.set(PDFName.of('ModDate'), PDFString.fromDate(meta.date));
  }
  changed.set(infoRef, info);

  // The language and the title in the window's title bar: Chromium writes both already.
  let catalogChanged = false;
  if (text(catalog.get(PDFName.of('Lang'))) !== meta.lang) {
    catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
    catalogChanged = true;
  }
  const preferences = catalog.get(PDFName.of('ViewerPreferences'));
  if (preferences === undefined) {
    catalog.set(PDFName.of('ViewerPreferences'), context.obj({ DisplayDocTitle: true }));
    catalogChanged = true;
  } else if (preferences instanceof PDFDict) {
    if (preferences.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True) {
      preferences.set(PDFName.of('DisplayDocTitle'), PDFBool.True);
      catalogChanged = true;
    }
  } else {
    return undefined;
  }
  if (catalogChanged) changed.set(rootRef, catalog);

  const id = fileId(meta);
  trailer.set(PDFName.of('ID'), context.obj([PDFHexString.of(id), PDFHexString.of(id)]));
  return pdf.write(changed, trailer);
}

/**
 * renumberStructureIds (below) for a file read in place: the objects renamed, by reference, or
 * undefined if the ID tree is not a single leaf (its keys could not be sorted again in place).
 */
function renamedStructureIds(pdf: PdfObjects, rootRef: PDFRef, catalog: PDFDict): Map<PDFRef, PDFObject> | undefined {
  const changed = new Map<PDFRef, PDFObject>();
  const ID = PDFName.of('ID');
  const S = PDFName.of('S');
  const Headers = PDFName.of('Headers');
  const names = new Map<string, string>();
  const name = (id: string | undefined) => {
    if (id !== undefined && !names.has(id)) names.set(id, structureName(names.size + 1));
  };
  // Every object with an element's /ID, in the order of their numbers, as the whole pass takes them.
  const elements = pdf.holding('/ID').filter((found): found is readonly [PDFRef, PDFDict] => found[1] instanceof PDFDict && found[1].has(S) && text(found[1].get(ID)) !== undefined);
  for (const [, element] of elements) name(text(element.get(ID)));
  const cells = pdf.holding('/Headers').map(([ref, object]) => [ref, dictsIn(object).filter((dict) => dict.get(Headers) instanceof PDFArray)] as const);
  for (const [, dicts] of cells) {
    for (const dict of dicts) {
      const headers = dict.get(Headers) as PDFArray;
      for (let index = 0; index < headers.size(); index++) name(text(headers.get(index)));
    }
  }
  if (names.size === 0) return changed;
  const rename = renamer(names);
  for (const [ref, element] of elements) {
    element.set(ID, rename(element.get(ID))!);
    changed.set(ref, element);
  }
  for (const [ref, dicts] of cells) {
    for (const dict of dicts) {
      const headers = dict.get(Headers) as PDFArray;
      for (let index = 0; index < headers.size(); index++) {
        const renamed = rename(headers.get(index));
        if (renamed) headers.set(index, renamed);
      }
    }
    if (dicts.length > 0) {
      const object = pdf.lookup(ref);
      if (object) changed.set(ref, object);
    }
  }

  // The ID tree, from its root down to its leaf, each node with the object that holds it.
  const resolve = (value: PDFObject | undefined, owner: PDFRef) => (value instanceof PDFRef ? { node: pdf.lookup(value), owner: value } : { node: value, owner });
  const treeRoot = resolve(catalog.get(PDFName.of('StructTreeRoot')), rootRef);
  if (!(treeRoot.node instanceof PDFDict)) return changed;
  const chain: Array<{ readonly node: PDFDict; readonly owner: PDFRef }> = [];
  for (let at = resolve(treeRoot.node.get(PDFName.of('IDTree')), treeRoot.owner); at.node instanceof PDFDict; ) {
    chain.push({ node: at.node, owner: at.owner });
    const kids = at.node.get(PDFName.of('Kids'));
    if (!(kids instanceof PDFArray)) break;
    if (kids.size() !== 1) return undefined;
    at = resolve(kids.get(0), at.owner);
  }
  const pairs = chain.at(-1)?.node.get(PDFName.of('Names'));
  if (!(pairs instanceof PDFArray) || pairs.size() % 2 !== 0 || pairs.size() === 0) return changed;
  const keys = renameKeys(pairs, rename);
  for (const { node, owner } of chain) {
    const limits = node.get(PDFName.of('Limits'));
    if (limits instanceof PDFArray && limits.size() === 2) {
      limits.set(0, keys[0]!);
      limits.set(1, keys.at(-1)!);
    }
    const holder = pdf.lookup(owner);
    if (holder) changed.set(owner, holder);
  }
  return changed;
}
