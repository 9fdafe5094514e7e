// Chromium names a tagged PDF's structure elements after its DOM node numbers: the names
// given instead, the same from build to build (finalize-pdf.ts in place, finalize-whole.ts
// for any other file), and what both passes share to give them.
import { PDFArray, PDFDict, PDFHexString, PDFString, type PDFObject } from './pdf-core.js';

/** An identifier's text, if `value` is a PDF string. */
export const text = (value: unknown): string | undefined =>
  value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;

/** Every dictionary in `object`, itself included, and those nested in it (a cell's /Headers sits in its /A attributes). */
export function dictsIn(object: unknown, into: PDFDict[] = []): PDFDict[] {
  if (object instanceof PDFDict) {
    into.push(object);
    for (const [, value] of object.entries()) dictsIn(value, into);
  } else if (object instanceof PDFArray) {
    for (let index = 0; index < object.size(); index++) dictsIn(object.get(index), into);
  }
  return into;
}

/** The n-th name given to a structure element, the same in both passes. */
export const structureName = (index: number) => `n${String(index).padStart(6, '0')}`;

/** The new name of an element's identifier, if it has one. */
export const renamer = (names: ReadonlyMap<string, string>) => (value: unknown) => {
  const renamed = names.get(text(value) ?? '');
  return renamed === undefined ? undefined : PDFString.of(renamed);
};

/** A name tree leaf's key/value pairs with their keys renamed, sorted again by key (byte order); its keys, in order. */
export function renameKeys(pairs: PDFArray, rename: (value: unknown) => PDFString | undefined): PDFString[] {
  const entries: Array<[PDFString, PDFObject]> = [];
  for (let index = 0; index < pairs.size(); index += 2) {
    entries.push([rename(pairs.get(index)) ?? PDFString.of(text(pairs.get(index)) ?? ''), pairs.get(index + 1)]);
  }
  const key = (entry: [PDFString, PDFObject]) => entry[0].decodeText();
  entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  entries.forEach(([name, value], index) => {
    pairs.set(index * 2, name);
    pairs.set(index * 2 + 1, value);
  });
  return entries.map(([name]) => name);
}
