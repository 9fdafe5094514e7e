export { initCollection, schemaFile, schemaReference, titleFromFolder, toolRoot } from './init.js';
export type { InitResult } from './init.js';
export { collectionFiles, exampleBrief, yamlScalar } from './files.js';
export type { InitFile, InitValues } from './files.js';
