// pdf-lib's object model (objects, their parser, a context to parse into), taken from its
// modules one by one rather than from the package's index: the index loads all of pdf-lib
// (documents, forms, fonts, images), about twice the code, and finishing a Chromium PDF in
// place (finalize-pdf.ts) needs only these. The classes are the very ones the index exports
// (the same modules), so `instanceof` holds across both.
//
// Each is a CommonJS module whose class is its `default` export. Node and the bundle import
// the whole `module.exports` as the default (the class is its `.default`); vitest unwraps it.
import array from 'pdf-lib/cjs/core/objects/PDFArray.js';
import bool from 'pdf-lib/cjs/core/objects/PDFBool.js';
import dict from 'pdf-lib/cjs/core/objects/PDFDict.js';
import hexString from 'pdf-lib/cjs/core/objects/PDFHexString.js';
import name from 'pdf-lib/cjs/core/objects/PDFName.js';
import number from 'pdf-lib/cjs/core/objects/PDFNumber.js';
import ref from 'pdf-lib/cjs/core/objects/PDFRef.js';
import string from 'pdf-lib/cjs/core/objects/PDFString.js';
import context from 'pdf-lib/cjs/core/PDFContext.js';
import objectParser from 'pdf-lib/cjs/core/parser/PDFObjectParser.js';

const classOf = <T>(module: { readonly default: T }): T => (module as { readonly default?: T }).default ?? (module as unknown as T);

export type PDFObject = import('pdf-lib/cjs/core/objects/PDFObject.js').default;
export const PDFArray = classOf(array);
export type PDFArray = import('pdf-lib/cjs/core/objects/PDFArray.js').default;
export const PDFBool = classOf(bool);
export type PDFBool = import('pdf-lib/cjs/core/objects/PDFBool.js').default;
export const PDFDict = classOf(dict);
export type PDFDict = import('pdf-lib/cjs/core/objects/PDFDict.js').default;
export const PDFHexString = classOf(hexString);
export type PDFHexString = import('pdf-lib/cjs/core/objects/PDFHexString.js').default;
export const PDFName = classOf(name);
export type PDFName = import('pdf-lib/cjs/core/objects/PDFName.js').default;
export const PDFNumber = classOf(number);
export type PDFNumber = import('pdf-lib/cjs/core/objects/PDFNumber.js').default;
export const PDFRef = classOf(ref);
export type PDFRef = import('pdf-lib/cjs/core/objects/PDFRef.js').default;
export const PDFString = classOf(string);
export type PDFString = import('pdf-lib/cjs/core/objects/PDFString.js').default;
export const PDFContext = classOf(context);
export type PDFContext = import('pdf-lib/cjs/core/PDFContext.js').default;
export const PDFObjectParser = classOf(objectParser);
