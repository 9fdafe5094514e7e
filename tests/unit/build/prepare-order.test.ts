import { appendFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { prepare, type PreparedBrief } from '../../../src/build/prepare.js';
import { resolveConfig } from '../../../src/config/index.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { makeProject, type TempProject } from '../../helpers/project.js';

// The first brief is handed to the browser (onLayOut) before the collection's checks run; it
// is written (onBrief) only once they passed, and what they stop is reported as before.

/** A statement that says more than its quote: the collection's checks stop the build. */
async function withOverstatement(project: TempProject): Promise<void> {
  await appendFile(project.path('sources', 'documents', 'report.txt'), '\nIn 2010, the ministry conducted 194 investigations.\n');
  await appendFile(
    project.path('sources', 'facts.yaml'),
    [
      '',
      '- id: investigations',
      '  topics: [main]',
      '  statement: The test report says the ministry conducted 195 investigations in 2010.',
      '  citations:',
      '    - source: report',
      '      quote: "In 2010, the ministry conducted 194 investigations."',
      '',
    ].join('\n'),
  );
}

const config = (project: TempProject) => resolveConfig({ root: project.root, edition: '2026-11-23' });

/** What a failed prepare reported: each message's rule, place and words. */
async function failure(run: Promise<unknown>): Promise<string[]> {
  const error = await run.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(BuildError);
  return (error as BuildError).messages.map((message) => `${message.ruleId} ${message.line}:${message.column} ${message.reason}`);
}

describe('prepare: the first brief ahead of the collection’s checks', () => {
  it('should hand each brief to the browser before writing it, the first as soon as it is made', async () => {
    const project = await makeProject('mini');
    try {
      const calls: string[] = [];
      const prepared = await prepare(config(project), {
        onLayOut: (brief: PreparedBrief) => void calls.push(`lay out ${brief.briefId}`),
        onBrief: (brief: PreparedBrief) => void calls.push(`write ${brief.briefId}`),
      });
      expect(calls).toEqual(prepared.briefs.flatMap((brief) => [`lay out ${brief.briefId}`, `write ${brief.briefId}`]));
      expect(calls.length).toBeGreaterThan(0);
    } finally {
      await project.remove();
    }
  });

  it('should lay out the briefs out of date first, then the longest first, and give them back in the collection’s order', async () => {
    const project = await makeProject('kosovo');
    try {
      const laidOut: string[] = [];
      const prepared = await prepare(config(project), { first: new Set(['unmik-era']), onLayOut: (brief: PreparedBrief) => void laidOut.push(brief.briefId) });
      const ids = prepared.briefs.map((brief) => brief.briefId);
      expect(ids).toEqual(['legal-framework', 'tip-assessment', 'unmik-era']);
      // The longest Markdown first among the rest (the one that takes longest to lay out).
      const bodies = new Map(prepared.briefs.map((brief) => [brief.briefId, brief.body.length]));
      const rest = ids.filter((id) => id !== 'unmik-era').sort((a, b) => bodies.get(b)! - bodies.get(a)!);
      expect(laidOut).toEqual(['unmik-era', ...rest]);
    } finally {
      await project.remove();
    }
  });

  it('should stop on what the collection’s checks find with the same messages, the first brief laid out but never written', async () => {
    const project = await makeProject('mini');
    try {
      await withOverstatement(project);
      const before = await failure(prepare(config(project), { documents: false }));
      expect(before.some((line) => line.startsWith('statement-number-not-in-quote '))).toBe(true);
      const calls: string[] = [];
      const after = await failure(
        prepare(config(project), {
          onLayOut: (brief: PreparedBrief) => void calls.push(`lay out ${brief.briefId}`),
          onBrief: (brief: PreparedBrief) => void calls.push(`write ${brief.briefId}`),
        }),
      );
      expect(after).toEqual(before);
      expect(calls).toEqual(['lay out main']);
    } finally {
      await project.remove();
    }
  });
});
