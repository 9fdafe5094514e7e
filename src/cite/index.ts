export { readCitationStyle } from './citation-style.js';
export type { CitationStyle } from './citation-style.js';
export { excerpt, formatCitations, formatReferences } from './format-citations.js';
export type { FormattedCitations, FormattedNote, NoteExcerpt } from './format-citations.js';
