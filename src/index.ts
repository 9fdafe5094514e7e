/**
 * kosovo-trafficking-briefs: footnoted briefs from source documents and verified facts.
 * Importing this module has no side effects.
 */
import { runBuild, runCheck, type BuildContext, type BuildResult, type Prepared } from './build/index.js';
import { resolveConfig, type ConfigInput } from './config/index.js';

/** Build the briefs (HTML and PDF) into the output folder. */
export async function build(options: ConfigInput = {}, context?: BuildContext): Promise<BuildResult> {
  return runBuild(resolveConfig(options), context);
}

/** Read the sources, verify every quote and render the briefs to HTML, without writing. */
export async function check(options: ConfigInput = {}): Promise<Prepared> {
  return runCheck(resolveConfig(options));
}

export { silentReporter } from './build/index.js';
export type { BriefResult, BuildContext, BuildResult, Prepared, PreparedBrief, Reporter } from './build/index.js';
export { resolveConfig, UsageError } from './config/index.js';
export type { Config, ConfigInput } from './config/index.js';
export { BuildError, formatMessages } from './diagnostics/index.js';
