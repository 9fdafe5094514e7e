export { launchBrowser } from './browser.js';
export type { PdfBrowser } from './browser.js';
export { finalizePdf } from './finalize-pdf.js';
export type { PdfMetadata } from './finalize-pdf.js';
export { findBrowser, systemBrowsers } from './find-browser.js';
export type { BrowserLocation } from './find-browser.js';
export { printPdf } from './print.js';
export { createBrowserProvider } from './provider.js';
export type { BrowserProvider } from './provider.js';
