export { readCitationStyle } from './citation-style.js';
export type { CitationStyle } from './citation-style.js';
export { excerpt, formatCitations } from './format-citations.js';
export type { FormattedCitations, FormattedNote } from './format-citations.js';
