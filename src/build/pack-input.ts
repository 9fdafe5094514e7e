// The pack's renderer and the edition format, loaded with the pipeline (not on no-op builds).
export { renderPack } from '../render/html/pack.js';
export { formatIsoDate as formatEdition } from '../compose/index.js';
