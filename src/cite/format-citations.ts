import CSL from 'citeproc';
import type { VerifiedFact } from '../facts/index.js';
import type { SourceDoc } from '../ingest/index.js';
import type { CitationStyle } from './citation-style.js';

/** The note for one cited fact. */
export interface FormattedNote {
  /** The fact the note cites. */
  readonly factId: string;
  /** The note's number in its brief. */
  readonly n: number;
  /** The reference(s), as HTML from the CSL processor (with the ¶ locator). */
  readonly referenceHtml: string;
  /** Short excerpts of the quoted passages, one per citation. */
  readonly excerpts: readonly { readonly sourceId: string; readonly paragraph: number; readonly text: string }[];
}

/** Notes and the Sources list of one brief. */
export interface FormattedCitations {
  readonly notes: readonly FormattedNote[];
  /** One bibliography entry (HTML) per cited document, in the style's order. */
  readonly bibliography: readonly { readonly sourceId: string; readonly html: string }[];
}

/** Cut a quote to about `max` characters at a word boundary. */
export function excerpt(quote: string, max = 140): string {
  const text = quote.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${cut.slice(0, space > max * 0.6 ? space : max).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * Format the notes of one brief, in order of first use, with a fresh citeproc-js engine
 * (so Chicago's full first note and short later notes restart with each brief).
 */
export function formatCitations(
  orderedFacts: readonly VerifiedFact[],
  docs: ReadonlyMap<string, SourceDoc>,
  style: CitationStyle,
): FormattedCitations {
  const engine = new CSL.Engine(
    {
      retrieveLocale: () => style.locale,
      retrieveItem: (id: string) => docs.get(id)?.bib,
    },
    style.style,
    style.lang,
  );
  engine.setOutputFormat('html');
  const cited = [...new Set(orderedFacts.flatMap((fact) => fact.citations.map((citation) => citation.source)))];
  engine.updateItems(cited);

  const texts = new Map<string, string>();
  const pre: Array<[string, number]> = [];
  orderedFacts.forEach((fact, index) => {
    const citationID = `note-${index + 1}`;
    const [, updates] = engine.processCitationCluster(
      {
        citationID,
        citationItems: fact.citations.map((citation) => ({
          id: citation.source,
          locator: String(citation.match.paragraph),
          label: 'paragraph',
        })),
        properties: { noteIndex: index + 1 },
      },
      pre,
      [],
    );
    for (const [, text, id] of updates) texts.set(id, text);
    pre.push([citationID, index + 1]);
  });

  const notes = orderedFacts.map((fact, index) => ({
    factId: fact.id,
    n: index + 1,
    referenceHtml: texts.get(`note-${index + 1}`) ?? '',
    excerpts: fact.citations.map((citation) => ({
      sourceId: citation.source,
      paragraph: citation.match.paragraph,
      text: excerpt(citation.quote),
    })),
  }));

  const made = cited.length > 0 ? engine.makeBibliography() : false;
  const bibliography = made
    ? made[1].map((html, index) => ({ sourceId: made[0].entry_ids[index]?.[0] ?? '', html: html.trim() }))
    : [];
  return { notes, bibliography };
}
