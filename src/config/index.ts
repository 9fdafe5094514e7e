export { editionDate, resolveConfig, sourceDateEpoch, UsageError } from './load.js';
export { configSchema } from './schema.js';
export type { Config, ConfigInput } from './schema.js';
