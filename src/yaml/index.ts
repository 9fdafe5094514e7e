export { describeListEntry, maxYamlBytes, readYaml, validateYaml } from './read-yaml.js';
export type { YamlFile } from './read-yaml.js';
export { parseYaml } from './parse-yaml.js';
export type { ParsedYaml, YamlMemo } from './parse-yaml.js';
export { isCalendarDate, isoDateSchema } from './iso-date.js';
