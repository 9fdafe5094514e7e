import { readFile } from 'node:fs/promises';
import { resolveTemplate } from '../config/template-folders.js';

/** A CSL style and the locale it formats in, read once per build. */
export interface CitationStyle {
  /** The style's XML. */
  readonly style: string;
  /** The locale's XML. */
  readonly locale: string;
  /** The locale tag, e.g. `en-US`. */
  readonly lang: string;
  /** The files read, for the build's inputs. */
  readonly files: readonly string[];
}

/**
 * Read `csl/<style>.csl` and `csl/locales-<lang>.xml`: the collection's (`<templates>/csl/`)
 * where it has them, else the tool's built-in ones.
 */
export async function readCitationStyle(templatesDir: string, styleName: string, lang: string): Promise<CitationStyle> {
  const folders = { templates: templatesDir };
  const [stylePath, localePath] = await Promise.all([
    resolveTemplate(folders, `csl/${styleName}.csl`),
    resolveTemplate(folders, `csl/locales-${lang}.xml`),
  ]);
  const [style, locale] = await Promise.all([readFile(stylePath, 'utf8'), readFile(localePath, 'utf8')]);
  // (Parsed by the citer, with citeproc-js, when it first formats something: see createCiter.)
  return { style, locale, lang, files: [stylePath, localePath] };
}
