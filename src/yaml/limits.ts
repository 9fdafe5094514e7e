/** Largest YAML file accepted: facts files are text written by hand. (A module of its own, so the
 * build's snapshot can know it without loading the YAML parser.) */
export const maxYamlBytes = 5 * 1024 * 1024;
