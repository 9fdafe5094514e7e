import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { repoRoot, makeProject, type TempProject } from '../../helpers/project.js';
import { runCliInProcess as runCli } from '../../helpers/cli.js';

// These tests run without a browser: launching one fails the test.
const browser = vi.hoisted(() => ({ launches: 0 }));
vi.mock('puppeteer', () => {
  const launch = (): never => {
    browser.launches++;
    throw new Error('a browser was launched in a unit test');
  };
  return { default: { launch, executablePath: () => '' }, launch };
});

describe('main', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await makeProject();
  });

  afterEach(async () => {
    await project.remove();
  });

  it('should count the editorial warnings in the build summary, which `check` lists', async () => {
    await project.edit('sources/facts.yaml', (text) =>
      text.replace(
        'statement: >-\n    According to the 2011 TIP report, the police reported continued difficulties',
        'statement: >-\n    According to the 2011 TIP report, there were continued difficulties',
      ),
    );
    const checked = await runCli(['check'], project.root);
    expect(checked.stderr).toMatch(/warning .*"tip-2011-minority-staffing-gap" .*without saying who said it/);
    const built = await runCli(['build', '--format', 'html', '--brief', 'tip-assessment'], project.root);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/Built 1 of 1 brief in \d+\.\d\d s\. 1 editorial warning: `briefs check` lists it\.$/m);
    expect(built.stderr).not.toMatch(/without saying who said it/);
  });

  it('should count a paragraph without a note in the build summary, as `check` does (the build lints the Markdown, not the HTML)', async () => {
    await project.edit('templates/briefs/tip-assessment.md.hbs', (text) =>
      text.replace('## Key findings', 'This paragraph of the brief cites nothing at all.\n\n## Key findings'),
    );
    const checked = await runCli(['check'], project.root);
    expect(checked.stderr).toMatch(/tip-assessment\.md\.hbs:\d+:1 +warning +This paragraph of the brief has no note: "This paragraph of the brief cites nothing at all\."/);
    const built = await runCli(['build', '--format', 'html', '--brief', 'tip-assessment'], project.root);
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout).toMatch(/Built 1 of 1 brief in \d+\.\d\d s\. 1 editorial warning: `briefs check` lists it\.$/m);
  });

  it('should print the usage for --help and exit 0', async () => {
    const run = await runCli(['--help'], project.root);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: briefs <command> \[options\]/);
    expect(run.stderr).toBe('');
  });

  it('should print the package version for --version', async () => {
    const { version } = JSON.parse(await readFile(`${repoRoot}/package.json`, 'utf8')) as { version: string };
    const run = await runCli(['--version'], project.root);
    expect(run).toEqual({ code: 0, stdout: version, stderr: '' });
  });

  it('should exit 2 with the reason for an unknown command', async () => {
    const run = await runCli(['publish'], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/Unknown command "publish"/);
  });

  it('should exit 2 for an unknown flag, pointing to --help', async () => {
    const run = await runCli(['check', '--verbose'], project.root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--verbose.*Use --help/s);
  });

  it('should check the project, print a ✓ line and exit 0', async () => {
    const facts = await project.read('sources/facts.yaml');
    const factCount = facts.match(/^- id: /gm)?.length ?? 0;
    const briefCount = (await readdir(project.path('templates', 'briefs'))).filter((name) => name.endsWith('.md.hbs')).length;
    const run = await runCli(['check'], project.root);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^✓ 5 sources, ${factCount} facts, \\d+ quotes verified; ${briefCount} briefs render \\(\\d+\\.\\d\\d s\\)$`),
    );
    expect(existsSync(project.path('output'))).toBe(false);
    expect(browser.launches).toBe(0);
  });

  it('should exit 1 and locate a quote that is not in its source', async () => {
    const text = await project.read('sources/facts.yaml');
    const lines = text.split('\n');
    const index = lines.findIndex((line) => /^\s+quote: "\w+/.test(line));
    const factId = lines
      .slice(0, index)
      .reverse()
      .map((line) => /^- id: (\S+)/.exec(line)?.[1])
      .find((id) => id !== undefined);
    const column = lines[index]!.indexOf('"') + 1;
    lines[index] = lines[index]!.replace(/quote: "\w+/, 'quote: "Zzzyzx');
    await project.write('sources/facts.yaml', lines.join('\n'));

    const run = await runCli(['check'], project.root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      `sources/facts.yaml:${index + 1}:${column}  error  The quote of fact "${factId}" is not in source`,
    );
    expect(run.stderr).toMatch(/\[quote-not-found\]\n  closest passage: ¶ \d+, line \d+ /);
    expect(run.stderr).toMatch(/\n✗ 1 problem; nothing was written and earlier output is unchanged\.$/);
  });

  it('should exit 2 listing the valid brief ids for an unknown --brief, before any browser', async () => {
    const briefs = (await readdir(project.path('templates', 'briefs')))
      .filter((name) => name.endsWith('.md.hbs'))
      .map((name) => name.slice(0, -'.md.hbs'.length))
      .sort();
    const run = await runCli(['build', '--brief', 'nope'], project.root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`Unknown brief "nope". The briefs are: ${briefs.join(', ')}.`);
    expect(browser.launches).toBe(0);
    const written = existsSync(project.path('output')) ? await readdir(project.path('output')) : [];
    expect(written.filter((name) => /\.(html|pdf)$/.test(name))).toEqual([]);
  });
});
