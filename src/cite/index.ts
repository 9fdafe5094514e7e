export { readCitationStyle } from './citation-style.js';
export type { CitationStyle } from './citation-style.js';
export { createCiter, excerpt, formatCitations, formatReferences } from './format-citations.js';
export type { Citer, FormattedCitations, FormattedNote, NoteExcerpt } from './format-citations.js';
