export { describeListEntry, maxYamlBytes, readYaml, validateYaml } from './read-yaml.js';
export type { YamlFile } from './read-yaml.js';
