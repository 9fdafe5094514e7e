export { readSources, sha256 } from './read-sources.js';
export type { SourceCollection, SourceDoc } from './read-sources.js';
export type { CslItem, SourceEntry } from './bibliography.js';
export { fold, foldForMatch, normalizeText } from './normalize-text.js';
export type { FoldedText } from './normalize-text.js';
export type { ChromeLine } from './page-chrome.js';
export type { Heading, Paragraph } from './split-paragraphs.js';
