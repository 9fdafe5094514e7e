export { editionDate, resolveConfig, sourceDateEpoch, UsageError } from './load.js';
export { configSchema, evidencePlacements } from './schema.js';
export type { Config, ConfigInput, EvidencePlacement } from './schema.js';
export { builtinTemplatesDir, listTemplates, locateTemplate, resolveTemplate } from './template-folders.js';
export type { TemplateFolders, TemplateLocation } from './template-folders.js';
