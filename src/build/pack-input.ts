// The pack's front matter and assembly, and the edition format, loaded with the pipeline (not
// on no-op builds).
export { renderPackFront } from '../render/html/pack.js';
export { layoutChrome } from '../render/html/layout-chrome.js';
export { onlineCopy } from '../render/html/qr-code.js';
export { formatIsoDate as formatEdition } from '../compose/index.js';
