export { createProcessor } from './processor.js';
export type { BriefProcessor, NoteFormatter, ProcessorOptions } from './processor.js';
export { markdownToHtml } from './to-html.js';
export type { BriefHtmlBody } from './to-html.js';
export { frontMatterSchema } from './front-matter.js';
export type { FrontMatter } from './front-matter.js';
export type { EvidencePlacement } from './evidence.js';
