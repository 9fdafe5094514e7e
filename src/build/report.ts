import { stringify } from 'safe-stable-stringify';
import type { BuildPlan } from './plan.js';

/** What changed in the facts between two editions. */
export interface FactChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** `output/build-report.json`: what this build did and why. No timings, so it is deterministic. */
export interface BuildReport {
  readonly edition: string;
  readonly outputs: ReadonlyArray<{ readonly output: string; readonly action: 'built' | 'up to date' | 'removed'; readonly reasons: readonly string[] }>;
  readonly facts: FactChanges;
}

/** Compare two editions' fact digests. */
export function diffFacts(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): FactChanges {
  const added = Object.keys(after).filter((id) => !(id in before)).sort();
  const removed = Object.keys(before).filter((id) => !(id in after)).sort();
  const changed = Object.keys(after).filter((id) => id in before && before[id] !== after[id]).sort();
  return { added, removed, changed };
}

/** The report of a build from its plan. */
export function makeReport(plan: BuildPlan, edition: string, facts: FactChanges): BuildReport {
  return {
    edition,
    outputs: [
      ...plan.steps.map((step) => ({
        output: step.output,
        action: step.action === 'build' ? ('built' as const) : ('up to date' as const),
        reasons: step.reasons,
      })),
      ...plan.removals.map((removal) => ({ output: removal.output, action: 'removed' as const, reasons: [removal.reason] })),
    ],
    facts,
  };
}

/** The report's bytes: canonical JSON (sorted keys). */
export function serializeReport(report: BuildReport): string {
  return `${stringify(report, null, 2)}\n`;
}

/** `output/CHANGES.md`: the same, for people. */
export function renderChanges(report: BuildReport): string {
  const lines = [`# Changes in the edition of ${report.edition}`, '', '## Briefs', ''];
  for (const output of report.outputs) {
    const why = output.reasons.length > 0 ? `: ${output.reasons.join('; ')}` : '';
    lines.push(`- \`${output.output}\` ${output.action}${why}`);
  }
  lines.push('', '## Facts since the previous edition', '');
  const { added, removed, changed } = report.facts;
  if (added.length + removed.length + changed.length === 0) lines.push('No fact was added, removed or changed.');
  for (const [label, ids] of [['Added', added], ['Removed', removed], ['Changed', changed]] as const) {
    if (ids.length > 0) lines.push(`${label} (${ids.length}): ${ids.map((id) => `\`${id}\``).join(', ')}`, '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
