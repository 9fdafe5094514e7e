import { describe, expect, it } from 'vitest';
import { parseCommand, usage } from '../../../src/cli/index.js';
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

  it('should reject an unknown command and point to --help', () => {
    expect(usageError(['publish']).message).toBe('Unknown command "publish". The commands are build, check, fetch, sources and coverage; use --help to see them.');
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
    expect(usageError(['build', '--format', 'html,docx']).message).toBe('Unknown format "docx": use html, pdf or html,pdf.');
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
