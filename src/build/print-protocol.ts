// The messages between a build and its print worker (worker-printer.ts ↔ print-worker.ts), and
// the errors that cross with them. Everything here is plain data: it is copied between threads.
import { VFileMessage } from 'vfile-message';
import { BuildError } from '../diagnostics/index.js';
import type { PrintableBrief, PrintSettings, RenderedPdf } from './print-queue.js';

/** What the build asks of the worker. */
export type ToWorker =
  /** `concurrency`: the pages of the browser the worker starts (the queues' settings say so too). */
  | { readonly kind: 'start'; readonly concurrency: number }
  | { readonly kind: 'queue'; readonly build: number; readonly settings: PrintSettings; readonly pack: boolean }
  /** `fonts`: the fonts piece of this and the next briefs' HTML (left empty in `brief.html`), when new. */
  | { readonly kind: 'warm'; readonly build: number; readonly fonts: string | undefined }
  | { readonly kind: 'add'; readonly build: number; readonly brief: PrintableBrief; readonly fonts?: string; readonly print: boolean }
  | { readonly kind: 'pack'; readonly build: number; readonly pack: PrintableBrief; readonly briefIds: readonly string[]; readonly fontCss: string }
  | { readonly kind: 'release'; readonly build: number }
  | { readonly kind: 'abort'; readonly build: number }
  | { readonly kind: 'close' };

/** What the worker tells the build. */
export type FromWorker =
  | { readonly kind: 'started'; readonly version: string; readonly ms: number }
  | { readonly kind: 'start-failed'; readonly error: SerializedError }
  | { readonly kind: 'pdf'; readonly build: number; readonly briefId: string; readonly pdf: RenderedPdf }
  | { readonly kind: 'failed'; readonly build: number; readonly briefId: string; readonly error: SerializedError }
  | { readonly kind: 'closed' };

interface SerializedCause {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
}

/** A diagnostic as it crosses: every field the reports read. */
interface SerializedMessage {
  readonly reason: string;
  readonly ruleId: string | undefined;
  readonly source: string | undefined;
  readonly fatal: boolean | null | undefined;
  readonly note: string | undefined;
  readonly file: string | undefined;
  readonly place: VFileMessage['place'];
  readonly expected: readonly string[] | undefined;
  readonly actual: string | undefined;
  readonly cause: SerializedCause | undefined;
}

export type SerializedError =
  | { readonly type: 'build'; readonly messages: readonly SerializedMessage[]; readonly cause: SerializedCause | undefined }
  | ({ readonly type: 'error' } & SerializedCause);

const causeOf = (value: unknown): SerializedCause | undefined =>
  value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : undefined;

const reviveCause = (cause: SerializedCause | undefined): Error | undefined => {
  if (!cause) return undefined;
  const error = new Error(cause.message);
  error.name = cause.name;
  error.stack = cause.stack;
  return error;
};

/** An error of the worker as plain data. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof BuildError) {
    return {
      type: 'build',
      cause: causeOf(error.cause),
      messages: error.messages.map((message) => ({
        reason: message.reason,
        ruleId: message.ruleId,
        source: message.source,
        fatal: message.fatal,
        note: message.note,
        file: message.file,
        place: message.place,
        expected: message.expected,
        actual: message.actual,
        cause: causeOf(message.cause),
      })),
    };
  }
  return { type: 'error', ...(causeOf(error) ?? { name: 'Error', message: String(error), stack: undefined }) };
}

/** The error again, on the build's side: a BuildError stays one, with its diagnostics. */
export function reviveError(error: SerializedError): Error {
  if (error.type === 'error') return reviveCause(error)!;
  const messages = error.messages.map((data) => {
    const cause = reviveCause(data.cause);
    const message = new VFileMessage(data.reason, { place: data.place, ruleId: data.ruleId, source: data.source, ...(cause ? { cause } : {}) });
    message.fatal = data.fatal;
    message.note = data.note;
    if (data.file !== undefined) message.file = data.file;
    if (data.expected) message.expected = [...data.expected];
    if (data.actual !== undefined) message.actual = data.actual;
    return message;
  });
  const cause = reviveCause(error.cause);
  return new BuildError(messages, cause ? { cause } : undefined);
}
