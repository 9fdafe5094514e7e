import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/build/manifest.js';
import { collectInputs, diffInputs, planBuild, type RenderOptions } from '../../../src/build/plan.js';
import type { Snapshot } from '../../../src/build/snapshot.js';

/** The inputs a brief citing source `x` (and `y`) records, `x` read from `file` with `digest`. */
function inputsOf(file: string, digest: string, entry: string, more: Record<string, string> = {}): Record<string, string> {
  return {
    'templates/briefs/main.md.hbs': 't1',
    [file]: digest,
    'sources/sources.yaml#x': entry,
    'source-file:x': file,
    'sources/documents/y.html': 'dy',
    'sources/sources.yaml#y': 'ey',
    'source-file:y': 'sources/documents/y.html',
    'sources/facts.yaml#f1': 'ff1',
    'option:paper': 'a4',
    tool: 'tool-1',
    ...more,
  };
}

const pinned = 'sources/documents/x.txt';
const archived = 'sources/archive/x/2026-12-02-0123456789ab.txt';

describe('diffInputs: a source read from another file', () => {
  it('should give one reason when a pin moves to an archived version: updated upstream, with the fetch date', () => {
    const recorded = inputsOf(pinned, 'd-old', 'e-old');
    const current = inputsOf(archived, 'd-new', 'e-new');
    expect(diffInputs(recorded, current)).toEqual(['sources/documents/x.txt updated upstream (fetched 2026-12-02)']);
  });

  it('should name a move between two archived versions by the newer fetch date', () => {
    const before = 'sources/archive/x/2026-11-01-aaaaaaaaaaaa.txt';
    expect(diffInputs(inputsOf(before, 'd1', 'e1'), inputsOf(archived, 'd2', 'e2'))).toEqual([`${before} updated upstream (fetched 2026-12-02)`]);
  });

  it('should say a source is now read from another file when that is not an archived version', () => {
    const recorded = inputsOf(pinned, 'd-old', 'e-old');
    const current = inputsOf('sources/documents/x-2026.txt', 'd-new', 'e-new');
    expect(diffInputs(recorded, current)).toEqual(['source x is now read from sources/documents/x-2026.txt (was sources/documents/x.txt)']);
  });

  it('should still give the other reasons, besides the move', () => {
    const recorded = inputsOf(pinned, 'd-old', 'e-old');
    const current = inputsOf(archived, 'd-new', 'e-new', { 'sources/facts.yaml#f1': 'ff2', 'sources/sources.yaml#y': 'ey2', 'option:paper': 'letter' });
    expect(diffInputs(recorded, current).sort()).toEqual(
      ['sources/documents/x.txt updated upstream (fetched 2026-12-02)', 'fact f1 changed', 'bibliography entry y changed', 'paper changed from a4 to letter'].sort(),
    );
  });

  it('should give no reason when the source is read from the same file as before', () => {
    expect(diffInputs(inputsOf(archived, 'd', 'e'), inputsOf(archived, 'd', 'e'))).toEqual([]);
  });

  it('should say the document changed, not that it moved, when the same file has new bytes', () => {
    expect(diffInputs(inputsOf(pinned, 'd-old', 'e'), inputsOf(pinned, 'd-new', 'e'))).toEqual(['sources/documents/x.txt changed']);
  });

  it('should fall back to files removed and added for a build recorded before sources had their file', () => {
    const { 'source-file:x': _file, ...recorded } = inputsOf(pinned, 'd-old', 'e-old');
    const reasons = diffInputs(recorded, inputsOf(archived, 'd-new', 'e-new'));
    expect(reasons).toEqual(expect.arrayContaining([`${archived} added`, 'bibliography entry x changed', `${pinned} removed`]));
    expect(reasons.some((reason) => reason.includes('updated upstream'))).toBe(false);
  });
});

describe('planBuild: a pin moved by `briefs fetch`', () => {
  const options: RenderOptions = { paper: 'a4', notes: 'footnotes', evidence: 'annex', author: 'A', citationStyle: 'chicago', locale: 'en-US', collection: 'c', browser: 'none' };

  /** The project with source `x` read from `file` (its bytes `digest`, its entry `entry`). */
  const snapshotOf = (file: string, digest: string, entry: string): Snapshot => ({
    files: new Map([
      ['templates/briefs/main.md.hbs', 't1'],
      ['templates/layouts/brief.html.hbs', 'l1'],
      [file, digest],
    ]),
    documents: new Map([['x', file]]),
    bibliography: new Map([['x', entry]]),
    facts: new Map([['f1', { digest: 'ff1', topics: ['main'] }]]),
    readable: true,
    tool: 'tool-1',
    briefIds: ['main'],
    checked: new Map([[file, digest]]),
  });

  it('should rebuild the brief citing the source, for the one reason that it was updated upstream', () => {
    const before = snapshotOf(pinned, 'd-old', 'e-old');
    const deps = { facts: ['f1'], sources: ['x'] };
    const manifest: Manifest = {
      version: 1,
      facts: {},
      outputs: { 'main.html': { brief: 'main', format: 'html', inputs: collectInputs('main', 'html', deps, before, options, 'templates'), deps, digest: 'd-main' } },
      checked: Object.fromEntries(before.checked),
    };
    const plan = planBuild({
      packFile: 'briefs-handout.pdf',
      manifest,
      snapshot: snapshotOf(archived, 'd-new', 'e-new'),
      options,
      briefs: ['main'],
      formats: ['html'],
      onDisk: new Map([['main.html', 'd-main']]),
      force: false,
      pack: false,
      all: true,
      templatesPrefix: 'templates',
    });
    expect(plan.steps).toEqual([{ output: 'main.html', brief: 'main', format: 'html', action: 'build', reasons: ['sources/documents/x.txt updated upstream (fetched 2026-12-02)'] }]);
  });
});
