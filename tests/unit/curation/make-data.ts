import { VFile } from 'vfile';
import type { CurationBrief, CurationFact } from '../../../src/curation/index.js';
import type { Paragraph, SourceDoc } from '../../../src/ingest/index.js';
import { locatorOf } from '../../../src/ingest/index.js';

/** A document with `count` paragraphs; `pageOf(n)` puts ¶ n on a PDF page (and makes it a PDF). */
export function makeDoc(
  id: string,
  count: number,
  options: { readonly pageOf?: (n: number) => number; readonly pages?: number; readonly labels?: readonly string[] } = {},
): SourceDoc {
  const paragraphs: Paragraph[] = Array.from({ length: count }, (_, index) => {
    const n = index + 1;
    const page = options.pageOf?.(n);
    return {
      n,
      text: `Paragraph ${n} of ${id}.`,
      line: 2 * n - 1,
      ...(page !== undefined ? { page, pageLabel: options.labels?.[page - 1] ?? String(page) } : {}),
    };
  });
  const pdf = options.pageOf !== undefined;
  return {
    id,
    path: `/project/sources/documents/${id}.${pdf ? 'pdf' : 'txt'}`,
    digest: `${id.length.toString(16).padStart(2, '0')}${'ab'.repeat(31)}`,
    file: new VFile({ path: `/project/sources/documents/${id}.txt`, value: paragraphs.map((p) => p.text).join('\n\n') }),
    format: pdf ? 'pdf' : 'text',
    ...(pdf ? { pages: options.pages ?? Math.max(...paragraphs.map((p) => p.page ?? 0)) } : {}),
    bib: { id, type: 'report', title: `The ${id} document` },
    headings: [],
    paragraphs,
    chrome: [],
    entryLine: 1,
  };
}

/** A verified fact citing `cites` (document and ¶ n), located as the build locates it. */
export function makeFact(
  id: string,
  topics: readonly string[],
  cites: ReadonlyArray<readonly [doc: SourceDoc, n: number]>,
  tip?: { readonly report: number },
): CurationFact {
  return {
    id,
    topics: [...topics],
    ...(tip ? { tip } : {}),
    citations: cites.map(([doc, n]) => ({ source: doc.id, match: { paragraph: n, locator: locatorOf(doc.paragraphs[n - 1]!) } })),
  };
}

export const factMap = (facts: readonly CurationFact[]) => new Map(facts.map((fact) => [fact.id, fact]));

export const makeBrief = (briefId: string, usedFacts: readonly string[]): CurationBrief => ({
  briefId,
  usedFacts,
  matter: { title: `The ${briefId} brief` },
});
