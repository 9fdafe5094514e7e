import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import type { DiagnosticData } from './codes.js';

/** Extra fields of a diagnostic: where it is, and what would have been right. */
export interface DiagnosticExtras {
  /** Line and column (1-based) in the file at fault. */
  readonly place?: Point | Position | undefined;
  /** What was expected, such as the closest passage of a source. */
  readonly expected?: readonly string[] | undefined;
  /** The offending value. */
  readonly actual?: string | undefined;
  /** A longer note printed under the hint. */
  readonly note?: string | undefined;
  /** The stage that reports it, such as `facts`. */
  readonly stage: string;
  /** The lower-level error that caused it. */
  readonly cause?: unknown;
}

/**
 * Attach a fatal, located diagnostic from the catalogue to `file`.
 * Nothing is thrown: the orchestrator checks for fatal messages between stages.
 */
export function reportError<Args extends unknown[]>(
  file: VFile,
  data: DiagnosticData<Args>,
  args: Args,
  extras: DiagnosticExtras,
): VFileMessage {
  const message = createMessage(data, args, extras);
  message.file = file.path;
  message.fatal = true;
  file.messages.push(message);
  return message;
}

/** Attach a warning (not fatal) from the catalogue to `file`. */
export function reportWarning<Args extends unknown[]>(
  file: VFile,
  data: DiagnosticData<Args>,
  args: Args,
  extras: DiagnosticExtras,
): VFileMessage {
  const message = createMessage(data, args, extras);
  message.file = file.path;
  message.fatal = false;
  file.messages.push(message);
  return message;
}

/** Build a message from a catalogue entry without attaching it to a file. */
export function createMessage<Args extends unknown[]>(
  data: DiagnosticData<Args>,
  args: Args,
  extras: DiagnosticExtras,
): VFileMessage {
  const cause = extras.cause instanceof Error ? extras.cause : undefined;
  const message = new VFileMessage(data.message(...args), {
    place: extras.place,
    ruleId: data.code,
    source: extras.stage,
    ...(cause ? { cause } : {}),
  });
  message.fatal = true;
  message.note = [data.hint, extras.note].filter(Boolean).join('\n');
  if (extras.expected) message.expected = [...extras.expected];
  if (extras.actual !== undefined) message.actual = extras.actual;
  return message;
}

/** Whether any of the files carries a fatal message. */
export function hasFatal(files: Iterable<VFile>): boolean {
  for (const file of files) {
    if (file.messages.some((message) => message.fatal === true)) return true;
  }
  return false;
}
