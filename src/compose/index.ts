export { loadTemplates } from './load-templates.js';
export type { TemplateFile, TemplateSet } from './load-templates.js';
export { renderBrief } from './render-template.js';
export type { BriefMarkdown, ComposeInput } from './render-template.js';
export { formatIsoDate } from './helpers.js';
export type { FactView } from './helpers.js';
export { latestPossibleReport } from './tip-reports.js';
export { withLayout } from './template-error.js';
