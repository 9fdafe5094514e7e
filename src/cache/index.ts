export { folderResultCache, noResultCache, type ResultCache } from './result-cache.js';
