export { lintBriefs } from './lint-briefs.js';
export type { LintBrief, LintFact, LintInput } from './types.js';
