import * as fsPromises from 'node:fs/promises';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runBuild, type BriefResult, type BuildContext } from '../../../src/build/run-build.js';
import type { OutputFs } from '../../../src/build/write-output.js';
import { resolveConfig, type ConfigInput } from '../../../src/config/index.js';
import { BuildError } from '../../../src/diagnostics/index.js';
import { makeProject, type TempProject } from '../../helpers/project.js';
import { hashTree } from './hash-tree.js';

// HTML only: these builds start no browser, and launching one fails the test.
vi.mock('puppeteer', () => {
  const launch = (): never => {
    throw new Error('a browser was launched in a unit test');
  };
  return { default: { launch, executablePath: () => '' }, launch };
});

/** An exact copy of the mini fixture's last fact. */
const copiedFact = `
- id: coordinator
  topics: [main]
  date: 2021-03
  statement: The test article says a national coordinator was appointed in March 2021.
  citations:
    - source: news
      quote: "The national coordinator was appointed in March 2021."
`;

describe('runBuild: nothing lost, nothing half written', () => {
  let project: TempProject;
  let lines: BriefResult[] = [];
  let info: string[] = [];

  const build = (options: ConfigInput = {}, ctx: BuildContext = {}) =>
    runBuild(resolveConfig({ root: project.root, formats: ['html'], edition: '2026-11-23', ...options }), {
      reporter: { brief: (result) => lines.push(result), warn: () => undefined, info: (line) => info.push(line) },
      ...ctx,
    });

  async function failure(promise: Promise<unknown>): Promise<BuildError> {
    const error: unknown = await promise.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(BuildError);
    return error as BuildError;
  }

  const output = () => hashTree(project.path('output'));

  beforeEach(async () => {
    project = await makeProject('mini');
    await build();
    lines = [];
    info = [];
  });

  afterEach(async () => {
    await project.remove();
  });

  it('should refuse a templates/briefs/ with no brief and remove no output, even with --force', async () => {
    const before = await output();
    await rm(project.path('templates', 'briefs', 'main.md.hbs'));
    for (const force of [false, true]) {
      const error = await failure(build({ force }));
      expect(error.messages.map((message) => message.ruleId)).toEqual(['brief-not-found']);
      expect(error.messages[0]!.file).toBe(project.path('templates', 'briefs'));
      expect(error.messages[0]!.reason).toBe(`No brief templates (*.md.hbs) were found in ${JSON.stringify(project.path('templates', 'briefs'))}.`);
      expect(await output()).toEqual(before);
    }
  });

  it('should refuse a missing templates folder with file-missing, on a dry run too, and remove no output', async () => {
    const before = await output();
    await rename(project.path('templates'), project.path('templates-away'));
    for (const dryRun of [true, false]) {
      const error = await failure(build({ dryRun }));
      expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['file-missing', project.path('templates')]]);
      expect(error.messages[0]!.reason).toBe(`The file ${JSON.stringify(project.path('templates'))} does not exist or cannot be read.`);
    }
    expect(await output()).toEqual(before);
  });

  it('should remove the outputs of a retired brief while another remains, showing it on a dry run first', async () => {
    await cp(project.path('templates', 'briefs', 'main.md.hbs'), project.path('templates', 'briefs', 'annex.md.hbs'));
    await build();
    await rm(project.path('templates', 'briefs', 'annex.md.hbs'));
    const before = await output();
    lines = [];

    const planned = await build({ dryRun: true });
    // The index (the built-in site layouts) lists every brief: it is made again without annex.
    expect(planned.briefs.map((brief) => [brief.briefId, brief.action, brief.reasons])).toEqual([
      ['main', 'up to date', []],
      ['(site)', 'would build', ['templates/briefs/annex.md.hbs removed']],
      ['annex', 'would remove', ['its template templates/briefs/annex.md.hbs was removed']],
    ]);
    expect(lines.map((line) => line.action)).toEqual(['up to date', 'would build', 'would remove']);
    expect(await output()).toEqual(before);

    const built = await build();
    const removed = built.briefs.find((brief) => brief.briefId === 'annex');
    expect(removed).toMatchObject({ action: 'removed', reasons: ['its template templates/briefs/annex.md.hbs was removed'], files: [project.path('output', 'annex.html')] });
    const after = await output();
    expect(Object.keys(after)).not.toContain('annex.html');
    expect(after['main.html']).toBe(before['main.html']);
    const report = JSON.parse(await project.read('output/build-report.json')) as { outputs: { output: string; action: string; reasons: string[] }[] };
    expect(report.outputs).toContainEqual({ output: 'annex.html', action: 'removed', reasons: ['its template templates/briefs/annex.md.hbs was removed'] });
  });

  it('should check a facts.yaml to which an exact copy of a fact was appended, though no fact changed', async () => {
    const before = await output();
    await writeFile(project.path('sources', 'facts.yaml'), `${await project.read('sources/facts.yaml')}${copiedFact}`);
    const planned = await build({ dryRun: true });
    expect(planned.plan.check).toEqual(['sources/facts.yaml']);
    expect(info).toEqual(['Would check sources/facts.yaml: changed since the last build, though no output is rebuilt from the change.']);
    const error = await failure(build());
    expect(error.messages.map((message) => [message.ruleId, message.line])).toEqual([['duplicate-id', 25]]);
    expect(error.messages[0]!.reason).toBe('The fact id "coordinator" is used twice.');
    expect(await output()).toEqual(before);
    // The manifest still has the digest of the last good facts.yaml: the next build checks again.
    await expect(build()).rejects.toThrow(BuildError);
  });

  it('should check a changed facts.yaml once, then call it up to date without checking again', async () => {
    await writeFile(project.path('sources', 'facts.yaml'), `${await project.read('sources/facts.yaml')}# a comment\n`);
    const first = await build();
    expect(first.plan.check).toEqual(['sources/facts.yaml']);
    expect(first.briefs.map((brief) => [brief.briefId, brief.action])).toEqual([['main', 'up to date'], ['(site)', 'up to date']]);
    const manifest = JSON.parse(await project.read('output/build-manifest.json')) as { checked: Record<string, string> };
    expect(Object.keys(manifest.checked).sort()).toEqual(['sources/documents/news.txt', 'sources/documents/report.txt', 'sources/facts.yaml', 'sources/sources.yaml']);
    const second = await build();
    expect(second.plan.check).toEqual([]);
  });

  it('should check a changed document no output depends on', async () => {
    // A build of one brief: the site (whose viewer shows every document) is not made.
    const one = { briefs: ['main'] };
    await writeFile(project.path('sources', 'documents', 'spare.txt'), 'A spare document that no fact cites.\n');
    await writeFile(
      project.path('sources', 'sources.yaml'),
      `${await project.read('sources/sources.yaml')}\n- id: spare\n  file: documents/spare.txt\n  type: report\n  title: Spare\n`,
    );
    // A first build checks the new entry and its document, which reads fine.
    expect((await build(one)).plan.check).toEqual(['sources/documents/spare.txt', 'sources/sources.yaml']);
    const before = await output();
    // Then the document, which no fact cites, is saved in another encoding than UTF-8.
    await writeFile(project.path('sources', 'documents', 'spare.txt'), Buffer.from('A spare document, \xe9dited.\n', 'latin1'));
    const planned = await build({ ...one, dryRun: true });
    expect(planned.plan.check).toEqual(['sources/documents/spare.txt']);
    const error = await failure(build(one));
    expect(error.messages.map((message) => message.ruleId)).toEqual(['source-unreadable']);
    expect(await output()).toEqual(before);
  });

  it('should write nothing when CHANGES.md has a folder in its place', async () => {
    await rm(project.path('output', 'CHANGES.md'));
    await mkdir(project.path('output', 'CHANGES.md'));
    const before = await output();
    const error = await failure(build({ force: true }));
    expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['output-write', project.path('output', 'CHANGES.md')]]);
    expect(error.messages[0]!.reason).toBe(`Could not write ${JSON.stringify(project.path('output', 'CHANGES.md'))}: a folder of that name is in its place`);
    expect(await output()).toEqual(before);
  });

  it('should write nothing when build-report.json has a folder in its place', async () => {
    await rm(project.path('output', 'build-report.json'));
    await mkdir(project.path('output', 'build-report.json'));
    const before = await output();
    const error = await failure(build({ force: true }));
    expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['output-write', project.path('output', 'build-report.json')]]);
    expect(await output()).toEqual(before);
  });

  it('should put the briefs, the manifest and a removed brief back when a rename fails midway', async () => {
    await cp(project.path('templates', 'briefs', 'main.md.hbs'), project.path('templates', 'briefs', 'annex.md.hbs'));
    await build();
    await rm(project.path('templates', 'briefs', 'annex.md.hbs'));
    await project.edit('templates/styles/brief.css', (text) => `${text}\n/* changed */\n`);
    const before = await output();
    const renamed: string[] = [];
    const fs: OutputFs = {
      ...fsPromises,
      rename: async (from, to) => {
        // main.html and the manifest are in place when the report's rename fails.
        if (path.basename(String(to)) === 'build-report.json') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        renamed.push(path.basename(String(to)));
        return fsPromises.rename(from, to);
      },
    };
    const error = await failure(build({}, { fs }));
    // The outputs (the site's pages among them), then the manifest; then the renames are undone.
    const done = renamed.slice(0, renamed.indexOf('build-manifest.json') + 1);
    expect(done).toContain('main.html');
    expect(done.at(-1)).toBe('build-manifest.json');
    expect(error.messages.map((message) => [message.ruleId, message.file])).toEqual([['output-write', project.path('output', 'build-report.json')]]);
    expect(error.messages[0]!.reason).toBe(`Could not write ${JSON.stringify(project.path('output', 'build-report.json'))}: EIO: i/o error`);
    expect(await output()).toEqual(before);
    expect(await readFile(project.path('output', 'annex.html'), 'utf8')).toContain('<html');
  });
});
