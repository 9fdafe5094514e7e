import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { codes, createMessage, formatMessage, formatMessages, reportError, reportWarning } from '../../../src/diagnostics/index.js';

const cwd = path.join(path.sep, 'project');
const factsPath = path.join(cwd, 'sources', 'facts.yaml');
const factsText = ['- id: demo-fact', '  citations:', '    - source: demo', '      quote: "not in the text"', '  statement: x', ''].join('\n');

function quoteNotFound() {
  const file = new VFile({ path: factsPath, value: factsText });
  return reportError(file, codes.quoteNotFound, ['demo-fact', 'demo'], {
    place: { line: 4, column: 14 },
    stage: 'facts',
    expected: ['¶ 2 (similarity 0.91): “in the text”'],
    actual: 'not in the text',
  });
}

describe('formatMessage', () => {
  it('should print `path:line:col  error  message  [code]` with the path relative to cwd', () => {
    const first = formatMessage(quoteNotFound(), { cwd }).split('\n')[0];
    expect(first).toBe(
      `${path.join('sources', 'facts.yaml')}:4:14  error  The quote of fact "demo-fact" is not in source "demo".  [quote-not-found]`,
    );
  });

  it('should print the closest passage and the hint', () => {
    const lines = formatMessage(quoteNotFound(), { cwd }).split('\n');
    expect(lines).toContain('  closest passage: ¶ 2 (similarity 0.91): “in the text”');
    expect(lines).toContain(`  hint: ${codes.quoteNotFound.hint}`);
  });

  it('should print a code frame pointing at the line when the source text is given', () => {
    const text = formatMessage(quoteNotFound(), { cwd, sources: new Map([[factsPath, factsText]]) });
    expect(text).toMatch(/> 4 \|\s+quote: "not in the text"/);
    expect(text).toMatch(/\n\s+\|\s+\^/);
    expect(text).toContain('3 |     - source: demo');
    expect(text).toContain('5 |   statement: x');
  });

  it('should print no code frame without the source text', () => {
    expect(formatMessage(quoteNotFound(), { cwd })).not.toContain(' | ');
  });

  it('should print a warning as a warning', () => {
    const file = new VFile({ path: factsPath });
    const message = reportWarning(file, codes.unknownTopic, ['f', 'nope', ['a', 'b']], { place: { line: 2, column: 3 }, stage: 'facts' });
    expect(formatMessage(message, { cwd }).split('\n')[0]).toMatch(/^sources.facts\.yaml:2:3  warning  Fact "f" has the topic "nope", but there is no brief with that id \(briefs: a, b\)\.  \[unknown-topic\]$/);
  });

  it('should print a message without a file or place from its severity on', () => {
    const message = createMessage(codes.browserNotFound, [], { stage: 'render' });
    const lines = formatMessage(message, { cwd }).split('\n');
    expect(lines[0]).toBe('error  No Chromium or Chrome browser was found to render the PDFs.  [browser-not-found]');
    expect(lines[1]).toMatch(/^  hint: Install one/);
  });

  it('should print the hint and an extra note on their own lines', () => {
    const message = createMessage(codes.sourceEmpty, ['documents/x.txt'], { stage: 'ingest', note: 'one\ntwo' });
    const lines = formatMessage(message, { cwd }).split('\n');
    expect(lines.slice(1)).toEqual([`  hint: ${codes.sourceEmpty.hint}`, '  hint: one', '  hint: two']);
  });
});

describe('formatMessages', () => {
  it('should print errors before warnings, separated by a blank line', () => {
    const file = new VFile({ path: factsPath });
    const warning = reportWarning(file, codes.unknownTopic, ['f', 't', []], { place: { line: 1, column: 1 }, stage: 'facts' });
    const error = reportError(file, codes.duplicateId, ['fact', 'f'], { place: { line: 9, column: 7 }, stage: 'facts' });
    const text = formatMessages([warning, error], { cwd });
    const blocks = text.split('\n\n');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/:9:7  error  The fact id "f" is used twice\.  \[duplicate-id\]/);
    expect(blocks[1]).toMatch(/:1:1  warning  /);
  });
});

describe('reportError', () => {
  it('should attach a fatal, located message from the catalogue to the file', () => {
    const file = new VFile({ path: factsPath });
    const cause = new Error('low level');
    const message = reportError(file, codes.duplicateId, ['fact', 'x'], { place: { line: 3, column: 5 }, stage: 'facts', cause });
    expect(file.messages).toEqual([message]);
    expect(message).toMatchObject({
      ruleId: 'duplicate-id',
      source: 'facts',
      fatal: true,
      line: 3,
      column: 5,
      file: factsPath,
      reason: 'The fact id "x" is used twice.',
      note: codes.duplicateId.hint,
      cause,
    });
  });
});
