// The HTML half of the render stage. The PDF half (puppeteer) is in ./pdf/index.ts and is
// loaded on demand, so that checks and HTML-only builds never load a browser driver.
export { cssString, documentRenderer, renderDocument } from './html/document.js';
export type { DocumentInput, Paper } from './html/document.js';
export { htmlLength, joinHtml } from './html/html-parts.js';
export { chromeContext, compileLayout, defaultChrome, layoutChrome } from './html/layout-chrome.js';
export type { LayoutChrome, LayoutCollection } from './html/layout-chrome.js';
export type { HtmlParts } from './html/html-parts.js';
export type { LaidOutPart } from './html/pack.js';
export type { Printed } from './pdf/print.js';
export { briefFonts, fontSubsets, loadFontCss } from './html/fonts.js';
export { selfContainedCss } from './html/self-contained-css.js';
export type { StyleSheet } from './html/self-contained-css.js';
export type { FontFamily } from './html/fonts.js';
export type { PdfBrowser } from './pdf/browser.js';
export type { BrowserLocation } from './pdf/find-browser.js';
export type { PdfMetadata } from './pdf/pdf-metadata.js';
export type { BrowserProvider } from './pdf/provider.js';
