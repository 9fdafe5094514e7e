import type { BuildError } from '../diagnostics/index.js';

const texts = Symbol('texts');

/** Attach the texts of the files a BuildError's messages point into (for code frames). */
export function attachTexts(error: BuildError, files: ReadonlyMap<string, string>): BuildError {
  Object.defineProperty(error, texts, { value: files });
  return error;
}

/** The source texts a BuildError's messages point into, if the pipeline attached them. */
export function textsOf(error: BuildError): ReadonlyMap<string, string> {
  return (error as BuildError & { [texts]?: ReadonlyMap<string, string> })[texts] ?? new Map();
}
