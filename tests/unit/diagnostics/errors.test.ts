import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { BuildError, codes, createMessage, failOnFatal, hasFatal, InternalError, reportWarning } from '../../../src/diagnostics/index.js';

describe('BuildError', () => {
  it('should count the fatal messages it carries', () => {
    const error = new BuildError([
      createMessage(codes.duplicateId, ['fact', 'a'], { stage: 'facts' }),
      createMessage(codes.duplicateId, ['fact', 'b'], { stage: 'facts' }),
    ]);
    expect(error.name).toBe('BuildError');
    expect(error.message).toBe('The build stopped: 2 problems in the input.');
    expect(error.messages).toHaveLength(2);
  });
});

describe('InternalError', () => {
  it('should say that it is a bug', () => {
    const error = new InternalError('no layout');
    expect(error.name).toBe('InternalError');
    expect(error.message).toMatch(/^no layout \(this is a bug in briefs; please report it\)$/);
  });
});

describe('failOnFatal and hasFatal', () => {
  it('should throw a BuildError only when a message is fatal', () => {
    const file = new VFile({ path: '/p/facts.yaml' });
    reportWarning(file, codes.unknownTopic, ['f', 't', []], { stage: 'facts' });
    expect(() => failOnFatal(file.messages)).not.toThrow();
    expect(hasFatal([file])).toBe(false);
    file.messages.push(createMessage(codes.duplicateId, ['fact', 'f'], { stage: 'facts' }));
    expect(() => failOnFatal(file.messages)).toThrow(BuildError);
    expect(hasFatal([file])).toBe(true);
  });
});

describe('codes', () => {
  it('should use unique kebab-case codes', () => {
    const all = Object.values(codes).map((entry) => entry.code);
    expect(new Set(all).size).toBe(all.length);
    for (const code of all) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('should never start a message with "Error:"', () => {
    expect(codes.quoteNotFound.message('f', 's')).not.toMatch(/^Error/);
    for (const entry of Object.values(codes)) expect(entry.hint).not.toMatch(/^Error/);
  });
});
