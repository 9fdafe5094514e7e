import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { commandUsage, usage } from '../../../src/cli/args.js';
import { makeProject, type TempProject } from '../../helpers/project.js';
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

/** The ids of the project's briefs, sorted. */
async function briefIds(project: TempProject): Promise<string[]> {
  return (await readdir(project.path('templates', 'briefs')))
    .filter((name) => name.endsWith('.md.hbs'))
    .map((name) => name.slice(0, -'.md.hbs'.length))
    .sort();
}

/** Break the first quote of the facts file, so that `check` fails on it. */
async function breakAQuote(project: TempProject): Promise<void> {
  await project.edit('sources/facts.yaml', (text) => text.replace(/^(\s+quote: ")\w+/m, '$1Zzzyzx'));
}

describe('the CLI as people expect it', () => {
  let project: TempProject;
  let elsewhere: string;

  beforeEach(async () => {
    project = await makeProject();
    elsewhere = await mkdtemp(path.join(os.tmpdir(), 'briefs-elsewhere-'));
  });

  afterEach(async () => {
    await project.remove();
    await rm(elsewhere, { recursive: true, force: true });
  });

  describe('help', () => {
    it('should print one command\'s usage for `help COMMAND`, `COMMAND --help` and `COMMAND -h`', async () => {
      for (const name of ['build', 'check', 'fetch', 'sources', 'coverage', 'init'] as const) {
        for (const argv of [['help', name], [name, '--help'], [name, '-h']]) {
          const run = await runCli(argv, project.root);
          expect(run, argv.join(' ')).toEqual({ code: 0, stdout: commandUsage(name), stderr: '' });
        }
      }
    });

    it('should print the overview for `help`, `--help` and no command', async () => {
      for (const argv of [['help'], ['--help'], ['-h'], []]) {
        expect(await runCli(argv, project.root)).toEqual({ code: 0, stdout: usage, stderr: '' });
      }
    });
  });

  describe('did you mean', () => {
    it('should exit 2 naming the command meant', async () => {
      const run = await runCli(['biuld'], project.root);
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'Unknown command "biuld": did you mean "build"? Use --help to see the commands.' });
    });

    it('should exit 2 naming the option meant', async () => {
      const run = await runCli(['build', '--forse'], project.root);
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'Unknown option "--forse": did you mean "--force"? Use --help to see the options.' });
    });

    it('should exit 2 naming the brief meant, before any browser', async () => {
      const briefs = await briefIds(project);
      const run = await runCli(['build', '--brief', 'legal-framwork'], project.root);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`Unknown brief "legal-framwork": did you mean "legal-framework"? The briefs are: ${briefs.join(', ')}.`);
      expect(browser.launches).toBe(0);
    });

    it('should name the brief meant for each of several unknown ids, and none for an id near nothing', async () => {
      const briefs = await briefIds(project);
      const run = await runCli(['build', '--brief', 'unmik-eru', '--brief', 'nope'], project.root);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`Unknown brief "unmik-eru" (did you mean "unmik-era"?), "nope". The briefs are: ${briefs.join(', ')}.`);
    });
  });

  describe('--root and -C', () => {
    it('should check a collection elsewhere, printing paths relative to it', async () => {
      await project.edit('sources/facts.yaml', (text) =>
        text.replace(
          'statement: >-\n    According to the 2011 TIP report, the police reported continued difficulties',
          'statement: >-\n    According to the 2011 TIP report, there were continued difficulties',
        ),
      );
      for (const flag of ['--root', '-C']) {
        const run = await runCli(['check', flag, project.root], elsewhere);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stdout).toMatch(/^✓ 5 sources, \d+ facts, \d+ quotes verified; \d+ briefs render/);
        // As if started there: `sources/facts.yaml:LINE:COL`, not a path from the current folder.
        expect(run.stderr).toMatch(/^sources\/facts\.yaml:\d+:\d+ {2}warning /m);
      }
    });

    it('should take a --root relative to the current folder, and other folders relative to the root', async () => {
      const parent = path.dirname(project.root);
      const run = await runCli(['check', '-C', path.basename(project.root), '--sources', 'sources'], parent);
      expect(run.code, run.stderr).toBe(0);
    });

    it('should build a collection elsewhere into its own output folder', async () => {
      const run = await runCli(['build', '--root', project.root, '--format', 'html', '--brief', 'tip-assessment'], elsewhere);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^ {2}output\/tip-assessment\.html {2}\d+ notes/m);
      expect(existsSync(project.path('output', 'tip-assessment.html'))).toBe(true);
      expect(await readdir(elsewhere)).toEqual([]);
    });

    it('should exit 2 for a --root that does not exist, naming the folder meant', async () => {
      await mkdir(path.join(elsewhere, 'moldova'));
      const run = await runCli(['check', '--root', 'moldvoa'], elsewhere);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^The folder "moldvoa" \(--root\) does not exist: there is no .*moldvoa\. Did you mean `moldova`\?$/);
      const far = await runCli(['check', '-C', 'zzz'], elsewhere);
      expect(far.code).toBe(2);
      expect(far.stderr).toMatch(/Point --root at the folder of the collection/);
    });

    it('should report problems with paths relative to the root', async () => {
      await breakAQuote(project);
      const run = await runCli(['check', '-C', project.root], elsewhere);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^sources\/facts\.yaml:\d+:\d+ {2}error {2}The quote of fact /m);
    });
  });

  describe('--quiet', () => {
    it('should print nothing for a good check or build', async () => {
      expect(await runCli(['check', '--quiet'], project.root)).toEqual({ code: 0, stdout: '', stderr: '' });
      const built = await runCli(['build', '-q', '--format', 'html', '--brief', 'tip-assessment'], project.root);
      expect(built).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(existsSync(project.path('output', 'tip-assessment.html'))).toBe(true);
    });

    it('should still print warnings and errors', async () => {
      await project.edit('sources/facts.yaml', (text) =>
        text.replace(
          'statement: >-\n    According to the 2011 TIP report, the police reported continued difficulties',
          'statement: >-\n    According to the 2011 TIP report, there were continued difficulties',
        ),
      );
      const warned = await runCli(['check', '-q'], project.root);
      expect(warned.code).toBe(0);
      expect(warned.stdout).toBe('');
      expect(warned.stderr).toMatch(/warning .*without saying who said it/);
      await breakAQuote(project);
      const failed = await runCli(['check', '-q'], project.root);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/error {2}The quote of fact/);
      expect(failed.stderr).toMatch(/✗ 1 problem/);
    });

    it('should still print what was asked for: a listing, or --json', async () => {
      const listed = await runCli(['sources', '--quiet'], project.root);
      expect(listed.code).toBe(0);
      expect(listed.stdout).not.toBe('');
      const json = await runCli(['check', '--quiet', '--json'], project.root);
      expect(JSON.parse(json.stdout)).toMatchObject({ ok: true });
    });
  });

  describe('check --json', () => {
    it('should print a JSON summary on success', async () => {
      const run = await runCli(['check', '--json'], project.root);
      expect(run.code, run.stderr).toBe(0);
      const summary = JSON.parse(run.stdout) as Record<string, unknown>;
      expect(Object.keys(summary)).toEqual(['ok', 'sources', 'facts', 'quotes', 'briefs', 'warnings']);
      expect(summary).toMatchObject({ ok: true, sources: 5, briefs: (await briefIds(project)).length, warnings: [] });
      expect(summary['facts']).toBeGreaterThan(10);
      expect(summary['quotes']).toBeGreaterThanOrEqual(summary['facts'] as number);
    });

    it('should list the warnings in it', async () => {
      await project.edit('sources/facts.yaml', (text) =>
        text.replace(
          'statement: >-\n    According to the 2011 TIP report, the police reported continued difficulties',
          'statement: >-\n    According to the 2011 TIP report, there were continued difficulties',
        ),
      );
      const run = await runCli(['check', '--json'], project.root);
      const summary = JSON.parse(run.stdout) as { ok: boolean; warnings: Array<Record<string, unknown>> };
      expect(summary.ok).toBe(true);
      expect(summary.warnings).toEqual([
        expect.objectContaining({ file: project.path('sources', 'facts.yaml'), line: expect.any(Number), code: 'attribution-dropped', message: expect.stringMatching(/without saying who said it/) }),
      ]);
    });

    it('should print { ok: false, problems } on failure', async () => {
      await breakAQuote(project);
      const run = await runCli(['check', '--json'], project.root);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, problems: [expect.objectContaining({ code: 'quote-not-found' })] });
    });
  });

  describe('colour', () => {
    it('should print no ANSI colour, even where colour is forced', async () => {
      await breakAQuote(project);
      const saved = { force: process.env['FORCE_COLOR'], no: process.env['NO_COLOR'] };
      process.env['FORCE_COLOR'] = '1';
      try {
        const run = await runCli(['check'], project.root);
        expect(run.code).toBe(1);
        expect(run.stderr).toMatch(/ {2}> \d+ \|/);
        expect(run.stderr).not.toContain('\u001b[');
      } finally {
        if (saved.force === undefined) delete process.env['FORCE_COLOR'];
        else process.env['FORCE_COLOR'] = saved.force;
      }
    });
  });
});
