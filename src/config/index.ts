export { editionDate, resolveConfig, sourceDateEpoch, UsageError } from './load.js';
export { configSchema, evidencePlacements } from './schema.js';
export type { Config, ConfigInput, EvidencePlacement } from './schema.js';
