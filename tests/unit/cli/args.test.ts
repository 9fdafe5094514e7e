import { describe, expect, it } from 'vitest';
import { parseCommand, usage } from '../../../src/cli/index.js';
import { commandNames, commandUsage } from '../../../src/cli/args.js';
import { didYouMean } from '../../../src/diagnostics/suggest.js';
import { UsageError } from '../../../src/config/index.js';

function usageError(argv: readonly string[]): UsageError {
  try {
    parseCommand(argv);
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('parseCommand', () => {
  it('should parse a bare command with no options', () => {
    expect(parseCommand(['build'])).toMatchObject({ name: 'build', options: {} });
    expect(parseCommand(['build']).options).toEqual({});
    expect(parseCommand(['check'])).toMatchObject({ name: 'check', options: {} });
    expect(parseCommand(['check']).options).toEqual({});
  });

  it('should reject an unknown flag and point to --help', () => {
    const error = usageError(['build', '--colour']);
    expect(error.message).toMatch(/--colour/);
    expect(error.message).toMatch(/Use --help to see the options\.$/);
  });

  it('should parse preview with its port, and keep --port to preview', () => {
    expect(parseCommand(['preview']).preview).toEqual({ port: 4400, fixed: false });
    expect(parseCommand(['preview', '--port', '8080', '--brief', 'tip-assessment']).preview).toEqual({ port: 8080, fixed: true });
    expect(parseCommand(['preview', '--port', '0']).preview).toEqual({ port: 0, fixed: true });
    expect(usageError(['preview', '--port', 'http']).message).toMatch(/--port takes a port number/);
    expect(usageError(['preview', '--port', '70000']).message).toMatch(/--port takes a port number/);
    expect(usageError(['build', '--port', '8080']).message).toBe('--port goes with `briefs preview`, not `briefs build`.');
    expect(usageError(['preview', '--watch']).message).toMatch(/--watch go with `briefs build`/);
  });

  it('should reject an unknown command and point to --help', () => {
    expect(usageError(['publish']).message).toBe('Unknown command "publish". The commands are build, preview, check, fetch, sources, coverage and init; use --help to see them.');
  });

  it('should reject an extra positional argument', () => {
    expect(usageError(['build', 'legal-framework']).message).toMatch(/^Unexpected argument "legal-framework"\. Use --help/);
  });

  it('should split --format into a list', () => {
    expect(parseCommand(['build', '--format', 'pdf,html']).options).toEqual({ formats: ['pdf', 'html'] });
    expect(parseCommand(['build', '--format=html']).options).toEqual({ formats: ['html'] });
    expect(parseCommand(['build', '--format', ' html , pdf ']).options).toEqual({ formats: ['html', 'pdf'] });
  });

  it('should reject an unknown format', () => {
    expect(usageError(['build', '--format', 'html,odt']).message).toBe('Unknown format "odt": use html, pdf, docx or a list such as html,pdf.');
    expect(parseCommand(['build', '--format', 'html,docx']).options).toEqual({ formats: ['html', 'docx'] });
  });

  it('should take --paper letter, in any case', () => {
    expect(parseCommand(['build', '--paper', 'letter']).options).toEqual({ paper: 'letter' });
    expect(parseCommand(['build', '--paper', 'A4']).options).toEqual({ paper: 'a4' });
  });

  it('should reject an unknown paper size', () => {
    expect(usageError(['build', '--paper', 'A3']).message).toBe('Unknown paper size "A3": use a4 or letter.');
  });

  it('should take --evidence annex, notes or none, in any case, and reject another', () => {
    expect(parseCommand(['build', '--evidence', 'notes']).options).toEqual({ evidence: 'notes' });
    expect(parseCommand(['build', '--evidence=NONE']).options).toEqual({ evidence: 'none' });
    expect(parseCommand(['build', '--evidence', 'annex']).options).toEqual({ evidence: 'annex' });
    expect(usageError(['build', '--evidence', 'end']).message).toBe('Unknown evidence placement "end": use annex, notes or none.');
  });

  it('should collect a repeated --brief', () => {
    expect(parseCommand(['build', '--brief', 'legal-framework', '--brief', 'unmik-era']).options).toEqual({
      briefs: ['legal-framework', 'unmik-era'],
    });
  });

  it('should pass the folder options through', () => {
    expect(parseCommand(['check', '--sources', 'src-data', '--templates', 'tpl', '--out', 'dist']).options).toEqual({
      sources: 'src-data',
      templates: 'tpl',
      out: 'dist',
    });
  });

  it('should reject a flag without its value', () => {
    expect(usageError(['build', '--brief']).message).toMatch(/--brief/);
  });

  it('should read help and version in any position', () => {
    expect(parseCommand([]).name).toBe('help');
    expect(parseCommand(['help']).name).toBe('help');
    expect(parseCommand(['build', '-h']).name).toBe('help');
    expect(parseCommand(['--version']).name).toBe('version');
    expect(parseCommand(['-v']).name).toBe('version');
  });

  it('should describe every option in the usage text', () => {
    for (const flag of ['--brief', '--format', '--paper', '--out', '--sources', '--templates', '--help', '--version']) {
      expect(usage).toContain(flag);
    }
  });
});

describe('did you mean', () => {
  it('should name the command a mistyped one was meant to be', () => {
    expect(usageError(['biuld']).message).toBe('Unknown command "biuld": did you mean "build"? Use --help to see the commands.');
    expect(usageError(['chek']).message).toMatch(/^Unknown command "chek": did you mean "check"\?/);
    expect(usageError(['Coverage']).message).toMatch(/did you mean "coverage"\?/);
    expect(usageError(['inti']).message).toMatch(/did you mean "init"\?/);
    expect(usageError(['hlep']).message).toMatch(/did you mean "help"\?/);
  });

  it('should name the option a mistyped one was meant to be', () => {
    expect(usageError(['build', '--forse']).message).toBe('Unknown option "--forse": did you mean "--force"? Use --help to see the options.');
    expect(usageError(['build', '--dryrun']).message).toMatch(/did you mean "--dry-run"\?/);
    expect(usageError(['build', '--breif', 'x']).message).toMatch(/did you mean "--brief"\?/);
    expect(usageError(['check', '--jsno']).message).toMatch(/did you mean "--json"\?/);
    expect(usageError(['check', '--roto', 'x']).message).toMatch(/did you mean "--root"\?/);
  });

  it('should suggest nothing for a name that is no near miss', () => {
    expect(usageError(['build', '--colour']).message).toBe('Unknown option "--colour". Use --help to see the options.');
    expect(usageError(['build', '-x']).message).toBe('Unknown option "-x". Use --help to see the options.');
    expect(usageError(['publish']).message).not.toMatch(/did you mean/);
    expect(didYouMean('ab', ['cd'])).toBeUndefined();
    expect(didYouMean('build', ['build'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('should ask about a mistyped command in `help COMMAND` too', () => {
    expect(usageError(['help', 'biuld']).message).toMatch(/^Unknown command "biuld": did you mean "build"\?/);
    expect(usageError(['biuld', '--help']).message).toMatch(/did you mean "build"\?/);
  });
});

describe('help for one command', () => {
  it('should read `help COMMAND`, `COMMAND --help` and `COMMAND -h` alike', () => {
    for (const name of commandNames) {
      expect(parseCommand(['help', name])).toMatchObject({ name: 'help', topic: name });
      expect(parseCommand([name, '--help'])).toMatchObject({ name: 'help', topic: name });
      expect(parseCommand([name, '-h'])).toMatchObject({ name: 'help', topic: name });
    }
    expect(parseCommand(['help']).topic).toBeUndefined();
    expect(parseCommand(['--help']).topic).toBeUndefined();
    expect(parseCommand(['help', 'help']).topic).toBeUndefined();
    expect(usageError(['help', 'build', 'check']).message).toMatch(/^Unexpected argument "check"/);
  });

  it("should list only the command's own options, and the ones every command takes", () => {
    /** The options a usage text lists, one per line. */
    const flags = (text: string) => [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]);
    const everywhere = ['--root', '--quiet', '--help'];
    expect(flags(commandUsage('build'))).toEqual(['--brief', '--format', '--paper', '--notes', '--evidence', '--out', '--sources', '--templates', '--force', '--dry-run', '--watch', '--booklet', '--json', ...everywhere]);
    expect(flags(commandUsage('check'))).toEqual(['--brief', '--sources', '--templates', '--json', ...everywhere]);
    expect(flags(commandUsage('fetch'))).toEqual(['--accept', '--timeout', '--sources', '--out', '--json', ...everywhere]);
    expect(flags(commandUsage('sources'))).toEqual(['--sources', '--templates', '--json', ...everywhere]);
    expect(flags(commandUsage('coverage'))).toEqual(['--brief', '--sources', '--templates', '--json', ...everywhere]);
    expect(flags(commandUsage('init'))).toEqual(['--title', ...everywhere]);
    expect(flags(usage)).toContain('--version');

    expect(commandUsage('build')).toMatch(/^Usage: briefs build \[options\]\n\nVerify every quote/);
    expect(commandUsage('check')).toMatch(/--json {14}print a JSON summary on stdout: ok, the numbers of sources, facts, quotes and\n {22}briefs, and the warnings/);
    expect(commandUsage('check')).toContain('-C, --root DIR');
    expect(commandUsage('check')).toContain('-q, --quiet');
    expect(commandUsage('fetch')).toMatch(/^Usage: briefs fetch \[ID\]… \[options\]/);
    // No "(fetch)" in fetch's own help: it goes without saying there.
    expect(commandUsage('fetch')).toMatch(/--accept {12}move the pin/);
    expect(commandUsage('init')).toMatch(/^Usage: briefs init \[DIR\] \[options\]/);
    expect(commandUsage('init')).toMatch(/--title TEXT {8}the collection's title/);
  });

  it('should keep every line of the usage texts within 100 characters', () => {
    for (const text of [usage, ...commandNames.map(commandUsage)]) {
      for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(100);
    }
  });

  it('should list init, help COMMAND, --root and --quiet in the overview', () => {
    expect(usage).toMatch(/^ {2}init {6}start a new collection/m);
    expect(usage).toContain('`briefs help COMMAND`');
    expect(usage).toContain('-C, --root DIR');
    expect(usage).toContain('-q, --quiet');
  });
});

describe('--root, --quiet and init', () => {
  it('should take --root DIR and -C DIR for any command, apart from the options', () => {
    expect(parseCommand(['build', '--root', '../moldova'])).toMatchObject({ name: 'build', root: '../moldova', options: {} });
    expect(parseCommand(['build', '--root', '../moldova']).options).toEqual({});
    expect(parseCommand(['-C', 'moldova', 'check'])).toMatchObject({ name: 'check', root: 'moldova' });
    expect(parseCommand(['coverage', '-C=moldova']).root).toBe('=moldova');
    expect(parseCommand(['sources', '--root=moldova']).root).toBe('moldova');
    expect(parseCommand(['-C', 'moldova', 'init'])).toMatchObject({ name: 'init', root: 'moldova', init: { dir: '.' } });
    expect(parseCommand(['build']).root).toBeUndefined();
    expect(usageError(['build', '--root', '']).message).toMatch(/--root \(-C\) takes a folder/);
    expect(usageError(['build', '--root']).message).toMatch(/--root/);
  });

  it('should take --quiet and -q, off by default', () => {
    expect(parseCommand(['build']).quiet).toBe(false);
    expect(parseCommand(['build', '--quiet']).quiet).toBe(true);
    expect(parseCommand(['-q', 'check'])).toMatchObject({ name: 'check', quiet: true });
    expect(parseCommand(['fetch', '-q', 'tip-2011'])).toMatchObject({ name: 'fetch', quiet: true, fetch: { ids: ['tip-2011'] } });
    expect(parseCommand(['init', 'x', '-q'])).toMatchObject({ name: 'init', quiet: true });
  });

  it('should read `init [DIR]` with --title, and refuse what does not go with it', () => {
    expect(parseCommand(['init'])).toMatchObject({ name: 'init', init: { dir: '.' } });
    expect(parseCommand(['init', 'moldova'])).toMatchObject({ name: 'init', init: { dir: 'moldova' } });
    expect(parseCommand(['init', 'moldova', '--title', ' Trafficking in Moldova '])).toMatchObject({ init: { dir: 'moldova', title: 'Trafficking in Moldova' } });
    expect(usageError(['init', 'a', 'b']).message).toMatch(/^Unexpected argument "b"/);
    expect(usageError(['init', '--force']).message).toBe('--force does not go with `briefs init`. Use `briefs help init` to see its options.');
    expect(usageError(['init', '--title', ' ']).message).toMatch(/--title takes the title/);
    expect(usageError(['build', '--title', 'x']).message).toBe('--title goes with `briefs init`, not `briefs build`.');
  });
});
