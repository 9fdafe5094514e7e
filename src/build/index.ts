export { prepare, textsOf } from './prepare.js';
export type { Prepared, PreparedBrief } from './prepare.js';
export { runBuild, runCheck, silentReporter } from './run-build.js';
export type { BriefResult, BuildResult, Reporter } from './run-build.js';
export { writeOutputs } from './write-output.js';
export type { OutputFile } from './write-output.js';
