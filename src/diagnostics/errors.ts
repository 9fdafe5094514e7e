import type { VFileMessage } from 'vfile-message';

/** A build stopped by problems in the user's input: carries every collected message. */
export class BuildError extends Error {
  /** The diagnostics, each located in the file at fault. */
  readonly messages: readonly VFileMessage[];

  constructor(messages: readonly VFileMessage[], options?: { cause?: unknown }) {
    const fatal = messages.filter((message) => message.fatal === true).length;
    super(`The build stopped: ${fatal} problem${fatal === 1 ? '' : 's'} in the input.`, options);
    this.name = 'BuildError';
    this.messages = messages;
  }
}

/** Something that should never happen: a bug in this tool, not in the user's input. */
export class InternalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`${message} (this is a bug in briefs; please report it)`, options);
    this.name = 'InternalError';
  }
}

/** Throw a BuildError carrying all messages of the given files if any is fatal. */
export function failOnFatal(messages: readonly VFileMessage[]): void {
  if (messages.some((message) => message.fatal === true)) throw new BuildError(messages);
}
