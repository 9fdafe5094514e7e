import { createRequire } from 'node:module';
import path from 'node:path';
import type { VFileMessage } from 'vfile-message';

/** Options for printing diagnostics. */
export interface FormatOptions {
  /** Paths are printed relative to this directory. */
  readonly cwd: string;
  /** Source text by absolute path, for code frames. */
  readonly sources?: ReadonlyMap<string, string>;
}

/**
 * One diagnostic as the CLI prints it:
 * `path:line:col  error  message  [code]`, the hint, the expected value and a code frame.
 */
export function formatMessage(message: VFileMessage, options: FormatOptions): string {
  const file = message.file ? path.relative(options.cwd, message.file) || message.file : '';
  const where = [file, message.line ?? undefined, message.column ?? undefined]
    .filter((part) => part !== undefined && part !== '')
    .join(':');
  const severity = message.fatal === true ? 'error' : 'warning';
  const lines = [`${where ? `${where}  ` : ''}${severity}  ${message.reason}  [${message.ruleId ?? 'unknown'}]`];
  if (message.expected && message.expected.length > 0) {
    for (const expected of message.expected) lines.push(`  closest passage: ${expected}`);
  }
  if (message.note) {
    for (const line of message.note.split('\n')) lines.push(`  hint: ${line}`);
  }
  const text = message.file ? options.sources?.get(message.file) : undefined;
  if (text !== undefined && message.line) {
    // Loaded only when there is something to show (it is not needed on a good build).
    const { codeFrameColumns } = createRequire(import.meta.url)('@babel/code-frame') as typeof import('@babel/code-frame');
    const frame = codeFrameColumns(
      text,
      { start: { line: message.line, column: message.column ?? 1 } },
      { linesAbove: 1, linesBelow: 1 },
    );
    lines.push(frame.replace(/^/gm, '  '));
  }
  return lines.join('\n');
}

/** Every diagnostic, errors first, each once. */
export function formatMessages(messages: readonly VFileMessage[], options: FormatOptions): string {
  const sorted = [...messages].sort((a, b) => Number(b.fatal === true) - Number(a.fatal === true));
  return sorted.map((message) => formatMessage(message, options)).join('\n\n');
}
