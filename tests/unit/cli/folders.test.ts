import { cp, mkdir, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCliInProcess as runCli } from '../../helpers/cli.js';
import { makeProject, type TempProject } from '../../helpers/project.js';
import { hashTree } from '../build/hash-tree.js';

// HTML only: these runs start no browser, and launching one fails the test.
vi.mock('puppeteer', () => {
  const launch = (): never => {
    throw new Error('a browser was launched in a unit test');
  };
  return { default: { launch, executablePath: () => '' }, launch };
});

describe('main: folders that cannot be the project', () => {
  let project: TempProject;
  const output = () => hashTree(project.path('output'));
  /** Everything in the project: nothing may be written into the sources or templates. */
  const everything = () => hashTree(project.root);

  beforeEach(async () => {
    project = await makeProject('mini');
    const built = await runCli(['build', '--format', 'html'], project.root);
    expect(built.code, built.stderr).toBe(0);
  });

  afterEach(async () => {
    await project.remove();
  });

  it('should exit 2 for a mistyped --templates, suggest `templates` and keep every output', async () => {
    const before = await output();
    const run = await runCli(['build', '--templates', 'templatse', '--force', '--format', 'html'], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`The templates folder "templatse" (--templates) does not exist: there is no ${project.path('templatse')}. Did you mean \`templates\`?`);
    expect(await output()).toEqual(before);
  });

  it('should exit 2 for a mistyped --sources, on `check` as on `build`, and suggest `sources`', async () => {
    for (const command of ['build', 'check']) {
      const run = await runCli([command, '--sources', 'Sourcse'], project.root);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`The sources folder "Sourcse" (--sources) does not exist: there is no ${project.path('Sourcse')}. Did you mean \`sources\`?`);
    }
  });

  it('should keep the path as given when suggesting a folder in another folder', async () => {
    await mkdir(project.path('shared'));
    await cp(project.path('templates'), project.path('shared', 'templates'), { recursive: true });
    const run = await runCli(['build', '--templates', 'shared/tempaltes'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Did you mean `shared\/templates`\?$/);
  });

  it('should say what the folder must hold when no folder name is close', async () => {
    const run = await runCli(['build', '--templates', 'layouts-v2'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `The templates folder "layouts-v2" (--templates) does not exist: there is no ${project.path('layouts-v2')}. Point --templates at the folder that holds briefs/ (and whatever overrides the built-in partials/, layouts/, styles/ and csl/).`,
    );
  });

  it('should exit 2 for a --templates that is a file', async () => {
    const run = await runCli(['build', '--templates', 'sources/facts.yaml'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^The templates folder "sources\/facts\.yaml" \(--templates\) is a file, not a folder \(.*facts\.yaml\)\. Point --templates at /);
  });

  it('should exit 1 with brief-not-found for a templates folder without briefs, and keep every output', async () => {
    const before = await output();
    await rm(project.path('templates', 'briefs', 'main.md.hbs'));
    const run = await runCli(['build', '--format', 'html', '--force'], project.root);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe(`templates/briefs  error  No brief templates (*.md.hbs) were found in ${JSON.stringify(project.path('templates', 'briefs'))}.  [brief-not-found]`);
    expect(run.stderr).toMatch(/\n✗ 1 problem; nothing was written and earlier output is unchanged\.$/);
    expect(await output()).toEqual(before);
  });

  it('should exit 2 naming both folders for an --out inside --sources, and write nothing into the sources', async () => {
    const before = await everything();
    const run = await runCli(['build', '--out', 'sources/x', '--format', 'html'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'The output folder "sources/x" (--out) is inside the sources folder "sources" (--sources): the build would write its files among the files it reads, and --watch would rebuild itself in a loop. Choose an output folder outside "sources".',
    );
    expect(await everything()).toEqual(before);
  });

  it('should exit 2 for an --out inside --templates, or one that holds --sources', async () => {
    const inside = await runCli(['build', '--out', 'templates/out'], project.root);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toMatch(/^The output folder "templates\/out" \(--out\) is inside the templates folder "templates" \(--templates\)/);
    const holding = await runCli(['build', '--out', '.'], project.root);
    expect(holding.code).toBe(2);
    expect(holding.stderr).toBe(
      'The sources folder "sources" (--sources) is inside the output folder "." (--out): the build would write its files among the files it reads, and --watch would rebuild itself in a loop. Choose an output folder that does not hold "sources".',
    );
  });

  it('should exit 2 for an --out that reaches into the sources through a symbolic link', async () => {
    await symlink(project.path('sources'), project.path('linked'));
    const before = await everything();
    const run = await runCli(['build', '--out', 'linked/x', '--format', 'html'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^The output folder "linked\/x" \(--out\) is inside the sources folder "sources" \(--sources\)/);
    expect(await everything()).toEqual(before);
  });

  it('should print the removal of a retired brief, on a dry run first, and sum it up', async () => {
    await cp(project.path('templates', 'briefs', 'main.md.hbs'), project.path('templates', 'briefs', 'annex.md.hbs'));
    expect((await runCli(['build', '--format', 'html'], project.root)).code).toBe(0);
    await rm(project.path('templates', 'briefs', 'annex.md.hbs'));
    const dry = await runCli(['build', '--format', 'html', '--dry-run'], project.root);
    expect(dry.code).toBe(0);
    // The index (the built-in site layouts) lists every brief: it is made again without annex.
    expect(dry.stdout.split('\n').slice(0, 3)).toEqual([
      '✓ main               up to date',
      '• (site)             would rebuild: templates/briefs/annex.md.hbs removed',
      '• annex              would remove output/annex.html: its template templates/briefs/annex.md.hbs was removed',
    ]);
    const run = await runCli(['build', '--format', 'html'], project.root);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('✓ annex              removed output/annex.html: its template templates/briefs/annex.md.hbs was removed');
    expect(run.stdout).toMatch(/^Built the index and source viewer; removed the outputs of 1 retired brief \(annex\) in \d+\.\d\d s\.$/m);
  });
});
