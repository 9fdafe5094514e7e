import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/build/manifest.js';
import { changedInputs, collectInputs, planBuild, siteId, type PlanInput, type RenderOptions } from '../../../src/build/plan.js';
import type { Snapshot } from '../../../src/build/snapshot.js';

const options: RenderOptions = { paper: 'a4', notes: 'footnotes', evidence: 'annex', author: 'A', citationStyle: 'chicago', locale: 'en-US', collection: 'c', browser: 'none' };

function snapshotOf(briefIds: readonly string[], checked: Record<string, string> = { 'sources/facts.yaml': 'f1', 'sources/sources.yaml': 's1' }): Snapshot {
  return {
    files: new Map([...briefIds.map((id) => [`templates/briefs/${id}.md.hbs`, `t-${id}`] as const), ['templates/layouts/brief.html.hbs', 'l']]),
    documents: new Map(),
    bibliography: new Map(),
    facts: new Map(),
    readable: true,
    tool: 'tool',
    briefIds,
    checked: new Map(Object.entries(checked)),
  };
}

/** A manifest whose outputs are up to date with `snapshot` for `briefs`, plus those of `retired`. */
function manifestOf(snapshot: Snapshot, briefs: readonly string[], retired: readonly string[] = [], checked?: Record<string, string>): Manifest {
  const deps = { facts: [], sources: [] };
  const outputs: Manifest['outputs'] = {};
  for (const brief of briefs) outputs[`${brief}.html`] = { brief, format: 'html', inputs: collectInputs(brief, 'html', deps, snapshot, options, 'templates'), deps, digest: `d-${brief}` };
  for (const brief of retired) outputs[`${brief}.html`] = { brief, format: 'html', inputs: { [`templates/briefs/${brief}.md.hbs`]: `t-${brief}` }, deps, digest: `d-${brief}` };
  outputs['sources/gone.html'] = { brief: siteId, format: 'html', inputs: {}, deps, digest: 'd-gone' };
  return { version: 1, facts: {}, outputs, checked: checked ?? Object.fromEntries(snapshot.checked) };
}

function input(snapshot: Snapshot, manifest: Manifest, extra: Partial<PlanInput> = {}): PlanInput {
  const briefs = snapshot.briefIds;
  return {
    manifest,
    snapshot,
    options,
    packFile: 'kosovo-briefs-handout.pdf',
    briefs,
    formats: ['html'],
    onDisk: new Map(briefs.map((brief) => [`${brief}.html`, `d-${brief}`])),
    force: false,
    pack: false,
    all: true,
    templatesPrefix: 'templates',
    ...extra,
  };
}

describe('planBuild: retired briefs', () => {
  it('should remove the outputs of a brief whose template was deleted while other briefs remain, saying why', () => {
    const snapshot = snapshotOf(['main']);
    const plan = planBuild(input(snapshot, manifestOf(snapshot, ['main'], ['old'])));
    expect(plan.steps.map((step) => step.action)).toEqual(['skip']);
    expect(plan.remove).toEqual(['old.html']);
    expect(plan.removals).toEqual([{ output: 'old.html', brief: 'old', reason: 'its template templates/briefs/old.md.hbs was removed' }]);
  });

  it('should remove nothing when no brief is left at all, even with --force', () => {
    const before = snapshotOf(['main']);
    const manifest = manifestOf(before, ['main']);
    const plan = planBuild(input(snapshotOf([]), manifest, { briefs: [], force: true }));
    expect(plan.remove).toEqual([]);
    expect(plan.removals).toEqual([]);
  });

  it('should not remove the outputs of a brief built from another templates folder', () => {
    const snapshot = snapshotOf(['main']);
    const manifest = manifestOf(snapshot, ['main']);
    manifest.outputs['other.html'] = { brief: 'other', format: 'html', inputs: { 'elsewhere/briefs/other.md.hbs': 't' }, deps: { facts: [], sources: [] }, digest: 'd' };
    expect(planBuild(input(snapshot, manifest)).remove).toEqual([]);
  });

  it('should remove nothing when only some briefs are built (--brief)', () => {
    const snapshot = snapshotOf(['main']);
    const plan = planBuild(input(snapshot, manifestOf(snapshot, ['main'], ['old']), { all: false }));
    expect(plan.remove).toEqual([]);
  });

  it('should remove the viewer page of a removed document only when the site is made, saying why', () => {
    const snapshot = snapshotOf(['main']);
    const manifest = manifestOf(snapshot, ['main']);
    expect(planBuild(input(snapshot, manifest)).removals).toEqual([]);
    const plan = planBuild(input(snapshot, manifest, { site: ['index.html'] }));
    expect(plan.removals).toContainEqual({ output: 'sources/gone.html', brief: siteId, reason: 'its document is no longer in sources.yaml' });
  });
});

describe('planBuild: inputs to check', () => {
  it('should list a changed facts.yaml that no step is rebuilt from', () => {
    const snapshot = snapshotOf(['main'], { 'sources/facts.yaml': 'f2', 'sources/sources.yaml': 's1' });
    const manifest = manifestOf(snapshotOf(['main']), ['main']);
    const plan = planBuild(input(snapshot, manifest));
    expect(plan.steps.every((step) => step.action === 'skip')).toBe(true);
    expect(plan.check).toEqual(['sources/facts.yaml']);
  });

  it('should list every input when the manifest recorded none (a manifest from before the field)', () => {
    const snapshot = snapshotOf(['main']);
    const { checked: _checked, ...manifest } = manifestOf(snapshot, ['main']);
    expect(planBuild(input(snapshot, manifest)).check).toEqual(['sources/facts.yaml', 'sources/sources.yaml']);
  });

  it('should list nothing when nothing changed', () => {
    const snapshot = snapshotOf(['main']);
    expect(planBuild(input(snapshot, manifestOf(snapshot, ['main']))).check).toEqual([]);
  });

  it('should list nothing when a step is rebuilt, since building checks every input', () => {
    const snapshot = snapshotOf(['main'], { 'sources/facts.yaml': 'f2', 'sources/sources.yaml': 's1' });
    const plan = planBuild(input(snapshot, manifestOf(snapshotOf(['main']), ['main']), { force: true }));
    expect(plan.steps.map((step) => step.action)).toEqual(['build']);
    expect(plan.check).toEqual([]);
  });

  it('should compare digests file by file and sort what changed', () => {
    const current = new Map([['sources/sources.yaml', 'b'], ['sources/documents/a.txt', 'x'], ['sources/facts.yaml', 'same']]);
    expect(changedInputs({ 'sources/facts.yaml': 'same', 'sources/sources.yaml': 'a' }, current)).toEqual(['sources/documents/a.txt', 'sources/sources.yaml']);
  });
});
