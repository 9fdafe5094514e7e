import type { SourceDoc } from '../ingest/index.js';
import { englishLocale, type Locale } from '../locale/index.js';
import { formatIsoDate } from './format-date.js';
import { escapeInline, listOf } from './markdown-text.js';

/** A source's short name for running text and tables: its `label` in sources.yaml, or its title. */
export function sourceLabel(doc: SourceDoc): string {
  return doc.bib.label ?? doc.bib.title;
}

/** A source's publication date as ISO (`2011-06-27`), if the bibliography gives one. */
export function issuedIso(doc: SourceDoc): string | undefined {
  const parts = doc.bib.issued?.['date-parts'][0];
  if (!parts || parts.length === 0) return undefined;
  return parts.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0'))).join('-');
}

/** A source's publication date as the brief writes it (`27 June 2011`), if known. */
export function issuedText(doc: SourceDoc, language: Locale = englishLocale()): string | undefined {
  const iso = issuedIso(doc);
  return iso ? formatIsoDate(iso, language) : undefined;
}

/** The sources some facts cite, once each, by their short names: "the 2011 TIP report and Wikipedia, “Prostitution in Kosovo”". */
export function sourcesOf(
  facts: readonly { readonly citations: readonly { readonly source: string }[] }[],
  docs: ReadonlyMap<string, SourceDoc>,
  language: Locale = englishLocale(),
): string {
  return listOf(
    [...new Set(facts.flatMap((fact) => fact.citations.map((citation) => citation.source)))].map((id) => {
      const doc = docs.get(id);
      return doc ? escapeInline(sourceLabel(doc)) : id;
    }),
    language,
  );
}
